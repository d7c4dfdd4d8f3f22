package dev.wscheck.cli;

import dev.wscheck.WscheckException;
import dev.wscheck.catalog.Catalog;
import dev.wscheck.catalog.RequirementDef;
import dev.wscheck.probe.Outcome;
import dev.wscheck.remediation.Remediation;
import dev.wscheck.report.CatalogTexts;
import dev.wscheck.report.DisplayWidth;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code wscheck explain CODE|REQUIREMENT}: what an outcome code or a requirement id means, and what to do. */
@Command(name = "explain", mixinStandardHelpOptions = true, versionProvider = WscheckCommand.VersionProvider.class,
        description = "Print the meaning and remediation of an outcome code, or what a requirement id checks.")
final class ExplainCommand implements Callable<Integer> {
    @ParentCommand
    WscheckCommand root;

    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Mixin
    CatalogOptions what = new CatalogOptions();

    @Parameters(paramLabel = "CODE|REQUIREMENT", descriptionKey = "explain.code", description = "An outcome code (e.g. tcp-refused) or a requirement id (e.g. pcoip-streaming-udp).")
    String subject;

    @Override
    public Integer call() {
        PrintStream out = root.ctx.out();
        Locale locale = GlobalOptions.merge(root.global, global).locale();
        Remediation remediation = Remediation.forLocale(locale);
        Bundle t = new Bundle("dev.wscheck.cli.explain", locale);
        Optional<Outcome> outcome = Outcome.fromCode(subject);
        if (outcome.isPresent()) {
            Outcome o = outcome.get();
            String meaning = t.get("meaning." + o.code());
            out.println(o.family().map(k -> t.get("outcome.line", "code", o.code(), "family", t.get("family." + k.id()), "meaning", meaning))
                    .orElse(t.get("outcome.line.any", "code", o.code(), "meaning", meaning)));
            // Placeholders are filled per check in reports; here they read as <host>, <port>, ...
            remediation.template(o).ifPresent(x -> out.println(t.get("outcome.todo", "text", x.replaceAll("\\{([a-zA-Z]+)}", "<$1>"))));
            return 0;
        }
        Catalog catalog = what.loadCatalog();
        Optional<RequirementDef> req = catalog.requirement(subject);
        if (req.isEmpty()) {
            throw new WscheckException("explain " + subject + ": no outcome code or requirement id of that name (see wscheck requirements --format json)");
        }
        RequirementDef d = req.get();
        out.println(t.get("requirement.line", "id", d.id(), "title", CatalogTexts.title(d.id(), d.title(), locale)));
        out.println("  " + t.get("requirement.facts", "category", t.getOr("category." + d.category(), d.category()),
                "protocol", t.getOr("protocol." + d.protocol(), d.protocol()), "importance", t.get("importance." + d.importance().id()),
                "proxy", t.get("proxy." + d.proxy().id())));
        // The labels form a column: pad each to the widest label's display width (Japanese characters count two).
        List<String> labels = List.of(t.get("label.checks"), t.get("label.allow"), t.get("label.note"), t.get("label.source"));
        int width = labels.stream().mapToInt(DisplayWidth::of).max().orElse(0) + 3;
        String probes = String.join(" -> ", d.probes().stream().map(p -> p.id()).toList());
        for (String e : d.endpoints()) {
            out.println("  " + pad(labels.get(0), width) + e + "  (" + probes + ")");
        }
        for (String a : d.allowlistOnly()) {
            out.println("  " + pad(labels.get(1), width) + a);
        }
        d.notes().forEach(n -> out.println("  " + pad(labels.get(2), width) + CatalogTexts.text(n, locale)));
        var s = catalog.sources().get(d.source());
        out.println("  " + pad(labels.get(3), width) + t.get("requirement.source", "title", CatalogTexts.text(s.title(), locale), "url", s.url()));
        return 0;
    }

    private static String pad(String label, int width) {
        return label + " ".repeat(Math.max(1, width - DisplayWidth.of(label)));
    }
}
