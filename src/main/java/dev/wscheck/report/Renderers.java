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
            case NAGIOS:
                return Optional.of(new NagiosReporter());
            default:
                return Optional.empty();
        }
    }
}
