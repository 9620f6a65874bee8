package io.multicloud.driver.mock;

import io.multicloud.api.Architecture;
import io.multicloud.api.Image;
import io.multicloud.api.Platform;
import io.multicloud.api.Price;
import io.multicloud.api.Region;
import io.multicloud.api.Spec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class MockCatalogTest extends MockTestBase {

    @Test
    void hasEightRegionsEachWithThreeZonesAndARealPlace() {
        List<Region> regions = conn.regions().list();
        assertThat(regions).hasSizeGreaterThanOrEqualTo(8);
        for (Region r : regions) {
            assertThat(r.zones()).extracting(z -> z.name())
                    .containsExactly(r.name() + "-z1", r.name() + "-z2", r.name() + "-z3");
            assertThat(r.location().latitude()).isBetween(-90.0, 90.0);
            assertThat(r.location().display()).isNotBlank();
            assertThat(r.displayName()).contains(r.location().display());
        }
        Region mars = conn.regions().find("mars").orElseThrow();
        assertThat(mars.location().latitude()).isEqualTo(40.4);
        assertThat(mars.location().longitude()).isEqualTo(-82.9);
    }

    @Test
    void imagesCoverBothArchitecturesLinuxAndWindows() {
        List<Image> images = conn.images().list();
        assertThat(images).extracting(Image::architecture).contains(Architecture.X86_64, Architecture.ARM64);
        assertThat(images).extracting(Image::platform).contains(Platform.LINUX, Platform.WINDOWS);
        assertThat(images).extracting(Image::name).contains("ubuntu-22.04", "ubuntu-22.04-arm64", "ubuntu-24.04",
                "ubuntu-24.04-arm64", "debian-12", "rocky-9", "windows-2022");
        assertThat(images).allSatisfy(i -> assertThat(i.id()).matches("img-[0-9a-f]{12}"));
        Image windows = conn.images().find("windows-2022").orElseThrow();
        assertThat(windows.platform()).isEqualTo(Platform.WINDOWS);
        assertThat(windows.loginUser()).isEqualTo("Administrator");
        assertThat(windows.minDiskGB()).isEqualTo(50);
        assertThat(conn.images().find("ubuntu-22.04").orElseThrow().loginUser()).isEqualTo("ubuntu");
        assertThat(conn.images().find("ubuntu-22.04-arm64").orElseThrow().architecture()).isEqualTo(Architecture.ARM64);
        assertThat(conn.images().find("debian-12").orElseThrow().loginUser()).isEqualTo("admin");
        assertThat(conn.images().find("rocky-9").orElseThrow().loginUser()).isEqualTo("rocky");
    }

    @Test
    void imagesAreFoundByIdTooAndIdsDifferPerRegion() {
        Image ubuntu = conn.images().find("ubuntu-22.04").orElseThrow();
        assertThat(conn.images().find(ubuntu.id())).contains(ubuntu);
        Image venus = connect("default", "venus", Map.of()).images().find("ubuntu-22.04").orElseThrow();
        assertThat(venus.id()).isNotEqualTo(ubuntu.id());
    }

    @Test
    void specsIncludeTheDocumentedShapesAndSeveralGpuSpecs() {
        List<Spec> specs = conn.specs().list();
        assertThat(specs).hasSizeGreaterThanOrEqualTo(20).allSatisfy(s -> assertThat(s.region()).isEqualTo("mars"));
        assertThat(specs.stream().filter(Spec::hasAccelerator).count()).isGreaterThanOrEqualTo(3);
        assertThat(specs).extracting(Spec::architecture).contains(Architecture.X86_64, Architecture.ARM64);
        assertThat(specs.stream().flatMap(s -> s.accelerators().stream()).map(a -> a.model()))
                .contains("NVIDIA L4", "NVIDIA H100", "NVIDIA A100", "NVIDIA A10G", "NVIDIA T4");

        Spec small = conn.specs().find("m1.small").orElseThrow();
        assertThat(small.vcpus()).isEqualTo(2);
        assertThat(small.memoryGiB()).isEqualTo(4);
        assertThat(small.architecture()).isEqualTo(Architecture.X86_64);
        Spec large = conn.specs().find("m1.large").orElseThrow();
        assertThat(large.vcpus()).isEqualTo(8);
        assertThat(large.memoryGiB()).isEqualTo(32);
        Spec arm = conn.specs().find("a1.small").orElseThrow();
        assertThat(arm.architecture()).isEqualTo(Architecture.ARM64);
        assertThat(arm.vcpus()).isEqualTo(2);
        assertThat(arm.memoryGiB()).isEqualTo(4);
        Spec l4 = conn.specs().find("g1.l4x1").orElseThrow();
        assertThat(l4.vcpus()).isEqualTo(4);
        assertThat(l4.memoryGiB()).isEqualTo(16);
        assertThat(l4.accelerators()).singleElement().satisfies(a -> {
            assertThat(a.model()).isEqualTo("NVIDIA L4");
            assertThat(a.count()).isEqualTo(1);
            assertThat(a.memoryGiB()).isEqualTo(24);
        });
        Spec h100 = conn.specs().find("g1.h100x8").orElseThrow();
        assertThat(h100.vcpus()).isEqualTo(96);
        assertThat(h100.memoryGiB()).isEqualTo(1024);
        assertThat(h100.acceleratorCount()).isEqualTo(8);
        assertThat(h100.accelerators().getFirst().memoryGiB()).isEqualTo(80);
    }

    @Test
    void everySpecHasAPriceInEveryRegionDifferingByRegion() {
        MockCatalog catalog = driver.catalog();
        for (Region r : catalog.regions()) {
            Map<String, Double> prices = catalog.prices(r.name()).stream()
                    .collect(Collectors.toMap(Price::spec, Price::costPerHour));
            assertThat(prices.keySet()).containsExactlyInAnyOrderElementsOf(
                    catalog.specs(r.name()).stream().map(Spec::name).toList());
            assertThat(prices.values()).allSatisfy(p -> assertThat(p).isPositive());
            assertThat(catalog.prices(r.name())).allSatisfy(p -> assertThat(p.currency()).isEqualTo("USD"));
        }
        double mars = catalog.price("mars", "m1.small").orElseThrow().costPerHour();
        double jupiter = catalog.price("jupiter", "m1.small").orElseThrow().costPerHour();
        assertThat(jupiter).isGreaterThan(mars);
        assertThat(catalog.price("mars", "g1.h100x8").orElseThrow().costPerHour()).isGreaterThan(10 * mars);
        assertThat(conn.prices().find("m1.small")).hasValueSatisfying(p -> assertThat(p.region()).isEqualTo("mars"));
    }
}
