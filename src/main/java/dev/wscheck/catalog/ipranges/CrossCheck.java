package dev.wscheck.catalog.ipranges;

import dev.wscheck.catalog.IpRanges;
import dev.wscheck.catalog.RegionDef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Compares what AWS documents for a region (the catalog) with what AWS publishes in
 * ip-ranges.json, and says where they differ. Known cases (facts §4, §7): health-check addresses
 * sit in EC2 ranges, not WORKSPACES_GATEWAYS; Global Accelerator endpoints are GLOBALACCELERATOR;
 * some documented gateway ranges are missing from WORKSPACES_GATEWAYS (Paris and Tel Aviv PCoIP);
 * some per-region sections list another region's addresses (Paris health checks, Cape Town DCV);
 * WORKSPACES_GATEWAYS holds ranges the page does not document (us-east-1). Pure.
 */
public final class CrossCheck {
    public static final String GATEWAYS = "WORKSPACES_GATEWAYS";

    private CrossCheck() {}

    public static List<Finding> findings(RegionDef region, IpRanges ranges) {
        List<Finding> out = new ArrayList<>();
        String r = region.code();
        region.healthCheck().ifPresent(h -> {
            for (String a : h.addresses()) {
                single(a).ifPresent(p -> outsideGateways(out, r, ranges, p, "health-check-address", "health-check"));
            }
            if (!h.ipv6Prefix().isEmpty()) {
                parse(h.ipv6Prefix()).ifPresent(p -> outsideGateways(out, r, ranges, p, "health-check-ipv6-prefix", "health-check"));
            }
        });
        RegionDef.Gateways g = region.gateways();
        gatewayRanges(out, r, ranges, g.pcoip().ipv4(), "pcoip-gateway");
        gatewayRanges(out, r, ranges, g.pcoip().ipv6(), "pcoip-gateway-ipv6");
        gatewayRanges(out, r, ranges, g.dcv().ipv4(), "dcv-gateway");
        gatewayRanges(out, r, ranges, g.dcv().ipv6(), "dcv-gateway-ipv6");
        gatewayRanges(out, r, ranges, g.unassigned().ipv4(), "gateway");
        gatewayRanges(out, r, ranges, g.unassigned().ipv6(), "gateway-ipv6");
        for (String a : g.dcv().aga()) {
            parse(a).ifPresent(p -> outsideGateways(out, r, ranges, p, "dcv-aga", "aga"));
        }
        for (IpPrefix p : undocumentedGateways(region, ranges)) {
            out.add(new Finding("undocumented-gateway", Finding.Severity.WARNING, p.toString(), "workspaces-gateways",
                    r + " " + GATEWAYS + " " + p));
        }
        return out;
    }

    /** WORKSPACES_GATEWAYS prefixes of the region that no documented gateway range covers. */
    public static List<IpPrefix> undocumentedGateways(RegionDef region, IpRanges ranges) {
        List<IpPrefix> listed = new ArrayList<>();
        RegionDef.Gateways g = region.gateways();
        for (String s : g.allPrefixes()) {
            parse(s).ifPresent(listed::add);
        }
        List<IpPrefix> documented = Cidrs.aggregate(listed);
        List<IpPrefix> out = new ArrayList<>();
        for (IpRanges.Entry e : ranges.select(IpRanges.Filter.of(region.code(), GATEWAYS))) {
            boolean covered = documented.stream().anyMatch(d -> d.contains(e.prefix()));
            if (!covered) {
                out.add(e.prefix());
            }
        }
        return Cidrs.aggregate(out);
    }

    private static void gatewayRanges(List<Finding> out, String region, IpRanges ranges, List<String> documented, String what) {
        // A documented range may be published as several smaller prefixes: compare with their union.
        List<IpPrefix> gateways = Cidrs.aggregate(ranges.select(IpRanges.Filter.of(region, GATEWAYS)).stream().map(IpRanges.Entry::prefix).toList());
        for (String s : documented) {
            parse(s).ifPresent(p -> {
                if (gateways.stream().anyMatch(g -> g.contains(p))) {
                    return;
                }
                List<IpRanges.Entry> in = overlapping(ranges, p);
                boolean elsewhere = in.stream().anyMatch(e -> e.service().equals(GATEWAYS));
                if (in.isEmpty()) {
                    out.add(new Finding("not-published", Finding.Severity.WARNING, p.toString(), what, ""));
                } else if (elsewhere || !inRegion(in, region)) {
                    out.add(new Finding("other-region", Finding.Severity.WARNING, p.toString(), what, where(in)));
                } else {
                    out.add(new Finding("gateway-outside-gateways", Finding.Severity.WARNING, p.toString(), what, where(in)));
                }
            });
        }
    }

    /** The entries containing {@code p}, else those containing its first address. */
    private static List<IpRanges.Entry> overlapping(IpRanges ranges, IpPrefix p) {
        List<IpRanges.Entry> in = ranges.containing(p);
        return in.isEmpty() ? ranges.lookup(p.inetAddress()) : in;
    }

    /** Health-check addresses and AGA endpoints are expected outside WORKSPACES_GATEWAYS, inside the region (or GLOBAL). */
    private static void outsideGateways(List<Finding> out, String region, IpRanges ranges, IpPrefix p, String what, String kind) {
        List<IpRanges.Entry> in = overlapping(ranges, p);
        if (in.isEmpty()) {
            out.add(new Finding("not-published", Finding.Severity.WARNING, p.toString(), what, ""));
            return;
        }
        boolean expectedHome = kind.equals("aga")
                ? in.stream().anyMatch(e -> e.service().equals("GLOBALACCELERATOR"))
                : inRegion(in, region);
        if (!expectedHome) {
            out.add(new Finding("other-region", Finding.Severity.WARNING, p.toString(), what, where(in)));
            return;
        }
        if (in.stream().noneMatch(e -> e.service().equals(GATEWAYS))) {
            out.add(new Finding(kind.equals("aga") ? "aga-outside-gateways" : "health-check-outside-gateways", Finding.Severity.INFO,
                    p.toString(), what, where(in)));
        }
    }

    private static boolean inRegion(List<IpRanges.Entry> in, String region) {
        return in.stream().anyMatch(e -> e.region().equals(region));
    }

    /** "ap-northeast-1 EC2 18.178.0.0/16", the most specific non-AMAZON entries (AMAZON holds everything). */
    private static String where(List<IpRanges.Entry> in) {
        Set<String> parts = new LinkedHashSet<>();
        for (IpRanges.Entry e : in) {
            if (!e.service().equals("AMAZON")) {
                parts.add(e.region() + " " + e.service() + " " + e.prefix());
            }
        }
        if (parts.isEmpty()) {
            for (IpRanges.Entry e : in) {
                parts.add(e.region() + " " + e.service() + " " + e.prefix());
            }
        }
        return String.join(", ", parts);
    }

    private static java.util.Optional<IpPrefix> single(String address) {
        return dev.wscheck.catalog.Cidr.literal(address).map(b -> IpPrefix.containing(b, b.length * 8));
    }

    private static java.util.Optional<IpPrefix> parse(String text) {
        try {
            return java.util.Optional.of(IpPrefix.parse(text));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty(); // the catalog loader already rejects malformed ranges
        }
    }
}
