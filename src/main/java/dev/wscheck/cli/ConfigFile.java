package dev.wscheck.cli;

import dev.wscheck.WscheckException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A site configuration (contract §7): a Java properties file, UTF-8, whose keys are the long
 * option names of {@code check} without dashes ({@code region=ap-northeast-1},
 * {@code dns-server=10.0.0.2,10.0.0.3}, {@code strict=true}). It is picocli's default-value
 * provider for {@code check}, so a command-line option always wins and every value goes through
 * the same converters as on the command line.
 *
 * <p>java.util.Properties reads the values (escapes, continuation lines); the file is also read
 * line by line, only to know on which line each key stands, because every error names file,
 * line and key.
 *
 * @param file the file as the user named it
 * @param origin where the file's name came from ("--config", "WSCHECK_CONFIG", "the per-user configuration")
 * @param values key to value, in file order
 * @param lines key to the (1-based) line it stands on
 */
record ConfigFile(Path file, String origin, Map<String, String> values, Map<String, Integer> lines) implements CommandLine.IDefaultValueProvider {

    /** Option names that make no sense in the file: they are about the file or print help. */
    private static final Set<String> NOT_KEYS = Set.of("config", "help", "version");

    /** Reads {@code file}; a missing, unreadable or malformed file is one line naming it. */
    static ConfigFile read(Path file, String origin) {
        String text;
        try {
            byte[] bytes = Files.readAllBytes(file);
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw new WscheckException(origin + " " + file + ": no such file");
        } catch (CharacterCodingException e) {
            throw new WscheckException(origin + " " + file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new WscheckException(origin + " " + file + ": cannot read: " + e.getMessage());
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // Notepad's byte-order mark
        }
        Map<String, Integer> lines = keyLines(file, text);
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new WscheckException(file + ": not a properties file: " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : lines.keySet()) {
            values.put(key, p.getProperty(key, "").trim());
        }
        return new ConfigFile(file, origin, values, lines);
    }

    /**
     * Checks every key against {@code check}'s options: an unknown key, or a key without a value,
     * is one line naming file, line and key.
     */
    ConfigFile validate(CommandSpec check) {
        Set<String> known = keys(check);
        for (Map.Entry<String, String> e : values.entrySet()) {
            String key = e.getKey();
            if (!known.contains(key)) {
                throw new WscheckException(where(key) + "unknown key '" + key + "' (keys are check's long option names without dashes: "
                        + String.join(", ", known) + ")");
            }
            if (e.getValue().isEmpty()) {
                throw new WscheckException(where(key) + "key '" + key + "' has no value");
            }
        }
        return this;
    }

    /** "FILE:LINE: ", the prefix of every error about {@code key}. */
    String where(String key) {
        Integer line = lines.get(key);
        return file + (line == null ? "" : ":" + line) + ": ";
    }

    /** The keys a file may hold: every long option of {@code check}, without dashes. */
    static Set<String> keys(CommandSpec check) {
        Set<String> out = new TreeSet<>();
        for (OptionSpec o : check.options()) {
            String k = key(o);
            if (!NOT_KEYS.contains(k)) {
                out.add(k);
            }
        }
        return out;
    }

    private static String key(OptionSpec o) {
        return o.longestName().replaceFirst("^-+", "");
    }

    /** The value this file gives the option, or null to keep the option's own default. */
    @Override
    public String defaultValue(ArgSpec arg) {
        if (arg instanceof OptionSpec o) {
            return values.get(key(o));
        }
        return null;
    }

    /** The key the file gives for {@code option}, if it gives one. */
    Optional<String> keyFor(ArgSpec arg) {
        if (arg instanceof OptionSpec o && values.containsKey(key(o))) {
            return Optional.of(key(o));
        }
        return Optional.empty();
    }

    /**
     * The line on which each key stands (the last one when a key repeats, as Properties keeps the
     * last value). Follows the properties syntax: comments (# !), blank lines, continuation
     * lines (an odd number of trailing backslashes), and key ends at an unescaped '=', ':' or
     * white space.
     */
    private static Map<String, Integer> keyLines(Path file, String text) {
        Map<String, Integer> out = new LinkedHashMap<>();
        List<String> raw = text.lines().toList();
        boolean continued = false;
        for (int i = 0; i < raw.size(); i++) {
            String line = raw.get(i);
            boolean wasContinued = continued;
            continued = endsWithOddBackslashes(line);
            if (wasContinued) {
                continue;
            }
            String t = line.stripLeading();
            if (t.isEmpty() || t.startsWith("#") || t.startsWith("!")) {
                continued = false;
                continue;
            }
            StringBuilder key = new StringBuilder();
            for (int j = 0; j < t.length(); j++) {
                char c = t.charAt(j);
                if (c == '\\' && j + 1 < t.length()) {
                    key.append(t.charAt(++j));
                    continue;
                }
                if (c == '=' || c == ':' || Character.isWhitespace(c)) {
                    break;
                }
                key.append(c);
            }
            if (key.length() == 0) {
                throw new WscheckException(file + ":" + (i + 1) + ": a value without a key");
            }
            out.remove(key.toString());
            out.put(key.toString(), i + 1);
        }
        return out;
    }

    private static boolean endsWithOddBackslashes(String line) {
        int n = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1;
    }
}
