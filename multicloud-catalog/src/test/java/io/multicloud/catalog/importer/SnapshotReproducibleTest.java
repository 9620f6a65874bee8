package io.multicloud.catalog.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.multicloud.core.catalog.Snapshot;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shipped snapshot is what catalog-import makes of {@code ../shared/catalog-data} (beside the
 * clone in CI; {@code -Dcatalog.data=<dir>} elsewhere). When the data or the importer changes,
 * rebuild it: {@code CatalogImport <catalog-data> multicloud-catalog/src/main/resources/io/multicloud/catalog/snapshot.mcs.gz}.
 */
class SnapshotReproducibleTest {

    static Path catalogData() {
        String given = System.getProperty("catalog.data");
        if (given != null) {
            return Path.of(given);
        }
        Path here = Path.of("").toAbsolutePath();
        return Stream.of(here.resolve("../../shared/catalog-data"), here.resolve("../shared/catalog-data"))
                .map(Path::normalize).filter(p -> Files.isDirectory(p.resolve("skypilot-format"))).findFirst().orElse(null);
    }

    @Test
    void theShippedSnapshotIsRebuiltByteForByteFromTheCatalogData() throws Exception {
        Path data = catalogData();
        assumeTrue(data != null, "no catalog-data beside the clone (../shared/catalog-data) and no -Dcatalog.data");

        CatalogImport.Result result = CatalogImport.build(data, LocalDate.parse(CatalogImport.SKYPILOT_DATE));
        ByteArrayOutputStream rebuilt = new ByteArrayOutputStream();
        result.snapshot().write(rebuilt);

        byte[] shipped;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(Snapshot.RESOURCE)) {
            assertThat(in).as("the shipped snapshot " + Snapshot.RESOURCE).isNotNull();
            shipped = in.readAllBytes();
        }
        assertThat(rebuilt.toByteArray())
                .as("the shipped snapshot differs from what catalog-import makes of " + data + "; rebuild it")
                .isEqualTo(shipped);
        // and the same input gives the same bytes twice
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        CatalogImport.build(data, LocalDate.parse(CatalogImport.SKYPILOT_DATE)).snapshot().write(again);
        assertThat(again.toByteArray()).isEqualTo(rebuilt.toByteArray());
        assertThat(result.report().facts()).containsEntry(
                "azure rows with an extra unquoted field (V1,V2), joined to Generation", 27_141);
    }
}
