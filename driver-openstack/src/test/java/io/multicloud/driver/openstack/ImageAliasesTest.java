package io.multicloud.driver.openstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.multicloud.api.Accelerator;
import io.multicloud.api.AcceleratorType;
import io.multicloud.api.Architecture;
import io.multicloud.driver.openstack.ImageAliases.Alias;
import io.multicloud.driver.openstack.ImageAliases.Facts;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Portable aliases against the ways clouds name and describe their images (no cloud needed). */
class ImageAliasesTest {

    private static Alias alias(String text) {
        return ImageAliases.parse(text).orElseThrow();
    }

    private static Facts named(String name) {
        return new Facts(name, null, null, null);
    }

    @Test
    void anAliasNamesDistributionVersionAndArchitecture() {
        assertThat(alias("ubuntu-22.04")).isEqualTo(new Alias("ubuntu", "22.04", Architecture.X86_64));
        assertThat(alias("ubuntu-22.04-arm64")).isEqualTo(new Alias("ubuntu", "22.04", Architecture.ARM64));
        assertThat(alias("debian-12")).isEqualTo(new Alias("debian", "12", Architecture.X86_64));
        assertThat(ImageAliases.parse("cirros-fake")).isEmpty();
        assertThat(ImageAliases.parse("my-image")).isEmpty();
    }

    @Test
    void propertiesMatchAVersionAndItsPointReleasesOnTheRightArchitecture() {
        Alias jammy = alias("ubuntu-22.04");
        assertThat(ImageAliases.matches(jammy, new Facts("anything", "ubuntu", "22.04", null))).isTrue();
        assertThat(ImageAliases.matches(jammy, new Facts("anything", "Ubuntu", "22.04.3", "x86_64"))).isTrue();
        assertThat(ImageAliases.matches(jammy, new Facts("anything", "ubuntu", "22.040", null))).isFalse();
        assertThat(ImageAliases.matches(jammy, new Facts("anything", "ubuntu", "24.04", null))).isFalse();
        assertThat(ImageAliases.matches(jammy, new Facts("anything", "ubuntu", "22.04", "aarch64"))).isFalse();
        assertThat(ImageAliases.matches(alias("ubuntu-22.04-arm64"), new Facts("x", "ubuntu", "22.04", "aarch64"))).isTrue();
    }

    @Test
    void commonCloudImageNamesMatchWhenPropertiesSayNothing() {
        Alias jammy = alias("ubuntu-22.04");
        assertThat(ImageAliases.matches(jammy, named("ubuntu-22.04-server-cloudimg-amd64"))).isTrue();
        assertThat(ImageAliases.matches(jammy, named("Ubuntu 22.04 LTS"))).isTrue();
        assertThat(ImageAliases.matches(jammy, named("jammy-server-cloudimg-amd64.img"))).isTrue();
        assertThat(ImageAliases.matches(jammy, named("ubuntu-22.04-server-cloudimg-arm64"))).isFalse();
        assertThat(ImageAliases.matches(jammy, named("ubuntu-24.04"))).isFalse();
        assertThat(ImageAliases.matches(jammy, named("kubuntu-22.04"))).isFalse();
        assertThat(ImageAliases.matches(alias("debian-12"), named("Debian 12 (bookworm)"))).isTrue();
        assertThat(ImageAliases.matches(alias("debian-12"), named("debian-bookworm-genericcloud"))).isTrue();
        assertThat(ImageAliases.matches(alias("debian-12"), named("debian-120"))).isFalse();
        assertThat(ImageAliases.matches(alias("rocky-9"), named("Rocky-Linux-9.3-GenericCloud"))).isTrue();
        assertThat(ImageAliases.matches(alias("windows-2022"), named("Windows Server 2022 Standard"))).isTrue();
    }

    @Test
    void aNameDoesNotOverruleProperties() {
        assertThat(ImageAliases.matches(alias("ubuntu-22.04"), new Facts("ubuntu-22.04", "debian", null, null))).isFalse();
        assertThat(ImageAliases.matches(alias("ubuntu-22.04"), new Facts("ubuntu-22.04", "ubuntu", "24.04", null))).isFalse();
    }

    @Test
    void theOsOfAnImageWithoutPropertiesIsReadFromItsName() {
        assertThat(ImageAliases.infer(named("cirros-fake"))).contains(new Alias("cirros", null, Architecture.X86_64));
        assertThat(ImageAliases.infer(named("cirros-0.6.2-aarch64-disk"))).contains(new Alias("cirros", "0.6.2", Architecture.ARM64));
        assertThat(ImageAliases.infer(named("jammy-server-cloudimg-amd64"))).contains(new Alias("ubuntu", "22.04", Architecture.X86_64));
        assertThat(ImageAliases.infer(new Facts("golden", "rocky", "9.3", "x86_64"))).contains(new Alias("rocky", "9.3", Architecture.X86_64));
        assertThat(ImageAliases.infer(named("golden-image"))).isEmpty();
    }

    @Test
    void flavorExtraSpecsGiveGpusAndArchitecture() {
        assertThat(OpenStackSpecs.accelerators(Map.of("pci_passthrough:alias", "a100:2,nvidia-l4:1"))).containsExactly(
                new Accelerator(AcceleratorType.GPU, "a100", 2, 40), new Accelerator(AcceleratorType.GPU, "nvidia-l4", 1, 24));
        assertThat(OpenStackSpecs.accelerators(Map.of("resources:VGPU", "1")))
                .containsExactly(new Accelerator(AcceleratorType.GPU, "vGPU", 1, 0));
        assertThat(OpenStackSpecs.accelerators(Map.of("hw:cpu_policy", "dedicated"))).isEmpty();
        assertThat(OpenStackSpecs.architecture(Map.of("capabilities:cpu_arch", "aarch64"))).isEqualTo(Architecture.ARM64);
        assertThat(OpenStackSpecs.architecture(Map.of("trait:HW_ARCH_AARCH64", "required"))).isEqualTo(Architecture.ARM64);
        assertThat(OpenStackSpecs.architecture(Map.of())).isEqualTo(Architecture.X86_64);
    }
}
