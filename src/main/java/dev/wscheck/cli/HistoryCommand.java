package dev.wscheck.cli;

import dev.wscheck.WscheckException;
import dev.wscheck.history.HistoryStore;
import dev.wscheck.history.Timeline;
import dev.wscheck.history.TimelineFormat;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code wscheck history}: the runs of a --history folder and each requirement's transitions (contract §7). */
@Command(name = "history",
        versionProvider = WscheckCommand.VersionProvider.class, mixinStandardHelpOptions = true,
        description = "List the runs of a --history folder and every requirement's status changes: the timeline a support ticket needs.")
final class HistoryCommand implements Callable<Integer> {
    @ParentCommand
    WscheckCommand root;

    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Option(names = "--history", paramLabel = "DIR", required = true, description = "The folder check --history wrote.")
    Path history;

    @Option(names = "--since", paramLabel = "WHEN",
            description = "Only runs from then on: an age (7d, 12h), a date (2026-12-01) or a time (2026-12-01T09:00, 2026-12-01T09:00:00Z).")
    String since;

    @Option(names = "--format", paramLabel = "table|json|csv", defaultValue = "table", description = "Default: ${DEFAULT-VALUE}.")
    String format;

    @Override
    public Integer call() {
        Optional<Instant> from = since == null ? Optional.empty() : Optional.of(since(since, Clock.systemDefaultZone()));
        String f = format.toLowerCase(Locale.ROOT);
        if (!f.equals("table") && !f.equals("json") && !f.equals("csv")) {
            throw new WscheckException("--format " + format + ": use table, json or csv");
        }
        HistoryStore.Read read = new HistoryStore(history).read();
        Timeline t = Timeline.of(read.runs(), from);
        Locale locale = GlobalOptions.merge(root.global, global).locale();
        try {
            Writer w = new StreamWriter(root.ctx.out());
            switch (f) {
                case "json" -> TimelineFormat.json(t, w);
                case "csv" -> TimelineFormat.csv(t, w);
                default -> TimelineFormat.table(t, history, ZoneId.systemDefault(), locale, w);
            }
            w.flush();
        } catch (IOException e) {
            throw new WscheckException("cannot write to stdout: " + e.getMessage(), e);
        }
        for (Path p : read.unreadable()) {
            Messages.notice(root.ctx.err(), locale, "--history " + history + ": " + p.getFileName() + " is not a readable report; passed over");
        }
        return 0;
    }

    /** An age before now, a local date (its midnight), a local date-time, or an instant with an offset. */
    static Instant since(String text, Clock clock) {
        String t = text.trim();
        try {
            return clock.instant().minus(new AgeConverter().convert(t));
        } catch (RuntimeException e) {
            // not an age
        }
        ZoneId zone = clock.getZone();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            // no offset
        }
        try {
            return LocalDateTime.parse(t).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            // not a date-time
        }
        try {
            return LocalDate.parse(t).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new WscheckException("--since " + text + ": write an age (7d, 12h), a date (2026-12-01) or a time (2026-12-01T09:00)");
        }
    }
}
