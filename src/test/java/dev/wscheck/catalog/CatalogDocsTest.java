package dev.wscheck.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/catalog.md lists every requirement and region of the built-in catalog, as they are. */
class CatalogDocsTest {
    private static final Catalog CATALOG = BuiltinCatalogTest.CATALOG;

    /** The documented rows of a table whose first cell is a back-quoted id, cells trimmed. */
    private static List<List<String>> rows(String heading) throws IOException {
        // Maven runs tests in the project directory.
        List<String> lines = Files.readAllLines(Path.of("docs", "catalog.md"), StandardCharsets.UTF_8);
        int start = lines.indexOf(heading);
        if (start < 0) {
            throw new IOException("docs/catalog.md has no heading '" + heading + "'");
        }
        List<List<String>> out = new ArrayList<>();
        for (String l : lines.subList(start + 1, lines.size())) {
            if (l.startsWith("## ")) {
                break;
            }
            if (l.startsWith("| `")) {
                out.add(Arrays.stream(l.substring(1, l.length() - 1).split("\\|")).map(String::trim).toList());
            }
        }
        return out;
    }

    @Test
    void theExampleCatalogInTheDocsLoadsAndPlans() throws IOException {
        String doc = Files.readString(Path.of("docs", "catalog.md"), StandardCharsets.UTF_8);
        int section = doc.indexOf("## Writing your own catalog");
        int start = doc.indexOf("```yaml\n", section) + "```yaml\n".length();
        String yaml = doc.substring(start, doc.indexOf("```", start));
        Catalog lab = CatalogLoader.parse("docs example", new java.io.ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "file");
        Plan p = Planner.plan(lab, "lab-1", List.of("pcoip", "dcv"), java.util.Optional.empty(), List.of(), List.of());
        assertEquals(List.of("https://skylight.lab-1.lab.test/", "tcp://drp.lab.test:4172", "udp://drp.lab.test:4172"),
                p.requirements().stream().flatMap(r -> r.endpoints().stream()).toList());
    }

    @Test
    void everyRequirementIsDocumentedWithItsCategoryProtocolImportanceAndProxyPolicy() throws IOException {
        List<String> documented = rows("## Requirement ids").stream()
                .map(c -> String.join(" ", c.subList(0, 5))).toList();
        List<String> actual = CATALOG.requirements().stream()
                .map(r -> "`" + r.id() + "` " + r.category() + " " + r.protocol() + " " + r.importance().id() + " " + r.proxy().id()).toList();
        assertEquals(actual, documented);
    }

    @Test
    void everyRegionIsDocumentedWithItsAirport() throws IOException {
        List<String> documented = rows("## Regions").stream().map(c -> c.get(0) + " " + c.get(2)).toList();
        List<String> actual = CATALOG.regions().values().stream()
                .map(r -> "`" + r.code() + "` " + (r.airport().isEmpty() ? "—" : r.airport())).toList();
        assertEquals(actual, documented);
    }
}
