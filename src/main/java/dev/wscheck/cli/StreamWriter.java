package dev.wscheck.cli;

import java.io.PrintStream;
import java.io.Writer;

/** A Writer onto a PrintStream that keeps the stream's own encoding (the console's code page). */
final class StreamWriter extends Writer {
    private final PrintStream out;

    StreamWriter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void write(char[] buf, int off, int len) {
        out.print(new String(buf, off, len));
    }

    @Override
    public void flush() {
        out.flush();
    }

    @Override
    public void close() {
        out.flush();
    }
}
