package dev.wscheck.cli;

import dev.wscheck.WscheckException;
import dev.wscheck.catalog.Catalog;
import dev.wscheck.catalog.RequirementDef;
import dev.wscheck.probe.Outcome;
import dev.wscheck.remediation.Remediation;
import java.io.PrintStream;
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
        Remediation remediation = Remediation.forLocale(GlobalOptions.merge(root.global, global).locale());
        Optional<Outcome> outcome = Outcome.fromCode(subject);
        if (outcome.isPresent()) {
            Outcome o = outcome.get();
            out.println(o.code() + " (" + o.family().map(k -> k.id() + " probe").orElse("any probe") + "): " + o.meaning());
            // Placeholders are filled per check in reports; here they read as <host>, <port>, ...
            remediation.template(o).ifPresent(t -> out.println("What to do: " + t.replaceAll("\\{([a-zA-Z]+)}", "<$1>")));
            return 0;
        }
        Catalog catalog = what.loadCatalog();
        Optional<RequirementDef> req = catalog.requirement(subject);
        if (req.isEmpty()) {
            throw new WscheckException("explain " + subject + ": no outcome code or requirement id of that name (see wscheck requirements --format json)");
        }
        RequirementDef d = req.get();
        out.println(d.id() + ": " + d.title());
        out.println("  category " + d.category() + ", protocol " + d.protocol() + ", " + d.importance().id() + ", proxy " + d.proxy().id());
        for (String e : d.endpoints()) {
            out.println("  checks   " + e + "  (" + String.join(" -> ", d.probes().stream().map(p -> p.id()).toList()) + ")");
        }
        for (String a : d.allowlistOnly()) {
            out.println("  allow    " + a);
        }
        d.notes().forEach(n -> out.println("  note     " + n));
        var s = catalog.sources().get(d.source());
        out.println("  source   " + s.title() + ", " + s.url());
        return 0;
    }
}
