package dev.wscheck.remediation;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates texts wscheck wrote in one language into the other, from data: pairs of resource
 * files with the same keys (the remediation texts and the probes' detail sentences,
 * remediation/translations*.properties). A text is matched whole against the source language's
 * templates ({name} matches any text; the most specific template wins) and rendered whole with the
 * target language's template; each captured value is translated the same way when it matches a
 * template itself, else kept as written (host names, addresses, codes). A text that matches
 * nothing stays as it is. Sentences are never spliced from fragments.
 */
public final class Translator {
    private static final String[] BUNDLES = {"dev/wscheck/remediation/translations", "dev/wscheck/remediation/remediation"};
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z0-9]+)}");
    private static final Map<String, Translator> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    private record Template(Pattern source, List<String> names, String target, int literal) {}

    private final List<Template> templates;

    private Translator(List<Template> templates) {
        this.templates = templates;
    }

    /** The translator into {@code target} (from English into Japanese, or from Japanese into English). */
    public static Translator into(Locale target) {
        boolean ja = target.getLanguage().equals("ja");
        return CACHE.computeIfAbsent(ja ? "ja" : "en", k -> build(ja));
    }

    /**
     * The translator into {@code target} over other pairs of bundles ({@code base.properties} and
     * {@code base_ja.properties}, resource paths without the suffix): the command line's error and
     * notice texts, the catalog's texts.
     */
    public static Translator of(Locale target, String... bundles) {
        boolean ja = target.getLanguage().equals("ja");
        return CACHE.computeIfAbsent((ja ? "ja" : "en") + ":" + String.join(",", bundles), k -> build(ja, bundles));
    }

    private static Translator build(boolean intoJapanese) {
        return build(intoJapanese, BUNDLES);
    }

    private static Translator build(boolean intoJapanese, String[] bundles) {
        List<Template> out = new ArrayList<>();
        for (String base : bundles) {
            Map<String, String> en = load(base + ".properties");
            Map<String, String> ja = load(base + "_ja.properties");
            for (Map.Entry<String, String> e : en.entrySet()) {
                String other = ja.get(e.getKey());
                if (other == null) {
                    continue;
                }
                String from = intoJapanese ? e.getValue() : other;
                String to = intoJapanese ? other : e.getValue();
                compile(from, to).ifPresent(out::add);
            }
        }
        out.sort(Comparator.comparingInt(Template::literal).reversed());
        return new Translator(List.copyOf(out));
    }

    private static java.util.Optional<Template> compile(String from, String to) {
        Matcher m = PLACEHOLDER.matcher(from);
        StringBuilder regex = new StringBuilder();
        List<String> names = new ArrayList<>();
        int last = 0;
        int literal = 0;
        while (m.find()) {
            String lit = from.substring(last, m.start());
            literal += lit.trim().length();
            regex.append(Pattern.quote(lit));
            int seen = names.indexOf(m.group(1));
            if (seen >= 0) {
                regex.append("\\").append(seen + 1);
            } else {
                names.add(m.group(1));
                regex.append("((?:(?! => )[^。\\n])+?)"); // a value never spans a sentence end, a line or a path arrow
            }
            last = m.end();
        }
        String tail = from.substring(last);
        literal += tail.trim().length();
        regex.append(Pattern.quote(tail));
        if (literal < 2) {
            return java.util.Optional.empty(); // a template that is all placeholder would match anything
        }
        return java.util.Optional.of(new Template(Pattern.compile(regex.toString(), Pattern.DOTALL), names, to, literal));
    }

    /** Returns {@code text} in the target language, or unchanged when no template matches it whole. */
    public String text(String text) {
        return text == null ? null : text(text, 0);
    }

    private String text(String text, int depth) {
        if (text.isBlank() || depth > 4) {
            return text;
        }
        for (Template t : templates) {
            Matcher m = t.source().matcher(text);
            if (m.matches()) {
                Map<String, String> values = new LinkedHashMap<>();
                for (int i = 0; i < t.names().size(); i++) {
                    values.put(t.names().get(i), text(m.group(i + 1), depth + 1));
                }
                Matcher p = PLACEHOLDER.matcher(t.target());
                StringBuilder sb = new StringBuilder();
                while (p.find()) {
                    String v = values.get(p.group(1));
                    p.appendReplacement(sb, Matcher.quoteReplacement(v == null ? p.group() : v));
                }
                p.appendTail(sb);
                return sb.toString();
            }
        }
        return text;
    }

    private static Map<String, String> load(String resource) {
        Properties p = new Properties();
        try (InputStream in = Translator.class.getClassLoader().getResourceAsStream(resource)) {
            if (in != null) {
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }
}
