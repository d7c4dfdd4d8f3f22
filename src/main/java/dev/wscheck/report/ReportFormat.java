package dev.wscheck.report;

import dev.wscheck.WscheckException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The report formats of contract §6 and the file extensions {@code -o} derives them from. Every
 * format is rendered from the same {@link Report} by one {@link Reporter} ({@link Renderers}).
 */
public enum ReportFormat {
    CONSOLE(""),
    JSON(".json"),
    HTML(".html"),
    MARKDOWN(".md"),
    JUNIT(".xml"),
    PROMETHEUS(".prom"),
    NAGIOS("");

    private final String extension;

    ReportFormat(String extension) {
        this.extension = extension;
    }

    /** The name as users type it ({@code --format markdown}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The file extension {@code -o} recognises, with its dot; empty for stdout-only formats. */
    public Optional<String> extension() {
        return extension.isEmpty() ? Optional.empty() : Optional.of(extension);
    }

    /** True for formats this build renders (a format is listed here before it is built). */
    public boolean available() {
        return Renderers.available(this);
    }

    public static ReportFormat forName(String name) {
        for (ReportFormat f : values()) {
            if (f.id().equalsIgnoreCase(name.trim())) {
                if (!f.available()) {
                    throw new WscheckException("--format " + name + ": not available in this version (available: " + availableNames() + ")");
                }
                return f;
            }
        }
        throw new WscheckException("--format " + name + ": unknown format (available: " + availableNames() + ")");
    }

    public static ReportFormat forFile(Path file) {
        String n = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (ReportFormat f : values()) {
            if (f.extension().isPresent() && n.endsWith(f.extension)) {
                if (!f.available()) {
                    throw new WscheckException("-o " + file + ": " + f.id() + " reports are not available in this version (use " + availableExtensions() + ")");
                }
                return f;
            }
        }
        throw new WscheckException("-o " + file + ": cannot tell the format from the extension (use " + availableExtensions() + ")");
    }

    private static String availableNames() {
        return Arrays.stream(values()).filter(ReportFormat::available).map(ReportFormat::id).collect(Collectors.joining(", "));
    }

    private static String availableExtensions() {
        return Arrays.stream(values()).filter(f -> f.available() && f.extension().isPresent()).map(f -> f.extension).collect(Collectors.joining(" "));
    }
}
