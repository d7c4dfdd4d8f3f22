package dev.wscheck.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Build step (Maven's process-classes phase, exec:java): validates the built-in catalog YAML with
 * the same loader a --catalog file goes through, so a bad catalog fails the build, and writes it
 * as compact JSON beside it. At run time {@link CatalogLoader#builtin()} reads that JSON with a
 * streaming parser in milliseconds, instead of YAML through databind (~0.5 s on a cold JVM;
 * docs/performance.md). The YAML stays the one source; nobody edits the JSON.
 */
public final class CatalogCompiler {
    private CatalogCompiler() {}

    /** Usage: CatalogCompiler SOURCE.yaml TARGET.json */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: CatalogCompiler SOURCE.yaml TARGET.json");
        }
        Path source = Path.of(args[0]);
        Path target = Path.of(args[1]);
        try (InputStream in = Files.newInputStream(source)) {
            CatalogLoader.parse(source.toString(), in, "builtin");
        }
        JsonNode tree = new ObjectMapper(new YAMLFactory()).readTree(source.toFile());
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        new ObjectMapper().writeValue(tmp.toFile(), tree);
        Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
