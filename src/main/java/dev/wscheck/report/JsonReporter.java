package dev.wscheck.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The contract's JSON report (schemaVersion 1), indented, one document, a trailing newline.
 *
 * <p>Written field by field with Jackson's streaming generator (jackson-core), not through databind
 * (issue 16: building databind's serializers for the report's records cost about a quarter of a
 * second of a cold run). The output is byte for byte what databind made of {@link Report} and its
 * annotations, which stay the schema's description and what {@link ReportJson} reads with: field
 * order is each record's {@code @JsonPropertyOrder}, and a field is left out exactly where its
 * {@code @JsonInclude} says (NON_NULL: when null; NON_EMPTY: when null, "" or an empty list or
 * map). {@code JsonReporterTest} holds the two writers to the same bytes.
 *
 * <p>A check's evidence is open-ended (each probe's own record, or plain maps and lists when a
 * saved report is read back): records are written component by component in declaration order,
 * with every value, as the {@link dev.wscheck.probe.Evidence} contract says; a value this writer
 * has no rule for (an annotated record, a date, an array) is handed to databind at that place.
 */
public final class JsonReporter implements Reporter {
    private static final JsonFactory FACTORY = new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    /** Returns the mapper every other JSON output of wscheck uses (reading reports back, the effective catalog, redaction). */
    public static ObjectMapper mapper() {
        return ReportMapper.create();
    }

