package dev.wscheck.catalog;

import java.util.ArrayList;
import java.util.List;

/** Renders a plan as plain lines for golden files: the region's data, then every requirement. */
final class CatalogGolden {
    private CatalogGolden() {}

    static List<String> render(Plan plan) {
        List<String> out = new ArrayList<>();
        RegionDef r = plan.region();
        out.add("region " + r.code() + " \"" + r.name() + "\" airport " + (r.airport().isEmpty() ? "-" : r.airport()) + " source " + r.source());
        r.healthCheck().ifPresent(h -> {
            out.add("health-check host " + h.host());
            h.addresses().forEach(a -> out.add("health-check address " + a));
            out.add("health-check ipv6-host " + h.ipv6Host());
            out.add("health-check ipv6-prefix " + h.ipv6Prefix());
        });
        gateways(out, "pcoip", r.gateways().pcoip());
        gateways(out, "dcv", r.gateways().dcv());
        r.errata().forEach(e -> out.add("erratum [" + e.source() + "] " + e.text()));
        for (PlannedRequirement p : plan.requirements()) {
            RequirementDef d = p.def();
            out.add("requirement " + d.id() + " " + d.category() + " " + d.protocol() + " " + d.importance().id() + " " + d.proxy().id());
            p.skipReason().ifPresent(s -> out.add("  skip " + s.text()));
            p.endpoints().forEach(e -> out.add("  endpoint " + e));
            p.ipv6Endpoints().forEach(e -> out.add("  ipv6 " + e));
            p.allowlistOnly().forEach(e -> out.add("  allow " + e));
            p.checks().forEach(c -> out.add("  check " + c.spec().key()));
        }
        return out;
    }

    private static void gateways(List<String> out, String protocol, RegionDef.GatewaySet g) {
        g.ipv4().forEach(c -> out.add("gateway " + protocol + " ipv4 " + c));
        g.ipv6().forEach(c -> out.add("gateway " + protocol + " ipv6 " + c));
        g.aga().forEach(c -> out.add("gateway " + protocol + " aga " + c));
        g.domains().forEach(c -> out.add("gateway " + protocol + " domain " + c));
    }
}
