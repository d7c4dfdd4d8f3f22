package dev.wscheck.report;

import java.util.Optional;

/** The one table from format to renderer. Adding a format: its class, one line here. */
public final class Renderers {
    private Renderers() {}

    public static Reporter of(ReportFormat format, RenderOptions o) {
        return find(format, o).orElseThrow(() -> new IllegalStateException(format.id() + " is not built yet"));
    }

    static boolean available(ReportFormat format) {
        return find(format, RenderOptions.plain(java.util.Locale.ENGLISH, "")).isPresent();
    }

    private static Optional<Reporter> find(ReportFormat format, RenderOptions o) {
        switch (format) {
            case CONSOLE:
                return Optional.of(new ConsoleReporter(o.color(), o.verbose(), o.locale(), o.regionName()).quiet(o.quiet()));
            case JSON:
                return Optional.of(new JsonReporter());
            case HTML:
                return Optional.of(new HtmlReporter(o.locale(), o.regionName()));
            case MARKDOWN:
                return Optional.of(new MarkdownReporter(o.locale(), o.regionName()));
            case JUNIT:
                return Optional.of(new JunitReporter(o.locale()));
            case PROMETHEUS:
                return Optional.of(new PrometheusReporter());
            case NAGIOS:
                return Optional.of(new NagiosReporter(o.locale()));
            default:
                return Optional.empty();
        }
    }
}
