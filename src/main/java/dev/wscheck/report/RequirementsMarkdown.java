package dev.wscheck.report;

import dev.wscheck.catalog.Plan;
import dev.wscheck.catalog.PlannedRequirement;
import dev.wscheck.catalog.ProtocolSpec;
import dev.wscheck.catalog.ProxyPolicy;
import dev.wscheck.catalog.RegionDef;
import dev.wscheck.catalog.Source;
import dev.wscheck.catalog.ipranges.Finding;
import dev.wscheck.catalog.ipranges.IpPrefix;
import dev.wscheck.catalog.ipranges.Port443Ranges;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The requirements table as a Markdown document, for a wiki page or a change ticket: the same
 * sections and labels as the console table, with every merged port-443 prefix in a collapsed
 * {@code <details>} block per group.
 */
public final class RequirementsMarkdown {
    private RequirementsMarkdown() {}

    public static void write(RequirementsView view, Locale locale, Writer w) {
        Labels l = new Labels("dev.wscheck.report.requirements", locale);
        PrintWriter out = new PrintWriter(w);
        Plan plan = view.plan();
        RegionDef r = plan.region();
        out.println("# " + l.get("title", Map.of("region", r.code(), "regionName", CatalogTexts.regionName(r.code(), r.name(), locale))));
        out.println();
        out.println(l.get("catalog", Map.of("version", plan.catalog().version(), "origin", plan.catalog().origin(),
                "protocols", String.join(", ", plan.protocols()))));
        out.println();
        out.println("## " + l.get("https.heading"));
        out.println();
        out.println("| " + l.get("col.requirement") + " | " + l.get("col.importance") + " | " + l.get("col.destination") + " |");
        out.println("|---|---|---|");
        for (PlannedRequirement q : plan.requirements()) {
            if (q.def().category().equals("streaming") || q.def().proxy() != ProxyPolicy.ALLOWED) {
                continue;
            }
            List<String> dests = new ArrayList<>();
            q.endpoints().forEach(e -> dests.add(code(e)));
            q.allowlistOnly().forEach(e -> dests.add(code(e)));
            if (dests.isEmpty() && q.skipReason().isPresent()) {
                dests.add(cell(CatalogTexts.text(q.skipReason().get().text(), locale)));
            }
            RequirementsTable.derived(r, q, l, locale).ifPresent(d -> dests.add(cell("(" + d + ")")));
            q.ipv6Endpoints().forEach(e -> dests.add(l.get("ipv6") + " " + code(e)));
            out.println("| " + code(q.id()) + " | " + l.get("importance." + q.def().importance().id()) + " | " + String.join("<br>", dests) + " |");
        }
        out.println();
        if (view.ranges().isEmpty()) {
            out.println("## " + l.get("ranges.none"));
        } else {
            RequirementsView.Ranges x = view.ranges().get();
            out.println("## " + l.get("ranges.heading", Map.of("createDate", x.createDate(), "source", l.get("source." + x.source()))));
            out.println();
            out.println("| " + l.get("ranges.col.service") + " | " + l.get("ranges.col.region") + " | IPv4 / IPv6 | " + l.get("ranges.powershell") + " |");
            out.println("|---|---|---|---|");
            for (Port443Ranges.Group g : x.port443()) {
                out.println("| " + g.service() + " | " + g.region() + " | " + cell(l.get("ranges.group", Map.of("published4", g.ipv4Published(),
                        "merged4", g.ipv4().size(), "published6", g.ipv6Published(), "merged6", g.ipv6().size()))) + " | " + code(g.powershell()) + " |");
            }
            out.println();
            out.println(l.get("ranges.total", Map.of("count4", Port443Ranges.union(x.port443(), false).size(),
                    "count6", Port443Ranges.union(x.port443(), true).size())));
            for (Port443Ranges.Group g : x.port443()) {
                out.println();
                out.println("<details><summary>" + g.service() + " " + g.region() + "</summary>");
                out.println();
                out.println("```");
                g.ipv4().forEach(out::println);
                g.ipv6().forEach(out::println);
                out.println("```");
                out.println();
                out.println("</details>");
            }
        }
        out.println();
        out.println("## " + l.get("streaming.heading"));
        for (String p : plan.protocols()) {
            boolean dcv = p.equals("dcv");
            RegionDef.GatewaySet g = dcv ? r.gateways().dcv() : r.gateways().pcoip();
            out.println();
            out.println("### " + l.get(dcv ? "streaming.dcv" : "streaming.pcoip").replaceAll(" {2,}", " "));
            out.println();
            out.println("| | |");
            out.println("|---|---|");
            String hc = r.healthCheck().map(h -> code(h.host())
                    + (h.addresses().isEmpty() ? " " + l.get("streaming.healthCheck.resolve") : " (" + String.join(", ", h.addresses()) + ")")
                    + (h.ipv6Host().isEmpty() ? "" : "<br>IPv6 " + code(h.ipv6Host()) + " " + h.ipv6Prefix()))
                    .orElse(l.get("streaming.healthCheck.none"));
            out.println("| " + l.get("streaming.healthCheck") + " | " + hc + " |");
            row(out, l.get("streaming.gatewaysV4"), g.ipv4());
            row(out, l.get("streaming.gatewaysV6"), g.ipv6());
            row(out, l.get("streaming.aga"), g.aga());
            row(out, l.get("streaming.names"), g.domains().stream().map(RequirementsMarkdown::code).toList());
            List<String> unassigned = new ArrayList<>(r.gateways().unassigned().ipv4());
            unassigned.addAll(r.gateways().unassigned().ipv6());
            row(out, l.get("streaming.unassigned"), unassigned);
            row(out, l.get("streaming.allowlist"), RequirementsTable.streamingNames(plan, p, g).stream().map(RequirementsMarkdown::code).toList());
            view.ranges().ifPresent(x -> row(out, l.get("streaming.undocumented"), x.undocumentedGateways().stream().map(IpPrefix::toString).toList()));
        }
        List<PlannedRequirement> other = RequirementsTable.other(plan);
        if (!other.isEmpty()) {
            out.println();
            out.println("## " + l.get("other.heading"));
            out.println();
            out.println("| " + l.get("col.requirement") + " | " + l.get("col.importance") + " | " + l.get("col.destination") + " |");
            out.println("|---|---|---|");
            for (PlannedRequirement q : other) {
                List<String> dests = new ArrayList<>();
                q.endpoints().forEach(e -> dests.add(code(e)));
                if (dests.isEmpty() && q.skipReason().isPresent()) {
                    dests.add(cell(CatalogTexts.text(q.skipReason().get().text(), locale)));
                }
                RequirementsTable.derived(r, q, l, locale).ifPresent(d -> dests.add(cell("(" + d + ")")));
                out.println("| " + code(q.id()) + " | " + l.get("importance." + q.def().importance().id()) + " | " + String.join("<br>", dests) + " |");
            }
        }
        out.println();
        out.println("## " + l.get("rtt.heading"));
        out.println();
        for (String p : plan.protocols()) {
            ProtocolSpec s = plan.catalog().protocols().get(p);
            out.println("- " + CatalogTexts.text(s.title(), locale) + ": " + l.get("rtt.line", Map.of("high", s.latencyHigh().toMillis(), "critical", s.latencyCritical().toMillis())));
        }
        view.ranges().ifPresent(x -> {
            out.println();
            out.println("## " + l.get("findings.heading"));
            out.println();
            if (x.findings().isEmpty()) {
                out.println(l.get("findings.none"));
            }
            for (Finding f : x.findings()) {
                out.println("- **" + l.get("severity." + f.severity().id()) + "**: " + cell(RequirementsView.text(f, r.code(), l)) + " `" + f.code() + "`");
            }
        });
        if (!r.errata().isEmpty()) {
            out.println();
            out.println("## " + l.get("errata.heading"));
            out.println();
            for (RegionDef.Erratum e : r.errata()) {
                out.println("- " + cell(CatalogTexts.text(e.text(), locale)) + " [" + e.source() + "]");
            }
        }
        out.println();
        out.println("## " + l.get("sources.heading"));
        out.println();
        for (String k : RequirementsTable.sourceKeys(plan)) {
            Source s = plan.catalog().sources().get(k);
            out.println("- " + k + ": [" + cell(CatalogTexts.text(s.title(), locale)) + "](" + s.url() + ") " + l.get("source.date", Map.of("date", CatalogTexts.text(s.date(), locale))));
        }
        out.flush();
    }

    private static void row(PrintWriter out, String label, List<String> values) {
        if (!values.isEmpty()) {
            out.println("| " + label + " | " + String.join(", ", values) + " |");
        }
    }

    private static String code(String s) {
        return "`" + s.replace("`", "'") + "`";
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("<", "&lt;");
    }
}
