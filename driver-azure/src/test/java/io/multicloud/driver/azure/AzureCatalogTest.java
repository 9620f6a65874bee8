package io.multicloud.driver.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.AcceleratorType;
import io.multicloud.api.Architecture;
import io.multicloud.api.Cloud;
import io.multicloud.api.Image;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.Platform;
import io.multicloud.api.Region;
import io.multicloud.api.Spec;
import io.multicloud.api.Vm;
import io.multicloud.api.VmRequest;
import io.multicloud.api.VpcRequest;
import io.multicloud.core.MultiCloud;
import io.multicloud.driver.azure.fake.AzureFake;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The catalog as Azure gives it: regions with coordinates and logical zones, Marketplace images
 * by alias or URN (architecture from Azure, the newest version), specs from resource SKUs (GPUs
 * by family, restricted sizes left out), Linux pay-as-you-go prices from the Retail Prices API
 * (paged by NextPageLink), and the any-call functions.
 */
class AzureCatalogTest {
    private AzureFake fake;
    private MultiCloud mc;
    private Cloud azure;

    @BeforeEach
    void start() {
        fake = AzureFake.start();
        mc = MultiCloud.builder().environment(Map.of()).build();
        azure = mc.connect(AzureFakeConnections.config(fake));
    }

    @AfterEach
    void stop() {
        mc.close();
        fake.close();
    }

    @Test
    void regionsHaveCoordinatesAndZonesWhereAzureHasThem() {
        Region east = azure.regions().get("eastus");
        assertThat(east.location().latitude()).isEqualTo(37.3719);
        assertThat(east.zones()).extracting(z -> z.name()).containsExactly("1", "2", "3");
        assertThat(azure.regions().get("westus").zones()).isEmpty();
    }

    @Test
    void imagesResolveAliasesAndUrnsToTheNewestVersionWithAzuresArchitecture() {
        Image ubuntu = azure.images().get("ubuntu-22.04");
        assertThat(ubuntu.id()).isEqualTo("Canonical:0001-com-ubuntu-server-jammy:22_04-lts-gen2:1.2024.905#v2");
        assertThat(ubuntu.architecture()).isEqualTo(Architecture.X86_64);
        assertThat(azure.images().get("ubuntu-24.04-arm64").architecture()).isEqualTo(Architecture.ARM64);
        assertThat(azure.images().get("windows-2022").platform()).isEqualTo(Platform.WINDOWS);
        assertThat(azure.images().find("Canonical:ubuntu-24_04-lts:server:1.2024.101")).isPresent();
        assertThat(azure.images().find("Canonical:ubuntu-24_04-lts:server:9.9.9")).isEmpty();
        assertThat(azure.images().list()).extracting(Image::name).contains("ubuntu-22.04", "debian-12", "windows-2022")
                .doesNotContain("windows-2019");
    }

    @Test
    void specsComeFromResourceSkusWithGpusAndWithoutRestrictedSizes() {
        Spec t4 = azure.specs().get("Standard_NC4as_T4_v3");
        assertThat(t4.accelerators()).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(AcceleratorType.GPU);
            assertThat(a.model()).isEqualTo("T4");
            assertThat(a.memoryGiB()).isEqualTo(16);
        });
        assertThat(azure.specs().get("Standard_NC24ads_A100_v4").accelerators().getFirst().model()).isEqualTo("A100");
        assertThat(azure.specs().get("Standard_D2ps_v5").architecture()).isEqualTo(Architecture.ARM64);
        assertThat(azure.specs().get("Standard_B2s").memoryGiB()).isEqualTo(4);
        // M416ms_v2 is not for this subscription anywhere; D4s_v5 is restricted in zone 3 only (the connection's zone is 1)
        assertThat(azure.specs().find("Standard_M416ms_v2")).isEmpty();
        assertThat(azure.specs().find("Standard_D4s_v5")).isPresent();
        Cloud zone3 = mc.connect(AzureFakeConnections.config(fake).zone("3").named("zone3"));
        assertThat(zone3.specs().find("Standard_D4s_v5")).isEmpty();
    }

    @Test
    void pricesAreLinuxPayAsYouGoHoursFollowedAcrossPages() {
        assertThat(azure.prices().get("Standard_B2s").costPerHour()).isEqualTo(0.0416);
        assertThat(azure.prices().list()).hasSize(7).allSatisfy(p -> assertThat(p.currency()).isEqualTo("USD"));
        assertThat(fake.server().log().count("RetailPrices_List")).isGreaterThan(7);
    }

    @Test
    void anyCallGivesBootDiagnosticsAndTheSizesOfAZoneAndGeneralizes() {
        azure.vpcs().create(VpcRequest.named("vpc-1").cidr("10.0.0.0/16").subnet("sn-1", "10.0.1.0/24"));
        Vm vm = azure.vms().create(VmRequest.named("vm-1").image("ubuntu-22.04").spec("Standard_B2s").subnet("vpc-1", "sn-1"));
        Map<String, String> diagnostics = azure.anyCall("GetBootDiagnostics", Map.of("vm", vm.name()));
        assertThat(diagnostics.get("serialConsoleLogBlobUri")).contains("serialconsole.log");
        Map<String, String> zone3 = azure.anyCall("ListVmSizesAvailableInZone", Map.of("zone", "3"));
        assertThat(zone3.get("sizes")).contains("Standard_B2s").doesNotContain("Standard_D4s_v5").doesNotContain("Standard_M416ms_v2");
        // GeneralizeVm's own behaviour is AzureMyImagesTest's; here: it is listed and wants its parameter
        assertThatThrownBy(() -> azure.anyCall("GeneralizeVm", Map.of())).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.field()).isEqualTo("vm"));
        assertThat(azure.capabilities().anyCallFunctions()).containsExactlyInAnyOrder("GetBootDiagnostics", "ListVmSizesAvailableInZone",
                "GeneralizeVm");
    }
}
