package dev.wscheck.cli;

import dev.wscheck.ExitCode;
import dev.wscheck.Timeline;
import dev.wscheck.WscheckException;
import dev.wscheck.net.proxy.SystemProxyDiscovery;
import dev.wscheck.report.TerminalSafe;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fusesource.jansi.AnsiPrintStream;
import org.fusesource.jansi.AnsiType;
import picocli.CommandLine;

/**
 * The command line's one entry point: {@code run(out, err, env, args)} returns the exit code, so
 * tests call it with captured streams and a chosen environment. picocli stays inside this package.
 *
 * <p>Error discipline (contract §2): bad input is one line on stderr, "wscheck: what is wrong",
 * and exit code 3; a stack trace only with -v.
 */
public final class Cli {
    static final Set<String> COMMANDS = Set.copyOf(WscheckCommand.NAMES);
    private static final Set<String> STANDALONE = Set.of("-h", "--help", "-V", "--version");

    private Cli() {}

    public static int run(PrintStream out, PrintStream err, Map<String, String> env, String... args) {
        return run(out, err, env, CliContext.PasswordPrompt.console(), args);
    }

    /** As {@link #run(PrintStream, PrintStream, Map, String...)}, with a chosen password prompt (tests). */
    static int run(PrintStream out, PrintStream err, Map<String, String> env, CliContext.PasswordPrompt prompt, String... args) {
        // dnsjava's timers tick at its selector timeout (1 s by default): sub-second DNS budgets need 100 ms.
        if (System.getProperty("dnsjava.nio.selector_timeout") == null) {
            System.setProperty("dnsjava.nio.selector_timeout", "100");
        }
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // Fast path: picocli would first build the model of every command and option (docs/performance.md).
            for (String line : new WscheckCommand.VersionProvider().getVersion()) {
                out.println(line);
            }
            return ExitCode.OK.code();
        }
        boolean verbose = Arrays.asList(args).contains("-v") || Arrays.asList(args).contains("--verbose");
        CliContext ctx = new CliContext(out, err, env, isTerminal(out), isTerminal(err), prompt);
        String[] effective = withDefaultCommand(args);
        int at = commandIndex(effective);
        String command = at < 0 ? null : effective[at];
        if ("check".equals(command)) {
            // A check's start-up: work that needs no option overlaps picocli's set-up below (docs/performance.md).
            if (!given(effective, "--catalog")) {
                dev.wscheck.catalog.CatalogLoader.preloadBuiltin();
            }
            if (!given(effective, "--proxy", "--pac")) {
                SystemProxyDiscovery.prefetch(SystemProxyDiscovery.Os.current(), PROXY_COMMAND_TIMEOUT);
            }
        }
        CommandLine cl = WscheckCommand.commandLine(ctx, command);
        Timeline.mark("picocli model");
        Optional<ConfigFile> config;
        try {
            config = SiteConfig.attach(cl, effective, env);
        } catch (WscheckException e) {
            err.println("wscheck: " + Messages.text(oneLine(e.getMessage()), language(args, Optional.empty())));
            return ExitCode.UNKNOWN.code();
        }
        Locale language = language(args, config);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        if (language.getLanguage().equals("ja")) {
            // Help in Japanese: every command's and option's description from the help bundle (English stays in the annotations).
            java.util.ResourceBundle help = java.util.ResourceBundle.getBundle("dev.wscheck.cli.help", java.util.Locale.JAPANESE,
                    java.util.ResourceBundle.Control.getNoFallbackControl(java.util.ResourceBundle.Control.FORMAT_PROPERTIES));
            cl.setResourceBundle(help);
            // picocli's built-in help command keeps its annotation text; give it the bundle's.
            CommandLine helpCommand = cl.getSubcommands().get("help");
            if (helpCommand != null) {
                helpCommand.getCommandSpec().usageMessage().header(help.getString("wscheck.help.usage.description"))
                        .description(help.getString("wscheck.help.usage.description"));
            }
        }
        cl.setParameterExceptionHandler((ex, a) -> {
            // picocli's message may carry a second line of suggestions ("Possible solutions: ..."): one line, one sentence each.
            // The file's place goes through oneLine too: a file name may hold control characters as well as a value.
            String message = oneLine(SiteConfig.where(config, ex.getArgSpec(), effective) + ex.getMessage());
            err.println("wscheck: " + Messages.usage(message, "wscheck " + commandName(ex.getCommandLine()) + "--help", language));
            return ExitCode.UNKNOWN.code();
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof WscheckException) {
                err.println("wscheck: " + Messages.text(oneLine(SiteConfig.where(config, ex.getMessage(), effective) + ex.getMessage()), language));
            } else {
                err.println("wscheck: " + Messages.text("internal error: " + oneLine(String.valueOf(ex)) + (verbose ? "" : " (run with -v for details)"), language));
            }
            if (verbose) {
                ex.printStackTrace(err);
            }
            return ExitCode.UNKNOWN.code();
        });
        return cl.execute(effective);
    }

    /**
     * The language of the command line's own lines: --lang on the command line, else the
     * configuration file's {@code lang} key, else English. An unknown language is English here
     * (the command then says so in English).
     */
    static Locale language(String[] args, Optional<ConfigFile> config) {
        for (int i = 0; i < args.length; i++) {
            String value = args[i].equals("--lang") && i + 1 < args.length ? args[i + 1]
                    : args[i].startsWith("--lang=") ? args[i].substring("--lang=".length()) : null;
            if (value != null) {
                return value.equalsIgnoreCase("ja") ? Locale.JAPANESE : Locale.ENGLISH;
            }
        }
        String fromFile = config.map(c -> c.values().get("lang")).orElse("");
        return fromFile.equalsIgnoreCase("ja") ? Locale.JAPANESE : Locale.ENGLISH;
    }

    /** True when the arguments ask for Japanese ("--lang ja" or "--lang=ja", anywhere: it is a global option). */
    static boolean japanese(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if ((args[i].equals("--lang") && i + 1 < args.length && args[i + 1].equalsIgnoreCase("ja")) || args[i].equalsIgnoreCase("--lang=ja")) {
                return true;
            }
        }
        return false;
    }

    /** True for a jansi-wrapped stream (Main installs jansi) that writes to a terminal; never for captured streams. */
    static boolean isTerminal(PrintStream s) {
        if (!(s instanceof AnsiPrintStream a)) {
            return false;
        }
        AnsiType t = a.getType();
        return t == AnsiType.Native || t == AnsiType.VirtualTerminal || t == AnsiType.Emulation;
    }

    /** How long one proxy-settings command of the OS may take (reg, netsh, scutil, gsettings). */
    static final java.time.Duration PROXY_COMMAND_TIMEOUT = java.time.Duration.ofSeconds(3);

    /**
     * Whether any of {@code names} is among the arguments: "--x", "--x=value", or a short "-x" with
     * its value attached ("-ofile"). The configuration file's errors and the start-up work use it.
     */
    static boolean given(String[] args, String... names) {
        for (String a : args) {
            for (String n : names) {
                if (a.equals(n) || a.startsWith(n + "=") || (n.length() == 2 && !n.startsWith("--") && a.startsWith(n) && !a.startsWith("--"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Where the command is among the arguments (the first command name), or -1 when none is. */
    static int commandIndex(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (COMMANDS.contains(args[i])) {
                return i;
            }
        }
        return -1;
    }

    /** {@code check} is the default command: "wscheck --region x" means "wscheck check --region x". */
    static String[] withDefaultCommand(String[] args) {
        if (commandIndex(args) >= 0) {
            return args;
        }
        // Global options alone with --help/--version ask the root ("wscheck --lang ja --help"), not check.
        boolean onlyGlobal = args.length > 0;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--lang") && i + 1 < args.length) {
                i++;
            } else if (!(STANDALONE.contains(a) || a.equals("--no-color") || a.equals("-v") || a.equals("--verbose") || a.startsWith("--lang="))) {
                onlyGlobal = false;
            }
        }
        if (onlyGlobal && Arrays.stream(args).anyMatch(STANDALONE::contains)) {
            return args;
        }
        List<String> out = new ArrayList<>();
        out.add("check");
        out.addAll(Arrays.asList(args));
        return out.toArray(new String[0]);
    }

    private static String commandName(CommandLine cl) {
        String name = cl.getCommandSpec().qualifiedName(" ");
        return name.equals("wscheck") ? "" : name.substring("wscheck ".length()) + " ";
    }

    /**
     * The message as one line a terminal shows as one line: CR and LF become spaces; every other
     * control character but tab, and the Unicode line and paragraph separators, are shown as {@code \\uXXXX}
     * ({@link TerminalSafe}, which saved reports and history runs pass through too).
     * Messages echo input (a value of the configuration file, a file name): a vertical tab or an
     * escape sequence from there must neither break the line nor reach the terminal.
     */
    static String oneLine(String s) {
        return s == null ? "" : TerminalSafe.text(s.replace('\r', ' ').replace('\n', ' ')).trim();
    }
}
