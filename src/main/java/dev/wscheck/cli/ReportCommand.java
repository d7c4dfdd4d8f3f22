package dev.wscheck.cli;

import dev.wscheck.WscheckException;
import dev.wscheck.catalog.CatalogLoader;
import dev.wscheck.catalog.RegionDef;
import dev.wscheck.report.RenderOptions;
import dev.wscheck.report.Renderers;
import dev.wscheck.report.Report;
import dev.wscheck.report.ReportFormat;
import dev.wscheck.report.ReportJson;
import dev.wscheck.report.ReportTranslator;
import dev.wscheck.report.Redactor;
import dev.wscheck.report.Reporter;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code wscheck report FILE.json}: renders a saved JSON report again, in another format or
 * language, redacted if asked, with the same renderers {@code check} uses. Sends nothing.
 * Exit 0 once rendered (the saved run's own status is in the output), 3 on a bad file.
 */
@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = WscheckCommand.VersionProvider.class,
        description = "Re-render a saved JSON report (check --format json or -o FILE.json) in another format or language, without running anything.")
final class ReportCommand implements Callable<Integer> {
    @ParentCommand
    WscheckCommand root;

    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Parameters(index = "0", paramLabel = "FILE.json", descriptionKey = "report.file", description = "A JSON report saved by wscheck check.")
    Path file;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "console", descriptionKey = "report.format",
            description = "What goes to stdout: console, json, html, markdown or junit. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", descriptionKey = "report.output",
            description = "Also write the report to FILE; format from the extension (.json .html .md .xml). Repeatable.")
    List<Path> outputs = new ArrayList<>();

    @Option(names = "--redact", descriptionKey = "redact",
            description = "Remove the host name, user name, local and public addresses, directory id and proxy user from every output.")
    boolean redact;

    @Override
    public Integer call() {
        CliContext ctx = root.ctx;
        GlobalOptions g = GlobalOptions.merge(root.global, global);
        Locale locale = g.locale();
        ReportFormat stdoutFormat = ReportFormat.forName(format);
        List<ReportFormat> fileFormats = new ArrayList<>();
        for (Path o : outputs) {
            fileFormats.add(ReportFormat.forFile(o));
            ReportFiles.checkWritable(o);
        }
        Report report = ReportJson.read(file);
        report = ReportTranslator.translate(report, locale);
        if (redact) {
            report = Redactor.redact(report, List.of());
        }
        String regionName = regionName(report.region(), locale);
        for (int i = 0; i < outputs.size(); i++) {
            Reporter r = Renderers.of(fileFormats.get(i), new RenderOptions(false, g.verbose, false, locale, regionName));
            Report shown = report;
            ReportFiles.write(outputs.get(i), w -> r.write(shown, w));
        }
        boolean color = !g.noColor && ctx.stdoutTerminal() && !ctx.env().containsKey("NO_COLOR") && !"dumb".equals(ctx.env().get("TERM"));
        try {
            Writer w = new StreamWriter(ctx.out());
            Renderers.of(stdoutFormat, new RenderOptions(color, g.verbose, false, locale, regionName)).write(report, w);
            w.flush();
        } catch (IOException e) {
            throw new WscheckException("cannot write the report to stdout: " + e.getMessage(), e);
        }
        return 0;
    }

    /** The region's long name from the built-in catalog, in the language asked for; the code itself for a region it does not know. */
    static String regionName(String code, Locale locale) {
        return CatalogLoader.builtin().region(code).map(RegionDef::name).map(n -> ReportTranslator.regionName(code, n, locale)).orElse(code);
    }
}
