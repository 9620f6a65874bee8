package io.multicloud.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.Accelerator;
import io.multicloud.api.AcceleratorType;
import io.multicloud.api.Architecture;
import io.multicloud.api.Cloud;
import io.multicloud.api.Image;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.Platform;
import io.multicloud.api.Price;
import io.multicloud.api.Region;
import io.multicloud.api.Spec;
import io.multicloud.api.Zone;
import io.multicloud.core.MultiCloud;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The mock's catalog looks like a real cloud's: many regions on the map, both architectures, GPUs, a price for everything. */
@MockCloudTest
class CatalogTest {

    @Test
    void thereAreAtLeastEightRegionsEachWithThreeZonesAndAPlaceOnEarth(Cloud cloud) {
        assertThat(cloud.regions().list()).hasSizeGreaterThanOrEqualTo(8).allSatisfy(region -> {
            assertThat(region.zones()).hasSize(3).extracting(Zone::name)
                    .containsExactly(region.name() + "-z1", region.name() + "-z2", region.name() + "-z3");
            assertThat(region.location().display()).isNotBlank();
            assertThat(region.location().latitude()).isBetween(-90.0, 90.0);
            assertThat(region.location().longitude()).isBetween(-180.0, 180.0);
        });
        assertThat(cloud.regions().list()).extracting(Region::name)
                .contains("mars", "venus", "mercury", "jupiter", "saturn", "uranus", "neptune", "pluto");
    }

    @Test
    void theConnectedRegionIsFoundByName(Cloud cloud) {
        Region mars = cloud.regions().get("mars");
        assertThat(mars.displayName()).contains("Mars");
        assertThat(mars.zones()).allSatisfy(z -> assertThat(z.available()).isTrue());
        assertThat(cloud.regions().find("vulcan")).isEmpty();
    }

    @Test
    void imagesCoverBothArchitecturesAndWindows(Cloud cloud) {
        Image ubuntu = cloud.images().get("ubuntu-22.04");
        assertThat(ubuntu.architecture()).isEqualTo(Architecture.X86_64);
        assertThat(ubuntu.loginUser()).isEqualTo("ubuntu");
        assertThat(ubuntu.platform()).isEqualTo(Platform.LINUX);
        assertThat(ubuntu.id()).isNotEqualTo(ubuntu.name());
        assertThat(cloud.images().get("ubuntu-22.04-arm64").architecture()).isEqualTo(Architecture.ARM64);
        assertThat(cloud.images().get("windows-2022")).satisfies(w -> {
            assertThat(w.platform()).isEqualTo(Platform.WINDOWS);
            assertThat(w.minDiskGB()).isEqualTo(50);
        });
        assertThat(cloud.images().list()).extracting(Image::name)
                .contains("ubuntu-24.04", "debian-12", "rocky-9");
    }

    @Test
    void specsIncludeArmAndGpuMachines(Cloud cloud) {
        assertThat(cloud.specs().get("m1.small")).satisfies(s -> {
            assertThat(s.vcpus()).isEqualTo(2);
            assertThat(s.memoryGiB()).isEqualTo(4.0);
            assertThat(s.architecture()).isEqualTo(Architecture.X86_64);
            assertThat(s.hasAccelerator()).isFalse();
        });
        assertThat(cloud.specs().get("m1.large")).satisfies(s -> assertThat(s.vcpus()).isEqualTo(8));
        assertThat(cloud.specs().get("a1.small").architecture()).isEqualTo(Architecture.ARM64);
        assertThat(cloud.specs().get("g1.l4x1").accelerators()).singleElement().satisfies(gpu -> {
            assertThat(gpu.type()).isEqualTo(AcceleratorType.GPU);
            assertThat(gpu.model()).isEqualTo("NVIDIA L4");
            assertThat(gpu.count()).isEqualTo(1);
        });
        Spec h100 = cloud.specs().get("g1.h100x8");
        assertThat(h100.acceleratorCount()).isEqualTo(8);
        assertThat(h100.accelerators()).extracting(Accelerator::model).containsExactly("NVIDIA H100");
        assertThat(cloud.specs().list()).allSatisfy(s -> assertThat(s.region()).isEqualTo("mars"));
    }

    @Test
    void everySpecHasAPriceAndGpusCostMore(Cloud cloud) {
        Set<String> priced = cloud.prices().list().stream().map(Price::spec).collect(Collectors.toSet());
        assertThat(priced).containsAll(cloud.specs().list().stream().map(Spec::name).toList());
        assertThat(cloud.prices().list()).allSatisfy(p -> {
            assertThat(p.costPerHour()).isPositive();
            assertThat(p.currency()).isEqualTo("USD");
            assertThat(p.region()).isEqualTo("mars");
        });
        assertThat(cloud.prices().get("g1.h100x8").costPerHour())
                .isGreaterThan(cloud.prices().get("g1.l4x1").costPerHour())
                .isGreaterThan(cloud.prices().get("m1.small").costPerHour());
    }

    @Test
    @MockCloudTest(region = "jupiter")
    void pricesDifferFromRegionToRegion(Cloud jupiter, MultiCloud multiCloud) {
        try (Cloud mars = multiCloud.connect("mock", "mars")) {
            assertThat(jupiter.prices().get("m1.small").costPerHour())
                    .isGreaterThan(mars.prices().get("m1.small").costPerHour());
            assertThat(jupiter.images().get("ubuntu-22.04").id()).isNotEqualTo(mars.images().get("ubuntu-22.04").id());
        }
    }

    @Test
    void aMissingCatalogEntryIsNotFound(Cloud cloud) {
        assertThat(cloud.specs().find("x9.huge")).isEmpty();
        assertThatThrownBy(() -> cloud.specs().get("x9.huge")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("x9.huge");
        assertThatThrownBy(() -> cloud.images().get("beos-5")).isInstanceOf(NotFoundException.class);
    }
}
