package dev.wscheck.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The build's compiled JSON catalog (CatalogCompiler) is the YAML source, value for value. */
class CompiledCatalogTest {
    @Test
    void theCompiledCatalogEqualsTheYamlSourceLoadedByTheFullLoader() throws Exception {
        assertNotNull(CatalogLoader.class.getResource(CatalogLoader.BUILTIN_COMPILED), "the build did not compile the catalog");
        Catalog fromYaml;
        try (InputStream in = CatalogLoader.class.getResourceAsStream(CatalogLoader.BUILTIN)) {
            fromYaml = CatalogLoader.parse("yaml", in, "builtin");
        }
        assertEquals(fromYaml, CatalogLoader.builtin());
    }

    /** check starts the built-in catalog's load on a background thread while picocli builds its model. */
    @Test
    void theCatalogLoadedInTheBackgroundIsTheSameCatalog() throws Exception {
        Catalog fromYaml;
        try (InputStream in = CatalogLoader.class.getResourceAsStream(CatalogLoader.BUILTIN)) {
            fromYaml = CatalogLoader.parse("yaml", in, "builtin");
        }
        CatalogLoader.preloadBuiltin();
        CatalogLoader.preloadBuiltin(); // a second call starts nothing more
        assertEquals(fromYaml, CatalogLoader.builtin());
        assertEquals(fromYaml, CatalogLoader.builtin());
    }
}
