package dev.wscheck.cli;

import dev.wscheck.net.proxy.SystemProxyDiscovery;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Connects the site configuration (contract §7, {@link ConfigFile}) to {@code check}: finds the
 * file before parsing (the file is needed to parse, so {@code --config} is looked for in the
 * arguments first), makes it {@code check}'s default-value provider, and turns an error about a
 * value that came from the file into one naming file, line and key.
 */
final class SiteConfig {
    private SiteConfig() {}

    /** Finds, reads and validates the configuration when the command is {@code check}; empty otherwise. */
    static Optional<ConfigFile> attach(CommandLine root, String[] args, Map<String, String> env) {
        int at = Cli.commandIndex(args);
        if (at < 0 || !args[at].equals("check") || helpAsked(args, at)) {
            return Optional.empty();
        }
        CommandLine check = root.getSubcommands().get("check");
        Optional<ConfigFile> config = ConfigLocations.find(explicit(args, at), SystemProxyDiscovery.Os.current(), env)
                .map(c -> c.validate(check.getCommandSpec()));
        config.ifPresent(check::setDefaultValueProvider);
        return config;
    }

    /** "FILE:LINE: " when {@code arg}'s value came from the file (not from the command line), else "". */
    static String where(Optional<ConfigFile> config, ArgSpec arg, String[] args) {
        if (config.isEmpty() || arg == null) {
            return "";
        }
        Optional<String> key = config.get().keyFor(arg);
        if (key.isEmpty() || (arg instanceof OptionSpec o && Cli.given(args, o.names()))) {
            return "";
        }
        return config.get().where(key.get()) + "key '" + key.get() + "': ";
    }

    /**
     * The same for a validation error raised while running ("--samples 0: use 1 to 100"): the
     * message starts with the option's name, and the value came from the file.
     */
    static String where(Optional<ConfigFile> config, String message, String[] args) {
        if (config.isEmpty() || message == null) {
            return "";
        }
        for (String key : config.get().values().keySet()) {
            List<String> names = key.equals("output") ? List.of("--output", "-o") : List.of("--" + key);
            for (String n : names) {
                if (message.startsWith(n + " ") && !Cli.given(args, names.toArray(new String[0]))) {
                    return config.get().where(key) + "key '" + key + "': ";
                }
            }
        }
        return "";
    }

    private static boolean helpAsked(String[] args, int at) {
        return Arrays.stream(args).skip(at).anyMatch(a -> a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version"));
    }

    private static Optional<String> explicit(String[] args, int at) {
        Optional<String> found = Optional.empty();
        for (int i = at + 1; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                found = Optional.of(args[++i]);
            } else if (args[i].startsWith("--config=")) {
                found = Optional.of(args[i].substring("--config=".length()));
            }
        }
        return found;
    }
}
