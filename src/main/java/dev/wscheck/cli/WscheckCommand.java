package dev.wscheck.cli;

import dev.wscheck.Version;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The root command: global options and the list of commands; {@code check} is the default. */
@Command(name = "wscheck",
        versionProvider = WscheckCommand.VersionProvider.class,
        mixinStandardHelpOptions = true,
        description = "Tells whether this network lets the Amazon WorkSpaces client work, and what to change if not.",
        subcommands = {CheckCommand.class, RequirementsCommand.class, IpRangesCommand.class, ExplainCommand.class, ReportCommand.class, ServeCommand.class, HistoryCommand.class, ReflectorCommand.class, RegionsCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:OK: every requirement passed",
            "1:WARNING: usable but degraded",
            "2:CRITICAL: at least one requirement fails",
            "3:UNKNOWN: bad input or internal error"})
final class WscheckCommand implements Callable<Integer> {
    final CliContext ctx;

    @Mixin
    GlobalOptions global = new GlobalOptions();

    WscheckCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        // Reached only for "wscheck" with global options alone; Cli.withDefaultCommand routes the rest to check.
        return new CommandLine(this).execute("--help");
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"wscheck " + Version.get()};
        }
    }
}