    @Override
    public void write(Report report, Writer out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            report(g, report);
        }
        out.write(System.lineSeparator());
        out.flush();
    }

    // ---- the report's own records, in their @JsonPropertyOrder --------------------------------

    private static void report(JsonGenerator g, Report r) throws IOException {
        g.writeStartObject();
        g.writeNumberField("schemaVersion", r.schemaVersion());
        g.writeFieldName("tool");
        tool(g, r.tool());
        string(g, "startedAt", r.startedAt());
        g.writeNumberField("durationMs", r.durationMs());
        if (r.interrupted() != null) {
            g.writeBooleanField("interrupted", r.interrupted());
        }
        string(g, "region", r.region());
        strings(g, "protocols", r.protocols());
        g.writeFieldName("host");
        host(g, r.host());
        g.writeFieldName("proxy");
        proxy(g, r.proxy());
        g.writeFieldName("catalog");
        catalog(g, r.catalog());
        string(g, "status", r.status());
        g.writeFieldName("counts");
        counts(g, r.counts());
        if (r.changes() != null) {
            g.writeArrayFieldStart("changes");
            for (Report.Change c : r.changes()) {
                change(g, c);
            }
            g.writeEndArray();
        }
        if (r.findings() != null) {
            g.writeFieldName("findings");
            findings(g, r.findings());
        }
        g.writeFieldName("requirements");
        if (r.requirements() == null) {
            g.writeNull();
        } else {
            g.writeStartArray();
            for (Report.Requirement q : r.requirements()) {
                requirement(g, q);
            }
            g.writeEndArray();
        }
        if (r.thresholds() != null && !r.thresholds().isEmpty()) {
            g.writeObjectFieldStart("thresholds");
            for (Map.Entry<String, Report.Thresholds> e : r.thresholds().entrySet()) {
                g.writeFieldName(e.getKey());
                thresholds(g, e.getValue());
            }
            g.writeEndObject();
        }
        if (r.environment() != null) {
            g.writeFieldName("environment");
            environment(g, r.environment());
        }
        g.writeEndObject();
    }

    private static void tool(JsonGenerator g, Report.Tool t) throws IOException {
        if (t == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        string(g, "name", t.name());
        string(g, "version", t.version());
        g.writeEndObject();
    }

    private static void host(JsonGenerator g, Report.Host h) throws IOException {
        if (h == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        string(g, "os", h.os());
        string(g, "hostname", h.hostname());
        strings(g, "dnsServers", h.dnsServers());
        strings(g, "localAddresses", h.localAddresses());
        if (h.globalIpv6() != null) {
            g.writeBooleanField("globalIpv6", h.globalIpv6());
        }
        g.writeEndObject();
    }

    /** NON_EMPTY throughout. */
    private static void proxy(JsonGenerator g, Report.Proxy p) throws IOException {
        if (p == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        nonEmpty(g, "source", p.source());
        nonEmpty(g, "url", p.url());
        nonEmpty(g, "origin", p.origin());
        nonEmpty(g, "pac", p.pac());
        nonEmpty(g, "user", p.user());
        if (p.resolved() != null && !p.resolved().isEmpty()) {
            g.writeArrayFieldStart("resolved");
            for (Report.Resolved x : p.resolved()) {
                if (x == null) {
                    g.writeNull();
                    continue;
                }
                g.writeStartObject();
                string(g, "url", x.url());
                string(g, "via", x.via());
                string(g, "rule", x.rule());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        nonEmptyStrings(g, "findings", p.findings());
        nonEmptyStrings(g, "consulted", p.consulted());
        g.writeEndObject();
    }

    /** NON_NULL. */
    private static void catalog(JsonGenerator g, Report.CatalogRef c) throws IOException {
        if (c == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        nonNull(g, "source", c.source());
        nonNull(g, "version", c.version());
        nonNull(g, "ipRangesCreateDate", c.ipRangesCreateDate());
        g.writeEndObject();
    }

    private static void counts(JsonGenerator g, Report.Counts c) throws IOException {
        if (c == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeNumberField("pass", c.pass());
        g.writeNumberField("warn", c.warn());
        g.writeNumberField("fail", c.fail());
        g.writeNumberField("inconclusive", c.inconclusive());
        g.writeNumberField("skip", c.skip());
        g.writeEndObject();
    }

    private static void change(JsonGenerator g, Report.Change c) throws IOException {
        if (c == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        string(g, "requirement", c.requirement());
        string(g, "from", c.from());
        string(g, "to", c.to());
        string(g, "since", c.since());
        g.writeEndObject();
    }

    /** NON_EMPTY; the inspection record inside writes every field. */
    private static void findings(JsonGenerator g, Report.Findings f) throws IOException {
        g.writeStartObject();
        Report.TlsInspection t = f.tlsInspection();
        if (t != null) {
            g.writeObjectFieldStart("tlsInspection");
            strings(g, "issuers", t.issuers());
            strings(g, "affectedDomains", t.affectedDomains());
            strings(g, "exemptDomains", t.exemptDomains());
            g.writeEndObject();
        }
        nonEmptyStrings(g, "revocationUnreachable", f.revocationUnreachable());
        nonEmptyStrings(g, "proxyDenied", f.proxyDenied());
        g.writeEndObject();
    }

    /** NON_EMPTY, but checks and remediation always and failStreak when not null. */
    private static void requirement(JsonGenerator g, Report.Requirement q) throws IOException {
        if (q == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        nonEmpty(g, "id", q.id());
        nonEmpty(g, "category", q.category());
        nonEmpty(g, "title", q.title());
        nonEmpty(g, "protocol", q.protocol());
        nonEmpty(g, "importance", q.importance());
        nonEmpty(g, "status", q.status());
        if (q.failStreak() != null) {
            g.writeNumberField("failStreak", q.failStreak());
        }
        nonEmpty(g, "note", q.note());
        if (q.route() != null) {
            g.writeFieldName("route");
            route(g, q.route());
        }
        g.writeFieldName("checks");
        if (q.checks() == null) {
            g.writeNull();
        } else {
            g.writeStartArray();
            for (Report.Check c : q.checks()) {
                check(g, c);
            }
            g.writeEndArray();
        }
        g.writeFieldName("remediation");
        if (q.remediation() == null) {
            g.writeNull();
        } else {
            g.writeStartArray();
            for (Report.Remedy m : q.remediation()) {
                if (m == null) {
                    g.writeNull();
                    continue;
                }
                g.writeStartObject();
                string(g, "code", m.code());
                string(g, "text", m.text());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    /** NON_NULL. */
    private static void route(JsonGenerator g, Report.Route r) throws IOException {
        g.writeStartObject();
        nonNull(g, "clientUses", r.clientUses());
        nonNull(g, "proxy", r.proxy());
        nonNull(g, "direct", r.direct());
        nonNull(g, "proxyOutcome", r.proxyOutcome());
        nonNull(g, "directOutcome", r.directOutcome());
        nonNull(g, "summary", r.summary());
        g.writeEndObject();
    }

    /** NON_NULL. */
    private static void check(JsonGenerator g, Report.Check c) throws IOException {
        if (c == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        nonNull(g, "probe", c.probe());
        nonNull(g, "target", c.target());
        nonNull(g, "address", c.address());
        nonNull(g, "via", c.via());
        nonNull(g, "role", c.role());
        nonNull(g, "outcome", c.outcome());
        nonNull(g, "status", c.status());
        g.writeNumberField("durationMs", c.durationMs());
        millisByPhase(g, "phases", c.phases());
        millisByPhase(g, "phaseCpuMs", c.phaseCpuMs());
        millisByPhase(g, "phaseCpuWaitMs", c.phaseCpuWaitMs());
        nonNull(g, "detail", c.detail());
        if (c.evidence() != null) {
            g.writeFieldName("evidence");
            evidence(g, c.evidence());
        }
        g.writeEndObject();
    }

    /** A check's milliseconds per phase (wall, CPU, CPU wait); absent when null, as databind leaves it out. */
    private static void millisByPhase(JsonGenerator g, String name, Map<String, Long> byPhase) throws IOException {
        if (byPhase == null) {
            return;
        }
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, Long> e : byPhase.entrySet()) {
            g.writeFieldName(e.getKey());
            if (e.getValue() == null) {
                g.writeNull();
            } else {
                g.writeNumber(e.getValue());
            }
        }
        g.writeEndObject();
    }

    private static void thresholds(JsonGenerator g, Report.Thresholds t) throws IOException {
        if (t == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeNumberField("highMs", t.highMs());
        g.writeNumberField("criticalMs", t.criticalMs());
        g.writeEndObject();
    }

    /** NON_NULL; interfaces and the VPN write every field, the clock and the IPv6 status only those they have. */
    private static void environment(JsonGenerator g, Environment e) throws IOException {
        g.writeStartObject();
        nonNull(g, "os", e.os());
        nonNull(g, "osVersion", e.osVersion());
        nonNull(g, "arch", e.arch());
        nonNull(g, "java", e.java());
        nonNull(g, "wscheckVersion", e.wscheckVersion());
        nonNull(g, "hostname", e.hostname());
        nonNull(g, "user", e.user());
        if (e.interfaces() != null) {
            g.writeArrayFieldStart("interfaces");
            for (Environment.Interface i : e.interfaces()) {
                if (i == null) {
                    g.writeNull();
                    continue;
                }
                g.writeStartObject();
                string(g, "name", i.name());
                strings(g, "addresses", i.addresses());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        nonNull(g, "defaultGateway", e.defaultGateway());
        if (e.dnsServers() != null) {
            strings(g, "dnsServers", e.dnsServers());
        }
        nonNull(g, "dnsSource", e.dnsSource());
        nonNull(g, "proxy", e.proxy());
        nonNull(g, "proxySource", e.proxySource());
        if (e.vpn() != null) {
            g.writeObjectFieldStart("vpn");
            g.writeBooleanField("active", e.vpn().active());
            strings(g, "interfaces", e.vpn().interfaces());
            g.writeEndObject();
        }
        nonNull(g, "workspacesClient", e.workspacesClient());
        if (e.clock() != null) {
            g.writeObjectFieldStart("clock");
            if (e.clock().offsetMs() != null) {
                g.writeNumberField("offsetMs", e.clock().offsetMs());
            }
            g.writeNumberField("samples", e.clock().samples());
            g.writeBooleanField("skewed", e.clock().skewed());
            g.writeEndObject();
        }
        nonNull(g, "publicAddress", e.publicAddress());
        if (e.ipv6() != null) {
            Environment.Ipv6 v = e.ipv6();
            g.writeObjectFieldStart("ipv6");
            g.writeBooleanField("globalAddress", v.globalAddress());
            if (v.defaultRoute() != null) {
                g.writeBooleanField("defaultRoute", v.defaultRoute());
            }
            nonNull(g, "mode", v.mode());
            g.writeBooleanField("checked", v.checked());
            if (v.families() != null) {
                strings(g, "families", v.families());
            }
            nonNull(g, "reason", v.reason());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    // ---- evidence: open-ended values ---------------------------------------------------------

    /** The engine's confirmation merged into the probe's evidence: the probe's fields, then "confirmation". */
    private static void evidence(JsonGenerator g, Object evidence) throws IOException {
        if (evidence instanceof Report.Confirmed c && (c.probe() == null || plainRecord(c.probe().getClass()))) {
            g.writeStartObject();
            if (c.probe() != null) {
                recordFields(g, (Record) c.probe());
            }
            g.writeFieldName("confirmation");
            if (c.confirmation() instanceof dev.wscheck.probe.Confirmation k) {
                confirmation(g, k);
            } else {
                value(g, c.confirmation());
            }
            g.writeEndObject();
            return;
        }
        value(g, evidence);
    }

    /** NON_EMPTY: attempts, agreed and busy always; the lists when not empty. */
    private static void confirmation(JsonGenerator g, dev.wscheck.probe.Confirmation c) throws IOException {
        g.writeStartObject();
        g.writeNumberField("attempts", c.attempts());
        g.writeNumberField("agreed", c.agreed());
        g.writeBooleanField("busy", c.busy());
        if (c.each() != null && !c.each().isEmpty()) {
            g.writeArrayFieldStart("each");
            for (dev.wscheck.probe.Confirmation.Attempt a : c.each()) {
                g.writeStartObject();
                string(g, "outcome", a.outcome());
                g.writeNumberField("wallMs", a.wallMs());
                g.writeNumberField("cpuMs", a.cpuMs());
                if (a.cpuWaitMs() != null) {
                    g.writeNumberField("cpuWaitMs", a.cpuWaitMs());
                }
                g.writeNumberField("schedulerLagMs", a.schedulerLagMs());
                g.writeNumberField("schedulerLagTotalMs", a.schedulerLagTotalMs());
                g.writeNumberField("loadPerCore", a.loadPerCore());
                g.writeBooleanField("busy", a.busy());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        if (c.addresses() != null && !c.addresses().isEmpty()) {
            g.writeArrayFieldStart("addresses");
            for (dev.wscheck.probe.Confirmation.AddressResult a : c.addresses()) {
                g.writeStartObject();
                string(g, "address", a.address());
                string(g, "family", a.family());
                string(g, "outcome", a.outcome());
                g.writeNumberField("attempts", a.attempts());
                g.writeNumberField("durationMs", a.durationMs());
                string(g, "detail", a.detail());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    /** One value of an evidence record, map or list, as databind writes it by default. */
    private static void value(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).intValue());
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Float f) {
            g.writeNumber(f);
        } else if (v instanceof BigInteger b) {
            g.writeNumber(b);
        } else if (v instanceof BigDecimal b) {
            g.writeNumber(b);
        } else if (v instanceof Enum<?> e) {
            g.writeString(e.name());
        } else if (v instanceof Optional<?> o) {
            value(g, o.orElse(null));
        } else if (v instanceof Collection<?> c) {
            g.writeStartArray();
            for (Object x : c) {
                value(g, x);
            }
            g.writeEndArray();
        } else if (v instanceof Map<?, ?> m && stringKeys(m)) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName((String) e.getKey());
                value(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof Record r && plainRecord(r.getClass())) {
            g.writeStartObject();
            recordFields(g, r);
            g.writeEndObject();
        } else {
            ReportMapper.write(g, v);
        }
    }

    private static boolean stringKeys(Map<?, ?> m) {
        for (Object k : m.keySet()) {
            if (!(k instanceof String)) {
                return false;
            }
        }
        return true;
    }

    /** Every component of {@code r}, in declaration order. */
    private static void recordFields(JsonGenerator g, Record r) throws IOException {
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            g.writeFieldName(c.getName());
            Object v;
            try {
                v = c.getAccessor().invoke(r);
            } catch (ReflectiveOperationException e) {
                throw new IOException("cannot read " + r.getClass().getSimpleName() + "." + c.getName() + " for the JSON report", e);
            }
            value(g, v);
        }
    }

    /**
     * True for a public record whose JSON form is its components in declaration order: no Jackson
     * annotation, and no other {@code getX()}/{@code isX()} method databind would add as a field.
     */
    static boolean plainRecord(Class<?> type) {
        return PLAIN.get(type);
    }

    private static final ClassValue<Boolean> PLAIN = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            if (!type.isRecord() || !Modifier.isPublic(type.getModifiers()) || jackson(type.getAnnotations())) {
                return false;
            }
            java.util.Set<String> components = new java.util.HashSet<>();
            for (RecordComponent c : type.getRecordComponents()) {
                if (jackson(c.getAnnotations()) || jackson(c.getAccessor().getAnnotations())) {
                    return false;
                }
                components.add(c.getName());
            }
            for (Method m : type.getMethods()) {
                String n = m.getName();
                boolean getter = (n.startsWith("get") && n.length() > 3 || n.startsWith("is") && n.length() > 2) && m.getParameterCount() == 0
                        && !Modifier.isStatic(m.getModifiers()) && m.getDeclaringClass() != Object.class && m.getDeclaringClass() != Record.class;
                if (getter && !components.contains(n)) {
                    return false;
                }
            }
            return true;
        }
    };

    private static boolean jackson(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (a.annotationType().getName().startsWith("com.fasterxml.jackson.")) {
                return true;
            }
        }
        return false;
    }

    // ---- fields --------------------------------------------------------------------------------

    /** A field written whatever its value (databind's default inclusion). */
    private static void string(JsonGenerator g, String name, String value) throws IOException {
        g.writeFieldName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeString(value);
        }
    }

    private static void nonNull(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void nonEmpty(JsonGenerator g, String name, String value) throws IOException {
        if (value != null && !value.isEmpty()) {
            g.writeStringField(name, value);
        }
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeFieldName(name);
        if (values == null) {
            g.writeNull();
            return;
        }
        g.writeStartArray();
        for (String s : values) {
            if (s == null) {
                g.writeNull();
            } else {
                g.writeString(s);
            }
        }
        g.writeEndArray();
    }

    private static void nonEmptyStrings(JsonGenerator g, String name, List<String> values) throws IOException {
        if (values != null && !values.isEmpty()) {
            strings(g, name, values);
        }
    }
}
