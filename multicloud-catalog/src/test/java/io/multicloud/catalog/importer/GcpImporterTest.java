package io.multicloud.catalog.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.multicloud.core.catalog.Offer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GCP's rules on a few rows shaped like the real file. */
class GcpImporterTest {
    private static final String HEADER =
            "InstanceType,vCPUs,MemoryGiB,AcceleratorName,AcceleratorCount,GpuInfo,Region,AvailabilityZone,Price,SpotPrice\n";

    private static List<Offer> read(Path dir, String rows) throws Exception {
        Path file = dir.resolve("gcp_vms.csv");
        Files.writeString(file, HEADER + rows);
        ImportReport report = new ImportReport();
        return GcpImporter.read(file, new OfferMaker("snapshot:gcp_vms.csv", Instant.EPOCH, report), report);
    }

    @Test
    void zonesWithTheSamePriceShareOneOfferAndDifferentPricesSplitByZone(@TempDir Path dir) throws Exception {
        List<Offer> offers = read(dir, """
                n2-standard-2,2.0,8.0,,,,europe-west1,europe-west1-b,0.1,0.03
                n2-standard-2,2.0,8.0,,,,europe-west1,europe-west1-c,0.1,0.03
                n2-standard-2,2.0,8.0,,,,us-east1,us-east1-b,0.09,0.02
                n2-standard-2,2.0,8.0,,,,us-east1,us-east1-c,0.095,0.02
                """);
        assertThat(offers).extracting(o -> o.id().toString()).containsExactlyInAnyOrder(
                "gcp+europe-west1+n2-standard-2", "gcp+us-east1+n2-standard-2+us-east1-b", "gcp+us-east1+n2-standard-2+us-east1-c");
        Offer eu = offers.stream().filter(o -> o.region().equals("europe-west1")).findFirst().orElseThrow();
        assertThat(eu.zones()).containsExactly("europe-west1-b", "europe-west1-c");
    }

    @Test
    void acceleratorOptimizedTypesArePricedHostPlusTheirGpusOfTheSameZone(@TempDir Path dir) throws Exception {
        List<Offer> offers = read(dir, """
                g2-standard-24,24.0,96.0,,,,us-central1,us-central1-a,0.88075,0.37008
                ,,,L4,2,"{'Gpus': [{'MemoryInfo': {'SizeInMiB': 24576}}]}",us-central1,us-central1-a,1.12008,0.4686
                a2-highgpu-1g,12.0,85.0,,,,us-central1,us-central1-b,0.73948,0.36975
                n1-highmem-4,4.0,26.0,,,,us-central1,us-central1-a,0.2,0.05
                ,,,T4,1,"{'Gpus': [{'MemoryInfo': {'SizeInMiB': 16384}}]}",us-central1,us-central1-a,0.35,0.1654
                ,,,tpu-v5p-8,1,tpu-v5p-8,us-central1,us-central1-a,4.2,
                """);
        assertThat(offers).extracting(o -> o.id().toString()).containsExactlyInAnyOrder(
                "gcp+us-central1+g2-standard-24", "gcp+us-central1+n1-highmem-4", "gcp+us-central1+n1-highmem-4:T4x1");
        Offer g2 = offers.stream().filter(o -> o.specName().equals("g2-standard-24")).findFirst().orElseThrow();
        assertThat(g2.costPerHour()).isEqualTo(2.00083);
        assertThat(g2.acceleratorCount()).isEqualTo(2);
        assertThat(g2.acceleratorMemoryGiB()).isEqualTo(24);
        // a2-highgpu-1g has no A100 price in its zone: left out, never priced as a bare host
        assertThat(offers).noneMatch(o -> o.specName().startsWith("a2-"));
    }
}
