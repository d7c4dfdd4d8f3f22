package dev.wscheck.report;

import java.io.IOException;
import java.io.Writer;

/** Renders a report in one format. Implementations never touch the network. */
public interface Reporter {
    void write(Report report, Writer out) throws IOException;
}
