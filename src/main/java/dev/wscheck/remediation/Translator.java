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
 * templates ({name} matches any text; the most specific template wins; of the ways to cut the
 * text into values, the one whose values are most often sentences themselves wins) and rendered
 * whole with the target language's template; each captured value is translated the same way when
 * it matches a template itself, else kept as written (host names, addresses, codes). A text that
 * matches nothing stays as it is. Sentences are never spliced from fragments.
 */
public final class Translator {
    private static final String[] BUNDLES = {"dev/wscheck/remediation/translations", "dev/wscheck/remediation/remediation"};
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z0-9]+)}");
    private static final Map<String, Translator> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * One template: the literal text around its placeholders ({@code literals} has one more entry
     * than {@code order}, the placeholder names in order of occurrence, repeats included), whether
     * each value may hold a path arrow, a regular expression that says quickly whether any reading
     * exists, the other language's text, and how much literal text it has (its specificity).
     */
    private record Template(Pattern source, List<String> literals, List<String> order, List<Boolean> arrows, String target, int literal) {}

    /** At most this many readings of one text with one template are weighed (texts are one line; real ones have a few). */
    private static final int MAX_READINGS = 64;

    private final List<Template> templates;
    /** Values already weighed by {@link #sentence}: the same host names and phrases recur across a report's checks. */
    private final Map<String, Boolean> sentences = new java.util.concurrent.ConcurrentHashMap<>();

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
        List<String> literals = new ArrayList<>();
        List<String> order = new ArrayList<>();
        int last = 0;
        while (m.find()) {
            literals.add(from.substring(last, m.start()));
            order.add(m.group(1));
            last = m.end();
        }
        literals.add(from.substring(last));
        int literal = literals.stream().mapToInt(l -> l.trim().length()).sum();
        if (literal < 2) {
            return java.util.Optional.empty(); // a template that is all placeholder would match anything
        }
        List<Boolean> arrows = new ArrayList<>();
        StringBuilder regex = new StringBuilder(Pattern.quote(literals.get(0)));
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            // A value never spans a sentence end or a line. It holds a path arrow ("direct => host:
            // ...") only where the template closes it with a bracket or a sentence end, as a whole
            // detail quoted inside a remediation text; elsewhere an arrow is the template's own.
            String next = literals.get(i + 1);
            boolean arrow = next.startsWith(")") || next.startsWith("）") || next.startsWith("。");
            arrows.add(arrow);
            int before = seen.indexOf(order.get(i));
            if (before >= 0) {
                regex.append("\\").append(before + 1);
            } else {
                seen.add(order.get(i));
                regex.append(arrow ? "([^。\\n]+?)" : "((?:(?!=>)[^。\\n])+?)");
            }
            regex.append(Pattern.quote(next));
        }
        return java.util.Optional.of(new Template(Pattern.compile(regex.toString(), Pattern.DOTALL), List.copyOf(literals), List.copyOf(order),
                List.copyOf(arrows), to, literal));
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
            // The literal head and tail first: most templates fail there, without running a regular expression.
            if (!text.startsWith(t.literals().get(0)) || !text.endsWith(t.literals().get(t.literals().size() - 1))
                    || !t.source().matcher(text).matches()) {
                continue;
            }
            Map<String, String> values = best(t, text);
            if (values == null) {
                continue;
            }
            values.replaceAll((name, v) -> text(v, depth + 1));
            Matcher p = PLACEHOLDER.matcher(t.target());
            StringBuilder sb = new StringBuilder();
            while (p.find()) {
                String v = values.get(p.group(1));
                p.appendReplacement(sb, Matcher.quoteReplacement(v == null ? p.group() : v));
            }
            p.appendTail(sb);
            return sb.toString();
        }
        return list(text, depth);
    }

    /**
     * A text no template matches whole may be a list the probes joined with "; " (each DNS server's
     * failure, each revocation endpoint): then each item is translated on its own, the separators
     * kept. Only at bracket depth 0, so an item's own parenthesis is never cut. Unchanged otherwise.
     */
    private String list(String text, int depth) {
        List<String> items = new ArrayList<>();
        int level = 0;
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '（' || c == '[') {
                level++;
            } else if ((c == ')' || c == '）' || c == ']') && level > 0) {
                level--;
            } else if (level == 0 && c == ';' && i + 1 < text.length() && text.charAt(i + 1) == ' ') {
                items.add(text.substring(from, i));
                from = i + 2;
            }
        }
        if (items.isEmpty()) {
            return text;
        }
        items.add(text.substring(from));
        List<String> out = new ArrayList<>(items.size());
        for (String item : items) {
            out.add(text(item, depth + 1));
        }
        return String.join("; ", out);
    }

    /**
     * The best reading of {@code text} with {@code t}: of the ways to cut it into values (each value
     * keeping its brackets paired), the one with the most values that are themselves a template's
     * sentence; the shortest first values win a tie. "Allow outbound TCP 4172 from this PC to HOST
     * and the PCoIP gateway ranges R directly (...)" is read as the scope "HOST and the PCoIP gateway
     * ranges R" and the route "directly (...)", both sentences of the bundles, not at the first space.
     * Null when no reading keeps the brackets paired.
     */
    private Map<String, String> best(Template t, String text) {
        List<String[]> readings = new ArrayList<>();
        if (text.startsWith(t.literals().get(0))) {
            read(t, text, 0, t.literals().get(0).length(), new String[t.order().size()], readings);
        }
        String[] chosen = null;
        int score = -1;
        for (String[] r : readings) {
            int s = 0;
            for (String v : r) {
                s += sentence(v) ? 1 : 0;
            }
            if (s > score) {
                score = s;
                chosen = r;
            }
        }
        if (chosen == null) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < chosen.length; i++) {
            values.putIfAbsent(t.order().get(i), chosen[i]);
        }
        return values;
    }

    /** Collects the readings of {@code text} from {@code pos} on, value {@code i} onwards. */
    private static void read(Template t, String text, int i, int pos, String[] values, List<String[]> out) {
        if (out.size() >= MAX_READINGS) {
            return;
        }
        if (i == values.length) {
            if (pos == text.length()) {
                out.add(values.clone());
            }
            return;
        }
        String next = t.literals().get(i + 1);
        boolean last = i == values.length - 1;
        int from = pos + 1;
        while (true) {
            int end = last ? text.length() - next.length() : next.isEmpty() ? from : text.indexOf(next, from);
            if (end < from || end > text.length() || (last && !text.startsWith(next, end))) {
                return;
            }
            String v = text.substring(pos, end);
            if (v.indexOf('。') >= 0 || v.indexOf('\n') >= 0 || (!t.arrows().get(i) && v.contains("=>"))) {
                return; // a longer value would hold it too
            }
            int before = t.order().subList(0, i).indexOf(t.order().get(i));
            if (paired(v) && (before < 0 || values[before].equals(v))) {
                values[i] = v;
                read(t, text, i + 1, end + next.length(), values, out);
            }
            if (last) {
                return;
            }
            from = end + 1;
        }
    }

    /** True when some template reads {@code value} whole: it is a sentence of the bundles, not data. */
    private boolean sentence(String value) {
        Boolean known = sentences.get(value);
        if (known != null) {
            return known;
        }
        boolean is = templates.stream().anyMatch(t -> t.source().matcher(value).matches());
        if (sentences.size() > 10_000) {
            sentences.clear(); // a bound, not a policy: one report has a few hundred distinct values
        }
        sentences.put(value, is);
        return is;
    }

    /**
     * True when {@code value} opens and closes its brackets: "no usable answer (x: unusable answer
     * (y))" is the outer sentence with "x: unusable answer (y)" inside, not a value cut between the
     * two closing brackets.
     */
    private static boolean paired(String value) {
        int ascii = 0;
        int wide = 0;
        for (char c : value.toCharArray()) {
            ascii += c == '(' ? 1 : c == ')' ? -1 : 0;
            wide += c == '（' ? 1 : c == '）' ? -1 : 0;
            if (ascii < 0 || wide < 0) {
                return false;
            }
        }
        return ascii == 0 && wide == 0;
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
