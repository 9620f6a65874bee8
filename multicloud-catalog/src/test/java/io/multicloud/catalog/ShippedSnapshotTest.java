package io.multicloud.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.multicloud.api.AcceleratorType;
import io.multicloud.api.Architecture;
import io.multicloud.core.catalog.CloudCatalog;
import io.multicloud.core.catalog.Offer;
import io.multicloud.core.catalog.OfferId;
import io.multicloud.core.catalog.Priority;
import io.multicloud.core.catalog.Recommendation;
import io.multicloud.core.catalog.Snapshot;
import io.multicloud.core.catalog.Source;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped snapshot holds the traps of the real data parsed right. */
class ShippedSnapshotTest {
    private static Snapshot snapshot;

    @BeforeAll
    static void load() {
        snapshot = Snapshot.shipped(ShippedSnapshotTest.class.getClassLoader()).orElseThrow();
    }

    private static Offer offer(String id) {
        return snapshot.offers().find(OfferId.parse(id)).orElseThrow(() -> new AssertionError("no offer " + id));
    }

    @Test
    void isDatedAndSaysWhereItsFactsComeFrom() {
        assertThat(snapshot.date()).isEqualTo(LocalDate.of(2026, 5, 20));
        assertThat(snapshot.sources()).extracting(s -> s.name()).contains("gcp_vms.csv", "azure_vms.csv",
                "all_gpu_instances.js", "cloudspec-v0.8.0.csv", "cloudlatencymap.csv");
        assertThat(snapshot.offers().size()).isGreaterThan(60_000);
        Offer o = offer("aws+us-east-1+p5.48xlarge");
        assertThat(o.source()).isEqualTo(Source.SNAPSHOT);
        assertThat(o.origin()).isEqualTo("snapshot:all_gpu_instances.js");
        assertThat(o.asOf().toString()).startsWith("2026-01-21");
    }

    @Test
    void gcpGpuRowsArePricedOntoTheirHosts() {
        // g2-standard-4 comes with one L4: host 0.14679 + L4 0.56004 in us-central1
        Offer g2 = offer("gcp+us-central1+g2-standard-4");
        assertThat(g2.costPerHour()).isEqualTo(0.70683);
        assertThat(g2.spotCostPerHour()).isCloseTo(0.06168 + 0.2343, within(1e-9));
        assertThat(g2.acceleratorModel()).isEqualTo("L4");
        assertThat(g2.acceleratorCount()).isEqualTo(1);
        assertThat(g2.acceleratorMemoryGiB()).isEqualTo(24);
        assertThat(g2.zones()).contains("us-central1-a");
        // a2-ultragpu carries A100 80GB; a3-megagpu's "H100-MEGA" is the same H100
        assertThat(offer("gcp+us-central1+a2-ultragpu-1g").acceleratorModel()).isEqualTo("A100-80GB");
        assertThat(offer("gcp+us-central1+a3-megagpu-8g").acceleratorModel()).isEqualTo("H100");
        // a T4 attaches to an N1 host: one offer, priced host + GPU
        Offer n1 = offer("gcp+us-central1+n1-highmem-4:T4x1");
        assertThat(n1.acceleratorModel()).isEqualTo("T4");
        assertThat(n1.costPerHour()).isGreaterThan(0.35);
        // a plain host is CPU-only: zero accelerators, a value not "unset"
        Offer n1cpu = offer("gcp+us-central1+n1-standard-4");
        assertThat(n1cpu.acceleratorCount()).isZero();
        assertThat(n1cpu.hasAccelerator()).isFalse();
        assertThat(n1cpu.costPerHour()).isEqualTo(0.19);
    }

    @Test
    void azureRowsWithElevenFieldsKeepTheirRegionAndPrice() {
        // Standard_B12ms rows end with an unquoted "V1,V2": 11 fields under 10 columns
        Offer b12 = offer("azure+australiacentral+Standard_B12ms");
        assertThat(b12.vcpus()).isEqualTo(12);
        assertThat(b12.memoryGiB()).isEqualTo(48);
        assertThat(b12.costPerHour()).isEqualTo(0.634);
        assertThat(b12.spotCostPerHour()).isNaN();
        assertThat(b12.location()).isNotNull();
    }

