package dev.wscheck.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code check}'s options for unattended runs in branch offices (contract §7, docs/scheduling.md):
 * the site configuration, the history with its bounds, flap damping, quiet output.
 */
final class ScheduleOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Site configuration: a properties file whose keys are these long option names without dashes "
                    + "(also WSCHECK_CONFIG and the per-OS default locations, docs/scheduling.md). The command line wins.")
    Path config;

    @Option(names = "--history", paramLabel = "DIR",
            description = "Append this run to the history in DIR and report what changed since the previous run.")
    Path history;

    @Option(names = "--history-max-runs", paramLabel = "N", defaultValue = "1000",
            description = "Keep at most N runs in the history (oldest removed first). Default: ${DEFAULT-VALUE}.")
    int historyMaxRuns;

    @Option(names = "--history-max-age", paramLabel = "DUR", defaultValue = "90d", converter = AgeConverter.class,
            description = "Remove runs older than this from the history (e.g. 30d, 12h). Default: ${DEFAULT-VALUE}.")
    java.time.Duration historyMaxAge;

    @Option(names = "--alert-after", paramLabel = "N",
            description = "With --history: a failing requirement makes the run CRITICAL only once it has failed in the last N runs, "
                    + "this one included; until then the run is at most WARNING.")
    Integer alertAfter;

    @Option(names = {"-q", "--quiet"}, description = "Console: the verdict lines and the result line only.")
    boolean quiet;
}
