package dev.wscheck.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/**
 * The Jackson databind mapper of wscheck's JSON outputs (reading reports back, the effective
 * catalog, redaction), kept apart from {@link JsonReporter} so that writing a report never loads
 * databind: this class is loaded only when one of its methods runs.
 */
final class ReportMapper {
    private ReportMapper() {}

    static ObjectMapper create() {
        return new ObjectMapper()
                .registerModule(new Jdk8Module())
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** Built on first use: only evidence of a kind the streaming writer does not know needs it. */
    private static final class Shared {
        static final ObjectMapper MAPPER = create();
    }

    /** Writes {@code value} at the generator's current place, exactly as the mapper would inside a whole document. */
    static void write(JsonGenerator g, Object value) throws IOException {
        Shared.MAPPER.writeValue(g, value);
    }
}
