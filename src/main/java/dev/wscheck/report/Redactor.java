package dev.wscheck.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --redact} (contract §6): a Report → Report transform applied before any renderer, so
 * every format and every file gets the same redacted report. Removed: the host name, the user
 * name, every local address of this PC (interfaces, default gateway), its public address, the
 * directory id (given, or anything shaped like one: d- and ten hex digits), and the proxy user
 * and any credential in a proxy URL. Each becomes {@value #REDACTED}, wherever it occurs: in its
 * own field and inside any text (details, remediation, notes, evidence). Endpoint addresses of
 * AWS stay. The transform works on the JSON tree, so fields added later are covered too.
 */
public final class Redactor {
    public static final String REDACTED = "<redacted>";
    private static final Pattern DIRECTORY_ID = Pattern.compile("\\bd-[0-9a-f]{10}\\b");
    private static final Pattern URL_CREDENTIALS = Pattern.compile("(?<=://)[^/@\\s]+@");
    private static final ObjectMapper MAPPER = JsonReporter.mapper();

    private Redactor() {}

    /** Returns {@code r} with every personal value replaced; {@code extra} adds values the report may not name (the --directory-id given). */
    public static Report redact(Report r, List<String> extra) {
        Set<String> secrets = new LinkedHashSet<>(extra);
        secrets.add(r.host().hostname());
        secrets.addAll(r.host().localAddresses());
        if (r.proxy() != null) {
            secrets.add(r.proxy().user());
        }
        Environment e = r.environment();
        if (e != null) {
            secrets.add(e.hostname());
            secrets.add(e.user());
            secrets.add(e.publicAddress());
            secrets.add(e.defaultGateway());
            for (Environment.Interface i : e.interfaces()) {
                secrets.addAll(i.addresses());
            }
        }
        List<Pattern> patterns = new ArrayList<>();
        secrets.stream().filter(s -> s != null && s.length() >= 2 && !s.equals("unknown") && !s.equals(REDACTED))
                .sorted(Comparator.comparingInt(String::length).reversed())
                .forEach(s -> patterns.add(Pattern.compile("(?<![0-9A-Za-z.:_-])" + Pattern.quote(s) + "(?![0-9A-Za-z:_-]|\\.[0-9])")));
        JsonNode tree = MAPPER.valueToTree(r);
        JsonNode redacted = walk(tree.deepCopy(), patterns);
        Report out = ReportJson.normalize(MAPPER.convertValue(redacted, Report.class));
        return keepTypedEvidence(r, out, tree, redacted);
    }

    private static JsonNode walk(JsonNode n, List<Pattern> patterns) {
        if (n instanceof ObjectNode o) {
            Iterator<Map.Entry<String, JsonNode>> it = o.fields();
            List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
            it.forEachRemaining(entries::add);
            for (Map.Entry<String, JsonNode> en : entries) {
                o.set(en.getKey(), walk(en.getValue(), patterns));
            }
            return o;
        }
        if (n instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, walk(a.get(i), patterns));
            }
            return a;
        }
        if (n.isTextual()) {
            return TextNode.valueOf(text(n.asText(), patterns));
        }
        return n;
    }

    static String text(String s, List<Pattern> patterns) {
        String t = URL_CREDENTIALS.matcher(s).replaceAll(Matcher.quoteReplacement(REDACTED + "@"));
        for (Pattern p : patterns) {
            t = p.matcher(t).replaceAll(Matcher.quoteReplacement(REDACTED));
        }
        return DIRECTORY_ID.matcher(t).replaceAll(Matcher.quoteReplacement(REDACTED));
    }

    /** Evidence nothing was redacted from keeps its type (renderers draw it); the rest stays the redacted map. */
    private static Report keepTypedEvidence(Report before, Report after, JsonNode treeBefore, JsonNode treeAfter) {
        List<Report.Requirement> reqs = new ArrayList<>();
        for (int i = 0; i < after.requirements().size(); i++) {
            Report.Requirement a = after.requirements().get(i);
            Report.Requirement b = before.requirements().get(i);
            List<Report.Check> checks = new ArrayList<>();
            for (int j = 0; j < a.checks().size(); j++) {
                Report.Check ca = a.checks().get(j);
                Report.Check cb = b.checks().get(j);
                JsonNode eb = treeBefore.path("requirements").path(i).path("checks").path(j).path("evidence");
                JsonNode ea = treeAfter.path("requirements").path(i).path("checks").path(j).path("evidence");
                checks.add(eb.equals(ea) ? ca.withEvidence(cb.evidence()) : ca);
            }
            reqs.add(new Report.Requirement(a.id(), a.category(), a.title(), a.protocol(), a.importance(), a.status(), a.note(), a.route(), checks,
                    a.remediation(), b.filtered(), a.failStreak()));
        }
        return after.with(after.host(), after.proxy(), after.findings(), reqs, after.environment());
    }
}
