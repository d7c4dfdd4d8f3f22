package dev.wscheck.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.Writer;

/** The contract's JSON report (schemaVersion 1), indented, one document, a trailing newline. */
public final class JsonReporter implements Reporter {
    private static final ObjectMapper MAPPER = mapper();

    /** Returns the mapper every JSON output of wscheck uses (reports, the effective catalog). */
    public static ObjectMapper mapper() {
        return new ObjectMapper()
                .registerModule(new Jdk8Module())
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    @Override
    public void write(Report report, Writer out) throws IOException {
        MAPPER.writeValue(out, report);
        out.write(System.lineSeparator());
        out.flush();
    }
}
