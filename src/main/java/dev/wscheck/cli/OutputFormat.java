package dev.wscheck.cli;

import dev.wscheck.WscheckException;
import java.nio.file.Path;
import java.util.Locale;

/** Report formats and the file extensions -o derives them from. */
enum OutputFormat {
    CONSOLE(""),
    JSON(".json");

    /** Formats the contract names that this version does not produce yet. */
    private static final String PLANNED = "html, markdown, junit, prometheus";

    private final String extension;

    OutputFormat(String extension) {
        this.extension = extension;
    }

    static OutputFormat forName(String name) {
        for (OutputFormat f : values()) {
            if (f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        if (PLANNED.contains(name.toLowerCase(Locale.ROOT))) {
            throw new WscheckException("--format " + name + ": not available in this version (available: console, json)");
        }
        throw new WscheckException("--format " + name + ": unknown format (available: console, json)");
    }

    static OutputFormat forFile(Path file) {
        String n = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (OutputFormat f : values()) {
            if (!f.extension.isEmpty() && n.endsWith(f.extension)) {
                return f;
            }
        }
        if (n.endsWith(".html") || n.endsWith(".md") || n.endsWith(".xml") || n.endsWith(".prom")) {
            throw new WscheckException("-o " + file + ": that format is not available in this version (use .json)");
        }
        throw new WscheckException("-o " + file + ": cannot tell the format from the extension (use .json)");
    }
}
