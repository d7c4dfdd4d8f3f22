package dev.wscheck.report;

import dev.wscheck.catalog.IpRanges;
import dev.wscheck.catalog.Plan;
import dev.wscheck.catalog.ipranges.Cidrs;
import dev.wscheck.catalog.ipranges.CrossCheck;
import dev.wscheck.catalog.ipranges.Finding;
import dev.wscheck.catalog.ipranges.IpPrefix;
import dev.wscheck.catalog.ipranges.Port443Ranges;
import dev.wscheck.report.allowlist.Allowlist;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything {@code wscheck requirements} prints about one region: the plan, and when
 * ip-ranges.json is available, the port-443 range groups, the WORKSPACES_GATEWAYS prefixes AWS's
 * page does not list, and the cross-check findings. Computed once, rendered by every format.
 */
public record RequirementsView(Plan plan, Optional<Ranges> ranges, boolean ipv6) {

    /**
     * @param source {@code file} or {@code cache}
     * @param webAccessEc2 the EC2 ranges of the region, merged: where Web Access needs TCP/UDP 80 and 443 (S1)
     */
    public record Ranges(String createDate, String syncToken, String source, List<Port443Ranges.Group> port443,
                         List<IpPrefix> undocumentedGateways, List<Finding> findings, List<IpPrefix> webAccessEc2) {}

    public static RequirementsView of(Plan plan, Optional<IpRanges> data, String source, boolean ipv6) {
        Optional<Ranges> ranges = data.map(d -> new Ranges(d.createDate(), d.syncToken(), source,
                Port443Ranges.groups(d, plan.region().code()), CrossCheck.undocumentedGateways(plan.region(), d),
                CrossCheck.findings(plan.region(), d),
                Cidrs.aggregate(d.select(IpRanges.Filter.of(plan.region().code(), "EC2")).stream().map(IpRanges.Entry::prefix).toList())));
        return new RequirementsView(plan, ranges, ipv6);
    }

    /** The allowlist for the allowlist formats, restricted to {@code rules} when not empty. */
    public Allowlist allowlist(List<String> rules) {
        Allowlist a = Allowlist.of(plan, ranges.map(Ranges::createDate), ranges.map(Ranges::port443).orElse(List.of()),
                ranges.map(Ranges::undocumentedGateways).orElse(List.of()), ranges.map(Ranges::webAccessEc2).orElse(List.of()), ipv6);
        if (rules.isEmpty()) {
            return a;
        }
        return new Allowlist(a.region(), a.regionName(), a.catalogVersion(), a.protocols(), a.ipRangesCreateDate(), a.ipv6(),
                a.rules().stream().filter(r -> rules.contains(r.id())).toList());
    }

    /** A finding's sentence in the given language. */
    static String text(Finding f, String region, Locale locale) {
        Labels l = new Labels("dev.wscheck.report.requirements", locale);
        return text(f, region, l);
    }

    static String text(Finding f, String region, Labels l) {
        String what = l.has("what." + f.documentedAs()) ? l.get("what." + f.documentedAs()) : f.documentedAs();
        return l.get("finding." + f.code(), Map.of("subject", f.subject(), "what", what, "publishedAs", f.publishedAs(), "region", region));
    }
}
