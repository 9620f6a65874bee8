package io.multicloud.driver.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.multicloud.api.Architecture;
import io.multicloud.api.Cloud;
import io.multicloud.api.Image;
import io.multicloud.api.Platform;
import io.multicloud.api.Spec;
import io.multicloud.core.MultiCloud;
import io.multicloud.driver.gcp.fake.GcpFake;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Regions, images and aliases, specs with GPUs, and prices from the Billing Catalog. */
class GcpCatalogTest {
    private static GcpFake fake;
    private MultiCloud mc;
    private Cloud gcp;

    @BeforeAll
    static void startFake() {
        fake = GcpFake.start();
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    @BeforeEach
    void connect() {
        mc = MultiCloud.builder().environment(Map.of()).build();
        gcp = mc.connect(GcpFakeConnections.config(fake));
    }

    @AfterEach
    void close() {
        mc.close();
    }

    @Test
    void regionsCarryTheirZonesAndCoordinates() {
        var region = gcp.regions().get("us-central1");
        assertThat(region.zones()).extracting(z -> z.name()).contains("us-central1-a", "us-central1-f");
        assertThat(region.location().latitude()).isEqualTo(41.26, within(0.01));
    }

    @Test
    void aliasesResolveToTheNewestImageOfTheirFamily() {
        Image ubuntu = gcp.images().get("ubuntu-22.04");
        assertThat(ubuntu.id()).endsWith("ubuntu-2204-jammy-v20240614");
        assertThat(ubuntu.os()).isEqualTo("Ubuntu");
        assertThat(ubuntu.osVersion()).isEqualTo("22.04");
        assertThat(ubuntu.architecture()).isEqualTo(Architecture.X86_64);
        assertThat(gcp.images().get("ubuntu-22.04-arm64").architecture()).isEqualTo(Architecture.ARM64);
        assertThat(gcp.images().get("debian-12").osVersion()).isEqualTo("12");
        assertThat(gcp.images().get("windows-2022").platform()).isEqualTo(Platform.WINDOWS);
        assertThat(gcp.images().get("rocky-9").os()).isEqualTo("Rocky Linux");
        assertThat(gcp.images().find("projects/deeplearning-platform-release/global/images/family/common-cu121-debian-11")).isPresent();
        assertThat(gcp.images().get(ubuntu.id()).name()).isEqualTo(ubuntu.id());
    }

    @Test
    void specsShowVcpusMemoryArchitectureAndGpus() {
        Spec g2 = gcp.specs().get("g2-standard-4");
        assertThat(g2.vcpus()).isEqualTo(4);
        assertThat(g2.memoryGiB()).isEqualTo(16.0);
        assertThat(g2.accelerators()).singleElement().satisfies(a -> {
            assertThat(a.model()).isEqualTo("NVIDIA L4");
            assertThat(a.memoryGiB()).isEqualTo(24.0);
        });
        assertThat(gcp.specs().get("t2a-standard-1").architecture()).isEqualTo(Architecture.ARM64);
        assertThat(gcp.specs().get("a3-highgpu-8g").acceleratorCount()).isEqualTo(8);
        assertThat(gcp.specs().list()).extracting(Spec::name).contains("n1-standard-8+nvidia-tesla-t4:1");
        assertThat(gcp.specs().get("n1-standard-4+nvidia-tesla-t4:2").acceleratorCount()).isEqualTo(2);
    }

    @Test
    void pricesAddCoresMemoryAndGpus() {
        assertThat(gcp.prices().get("e2-standard-2").costPerHour()).isEqualTo(2 * 0.021811 + 8 * 0.002923, within(1e-6));
        assertThat(gcp.prices().get("e2-micro").costPerHour()).isEqualTo(0.25 * 0.021811 + 1 * 0.002923, within(1e-6));
        assertThat(gcp.prices().get("g2-standard-4").costPerHour()).isEqualTo(4 * 0.02489 + 16 * 0.002916 + 0.56, within(1e-6));
        assertThat(gcp.prices().get("n1-standard-8+nvidia-tesla-t4:1").costPerHour())
                .isEqualTo(8 * 0.031611 + 30 * 0.004237 + 0.35, within(1e-6));
        assertThat(gcp.prices().get("e2-small").currency()).isEqualTo("USD");
        assertThat(gcp.prices().find("a3-highgpu-8g")).isEmpty();
        assertThat(gcp.prices().list()).extracting(p -> p.spec()).contains("e2-micro", "n1-standard-8+nvidia-tesla-t4:1");
    }
}
