package dev.wscheck.report;

import dev.wscheck.catalog.Plan;
import dev.wscheck.catalog.PlannedRequirement;
import dev.wscheck.catalog.ProtocolSpec;
import dev.wscheck.catalog.ProxyPolicy;
import dev.wscheck.catalog.RegionDef;
import dev.wscheck.catalog.Source;
import dev.wscheck.probe.Target;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A readable table of one region's requirements, grouped by purpose as the AWS pages group them:
 * HTTPS destinations (proxy allowed), streaming (never through a proxy), round-trip bounds, errata.
 */
public final class RequirementsTable {
    private RequirementsTable() {}

    public static void write(Plan plan, Writer w) {
        PrintWriter out = new PrintWriter(w);
        RegionDef r = plan.region();
        out.println("Amazon WorkSpaces client requirements for " + r.code() + " (" + r.name() + ")");
        out.println("catalog " + plan.catalog().version() + " (" + plan.catalog().origin() + "), protocols: " + String.join(", ", plan.protocols()));
        out.println();
        out.println("HTTPS, TCP 443 - the PC's proxy may carry it; no TLS inspection");
        int w1 = plan.requirements().stream().mapToInt(q -> q.id().length()).max().orElse(10) + 2;
        out.println("  " + pad("REQUIREMENT", w1) + pad("IMPORTANCE", 11) + "DESTINATION");
        for (PlannedRequirement q : plan.requirements()) {
            if (q.def().category().equals("streaming") || q.def().proxy() != ProxyPolicy.ALLOWED) {
                continue;
            }
            List<String> dests = new ArrayList<>(q.endpoints());
            dests.addAll(q.allowlistOnly());
            if (dests.isEmpty() && q.skipReason().isPresent()) {
                dests.add("(" + q.skipReason().get() + ")");
            }
            for (int i = 0; i < dests.size(); i++) {
                out.println("  " + pad(i == 0 ? q.id() : "", w1) + pad(i == 0 ? q.def().importance().id() : "", 11) + dests.get(i));
            }
        }
        out.println();
        out.println("Streaming - directly, never through a proxy (DCV TCP 4195 excepted on newer clients), no TLS inspection");
        for (String p : plan.protocols()) {
            boolean dcv = p.equals("dcv");
            RegionDef.GatewaySet g = dcv ? r.gateways().dcv() : r.gateways().pcoip();
            out.println("  " + (dcv ? "DCV    TCP+UDP 4195 (falls back to TCP/UDP 443 on clients 5.23+)" : "PCoIP  TCP+UDP 4172"));
            r.healthCheck().ifPresentOrElse(
                    h -> out.println("         health check  " + h.host() + (h.addresses().isEmpty() ? " (addresses: resolve at run time)" : " (" + String.join(", ", h.addresses()) + ")")
                            + (h.ipv6Host().isEmpty() ? "" : "; IPv6 " + h.ipv6Host() + " " + h.ipv6Prefix())),
                    () -> out.println("         health check  not published for this region"));
            line(out, "gateways IPv4", g.ipv4());
            line(out, "gateways IPv6", g.ipv6());
            line(out, "Global Accel.", g.aga());
            line(out, "gateway names", g.domains());
        }
        out.println();
        out.println("Round-trip time (TCP connect to the health-check host)");
        for (String p : plan.protocols()) {
            ProtocolSpec s = plan.catalog().protocols().get(p);
            out.println("  " + pad(s.title(), 28) + "best below " + s.latencyHigh().toMillis() + " ms, unusable above " + s.latencyCritical().toMillis() + " ms");
        }
        if (!r.errata().isEmpty()) {
            out.println();
            out.println("Known errors in AWS's documentation for this region (handled by this catalog)");
            for (RegionDef.Erratum e : r.errata()) {
                out.println("  - " + e.text() + " [" + e.source() + "]");
            }
        }
        out.println();
        out.println("Sources");
        Set<String> keys = new TreeSet<>();
        keys.add(r.source());
        plan.requirements().forEach(q -> keys.add(q.def().source()));
        plan.protocols().forEach(p -> keys.add(plan.catalog().protocols().get(p).source()));
        for (String k : keys) {
            Source s = plan.catalog().sources().get(k);
            out.println("  " + pad(k, 5) + s.title() + ", " + s.url() + " (" + s.date() + ")");
        }
        out.flush();
    }

    /** Every host name the region's requirements name, once each, wildcards as {@code *.domain}. */
    public static List<String> domains(Plan plan) {
        Set<String> out = new LinkedHashSet<>();
        for (PlannedRequirement q : plan.requirements()) {
            for (String e : q.endpoints()) {
                out.add(Target.parse(e).host());
            }
            for (String a : q.allowlistOnly()) {
                out.add(a.replaceFirst("^[a-z]+:", ""));
            }
        }
        return List.copyOf(out);
    }

    private static void line(PrintWriter out, String label, List<String> values) {
        if (!values.isEmpty()) {
            out.println("         " + pad(label, 14) + String.join(", ", values));
        }
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }
}