    @Test
    void fractionalGpuCountsKeepTheCountAndShareTheMemory() {
        Offer nv12 = offer("azure+australiaeast+Standard_NV12ads_A10_v5");
        assertThat(nv12.acceleratorCount()).isEqualTo(0.333);
        assertThat(nv12.acceleratorModel()).isEqualTo("A10");
        assertThat(nv12.acceleratorMemoryGiB()).isEqualTo(8); // a third of a 24 GiB A10
        assertThat(nv12.acceleratorTotalMemoryGiB()).isEqualTo(8);
        Offer g6f = offer("aws+us-east-1+g6f.large");
        assertThat(g6f.acceleratorCount()).isEqualTo(0.125);
        assertThat(g6f.acceleratorModel()).isEqualTo("L40");
        assertThat(g6f.acceleratorMemoryGiB()).isEqualTo(6); // an eighth of a 48 GiB L40
    }

    @Test
    void gpuMemoryComesFromTheModelWhenTheSourceDoesNotSayOrIsUnknown() {
        // Azure names the GPU only
        assertThat(offer("azure+eastus+Standard_NC24ads_A100_v4").acceleratorMemoryGiB()).isEqualTo(80);
        // AWS says "Unknown": the table knows an L4, not a Qualcomm AI 100
        assertThat(offer("aws+us-east-1+gr6.4xlarge").acceleratorMemoryGiB()).isEqualTo(24);
        Offer dl2q = offer("aws+us-west-2+dl2q.24xlarge");
        assertThat(dl2q.acceleratorMemoryGiB()).isNaN();
        assertThat(dl2q.acceleratorType()).isEqualTo(AcceleratorType.NPU);
        // the whole VM's memory in the source ("320 GB" for 8 A100) is read per GPU
        assertThat(offer("aws+us-east-1+p4d.24xlarge").acceleratorMemoryGiB()).isEqualTo(40);
        assertThat(offer("aws+us-east-1+p4de.24xlarge").acceleratorModel()).isEqualTo("A100-80GB");
        assertThat(offer("aws+us-east-1+p5.48xlarge").acceleratorMemoryGiB()).isEqualTo(80);
    }

    @Test
    void g5gIsReadAsT4gOnArm() {
        Offer g5g = offer("aws+us-east-1+g5g.xlarge");
        assertThat(g5g.acceleratorModel()).isEqualTo("T4G");
        assertThat(g5g.acceleratorMemoryGiB()).isEqualTo(16);
        assertThat(g5g.architecture()).isEqualTo(Architecture.ARM64);
    }

    @Test
    void tumblebugProvidersOfAnyCaseBecomeOneNameWithCoordinates() {
        Offer ali = offer("alibaba+ap-northeast-2+ecs.g6e.large");
        assertThat(ali.vcpus()).isEqualTo(2);
        assertThat(ali.memoryGiB()).isEqualTo(8);
        assertThat(ali.location()).isNotNull();
        assertThat(ali.location().display()).contains("Seoul");
        assertThat(snapshot.offers().asList()).anyMatch(o -> o.provider().equals("tencent"));
        assertThat(snapshot.offers().asList()).noneMatch(o -> o.provider().equals("ALIBABA") || o.provider().equals("azure")
                && o.origin().contains("cloudspec"));
        assertThat(snapshot.latency().ms("aws-ap-northeast-2", "aws-ap-northeast-1")).isBetween(20.0, 60.0);
    }

    @Test
    void cheapestTwoGpusWithAtLeast24GbNearSeoul() {
        try (CloudCatalog catalog = CloudCatalog.offline(snapshot)) {
            Recommendation r = catalog.recommend()
                    .where("acceleratorCount").atLeast(2)
                    .where("acceleratorMemoryGiB").atLeast(24)
                    .near(37.57, 126.98, 1000, "Seoul")
                    .orderBy(Priority.cost())
                    .limit(5)
                    .run();
            assertThat(r.picks()).hasSize(5);
            assertThat(r.picks()).allSatisfy(p -> {
                assertThat(p.offer().acceleratorCount()).isGreaterThanOrEqualTo(2);
                assertThat(p.distanceKm()).isLessThanOrEqualTo(1000);
            });
            assertThat(r.offers()).isSortedAccordingTo(java.util.Comparator.comparingDouble(Offer::costPerHour));
            System.out.println(r);
        }
    }
}
