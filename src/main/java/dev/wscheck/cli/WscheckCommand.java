package dev.wscheck.cli;

import dev.wscheck.Version;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The root command: global options and the list of commands; {@code check} is the default. The
 * commands are added by {@link #commandLine}, not listed in the annotation, so a run builds
 * picocli's model of its own command only (docs/performance.md).
 */
@Command(name = "wscheck",
        versionProvider = WscheckCommand.VersionProvider.class,
        mixinStandardHelpOptions = true,
        description = "Tells whether this network lets the Amazon WorkSpaces client work, and what to change if not.",
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

    /** Every command, in the order the help lists them (plain strings: --version's fast path reads them without picocli). */
    static final List<String> NAMES = List.of("check", "requirements", "ip-ranges", "explain", "report", "serve", "history", "reflector",
            "regions", "help");

    private static Object command(String name) {
        switch (name) {
            case "check": return new CheckCommand();
            case "requirements": return new RequirementsCommand();
            case "ip-ranges": return new IpRangesCommand();
            case "explain": return new ExplainCommand();
            case "report": return new ReportCommand();
            case "serve": return new ServeCommand();
            case "history": return new HistoryCommand();
            case "reflector": return new ReflectorCommand();
            case "regions": return new RegionsCommand();
            case "help": return new CommandLine.HelpCommand();
            default: throw new IllegalArgumentException("no command " + name);
        }
    }

    /** The command line with every command (help listings, tests). */
    static CommandLine commandLine(CliContext ctx) {
        return commandLine(ctx, null);
    }

    /**
     * The command line for a run of {@code command} alone, or with every command when it is null or
     * {@code help} (which describes the others). Building picocli's model of all ten commands and
     * their options took ~0.17 s of a check's start-up; one command's takes a fraction of that.
     */
    static CommandLine commandLine(CliContext ctx, String command) {
        CommandLine cl = new CommandLine(new WscheckCommand(ctx));
        boolean all = command == null || command.equals("help") || !NAMES.contains(command);
        for (String name : NAMES) {
            if (all || name.equals(command)) {
                cl.addSubcommand(name, command(name));
            }
        }
        return cl;
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
