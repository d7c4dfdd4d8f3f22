package dev.wscheck.report;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.wscheck.WscheckException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a saved JSON report (contract §3) back into the {@link Report} every renderer takes.
 * Fields this version does not know are ignored (a newer wscheck may have added some); a file
 * that is not a wscheck report of schema 1 fails with one line naming the file and the place.
 * Evidence comes back as plain maps: renderers that draw evidence accept both forms.
 */
public final class ReportJson {
    /** Every string read back, evidence maps included, passes {@link TerminalSafe}: the file may come from anywhere. */
    private static final ObjectMapper MAPPER = JsonReporter.mapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .registerModule(new SimpleModule("terminal-safe-strings").addDeserializer(String.class, new SafeStrings()));

    private static final class SafeStrings extends StdScalarDeserializer<String> {
        private static final long serialVersionUID = 1L;

        SafeStrings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            return TerminalSafe.text(StringDeserializer.instance.deserialize(p, ctx));
        }
    }

    private ReportJson() {}

    public static Report read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new WscheckException("report " + file + ": no such file");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new WscheckException("report " + file + ": cannot read: " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    /** Parses {@code json}; {@code name} is how errors name its source. */
    public static Report parse(String json, String name) {
        if (json.isBlank()) {
            throw new WscheckException("report " + name + ": empty file, not a wscheck JSON report");
        }
        Report r;
        try {
            r = MAPPER.readValue(json, Report.class);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new WscheckException("report " + name + ": not a wscheck JSON report" + where + ": " + e.getOriginalMessage());
        }
        if (r == null) {
            throw new WscheckException("report " + name + ": empty file, not a wscheck JSON report");
        }
        if (r.schemaVersion() != Report.SCHEMA_VERSION) {
            throw new WscheckException("report " + name + ": schemaVersion " + r.schemaVersion() + " is not supported (this wscheck reads schemaVersion "
                    + Report.SCHEMA_VERSION + ")");
        }
        for (String field : new String[] {"tool", "region", "status", "counts", "requirements", "host", "catalog", "protocols"}) {
            if (missing(r, field)) {
                throw new WscheckException("report " + name + ": not a wscheck JSON report: \"" + field + "\" is missing");
            }
        }
        for (Report.Requirement q : r.requirements()) {
            if (q == null || q.id() == null || q.status() == null || q.checks() == null || q.remediation() == null) {
                throw new WscheckException("report " + name + ": not a wscheck JSON report: a requirement lacks its id, status, checks or remediation");
            }
        }
        return normalize(r);
    }

    /** What the JSON leaves out when empty comes back as the live report has it (an empty note, not null). */
    static Report normalize(Report r) {
        List<Report.Requirement> reqs = new ArrayList<>();
        for (Report.Requirement q : r.requirements()) {
            reqs.add(q.note() != null ? q : new Report.Requirement(q.id(), q.category(), q.title(), q.protocol(), q.importance(), q.status(), "",
                    q.route(), q.checks(), q.remediation(), q.filtered(), q.failStreak()));
        }
        return r.with(r.host(), r.proxy(), r.findings(), reqs, r.environment());
    }

    private static boolean missing(Report r, String field) {
        switch (field) {
            case "tool":
                return r.tool() == null;
            case "region":
                return r.region() == null;
            case "status":
                return r.status() == null;
            case "counts":
                return r.counts() == null;
            case "requirements":
                return r.requirements() == null;
            case "host":
                return r.host() == null;
            case "catalog":
                return r.catalog() == null;
            default:
                return r.protocols() == null;
        }
    }
}
