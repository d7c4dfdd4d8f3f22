package dev.wscheck.cli;

import dev.wscheck.WscheckException;
import dev.wscheck.catalog.Catalog;
import dev.wscheck.catalog.Plan;
import dev.wscheck.catalog.Planner;
import dev.wscheck.report.EffectiveCatalog;
import dev.wscheck.report.JsonReporter;
import dev.wscheck.report.RequirementsTable;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code wscheck requirements}: what one region needs, as a table, the effective catalog (JSON), or a domain list. */
@Command(name = "requirements", mixinStandardHelpOptions = true,
        description = "Print the requirements of a region: domains, ports, ranges, what may use a proxy.")
final class RequirementsCommand implements Callable<Integer> {
    @ParentCommand
    WscheckCommand root;

    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Mixin
    CatalogOptions what = new CatalogOptions();

    @Option(names = "--format", paramLabel = "table|json|domains", defaultValue = "table",
            description = "table (readable), json (the effective catalog, stable ids), domains (one host name per line). Default: ${DEFAULT-VALUE}.")
    String format;

    @Override
    public Integer call() throws IOException {
        GlobalOptions.merge(root.global, global).locale();
        Catalog catalog = what.loadCatalog();
        if (!List.of("table", "json", "domains").contains(format.toLowerCase(Locale.ROOT))) {
            throw new WscheckException("--format " + format + ": use table, json or domains");
        }
        CatalogOptions.Region region = what.region(catalog, root.ctx.env());
        Plan plan = Planner.plan(catalog, region.code(), what.protocols(), what.directoryId(), List.of(), List.of());
        region.announce(root.ctx.err());
        Writer w = new StreamWriter(root.ctx.out());
        switch (format.toLowerCase(Locale.ROOT)) {
            case "table":
                RequirementsTable.write(plan, w);
                break;
            case "json":
                JsonReporter.mapper().writeValue(w, EffectiveCatalog.of(plan));
                w.write(System.lineSeparator());
                break;
            case "domains":
                for (String d : RequirementsTable.domains(plan)) {
                    w.write(d + System.lineSeparator());
                }
                break;
            default:
                throw new WscheckException("--format " + format + ": use table, json or domains");
        }
        w.flush();
        return 0;
    }

}
