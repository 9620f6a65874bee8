package io.multicloud.driver.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.multicloud.api.Cloud;
import io.multicloud.core.MultiCloud;
import io.multicloud.core.mci.Mci;
import io.multicloud.core.mci.MciReport;
import io.multicloud.core.mci.PartialFailure;
import io.multicloud.core.mci.VmOutcome;
import io.multicloud.driver.azure.fake.AzureFake;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One MCI with a subgroup on Azure (the fake) next to one on the mock cloud, through the public
 * API only: created, suspended (Azure's VMs deallocated) and resumed as one, and deleted without a
 * trace on either, the VMs' NICs, public IPs and disks included.
 */
class AzureMciTest {
    private AzureFake fake;
    private MultiCloud mc;
    private Cloud azure;
    private Cloud mock;

    @BeforeEach
    void connect() {
        fake = AzureFake.start();
        mc = MultiCloud.builder().environment(Map.of()).mciVmTimeout(Duration.ofSeconds(30)).build();
        azure = mc.connect(AzureFakeConnections.config(fake));
        mock = mc.connect("mock", "venus");
    }

    @AfterEach
    void close() {
        try {
            mc.mcis().list().forEach(Mci::delete);
            mc.close();
        } finally {
            fake.close();
        }
    }

    @Test
    void anMciSpansAzureAndTheMockAndLeavesNothingWhenDeleted() {
        Mci mci = mc.mci("azure-and-mock").subGroup("azure", azure, "Standard_B2s", "ubuntu-22.04", 2)
                .subGroup("mock", mock, "m1.small", "ubuntu-22.04", 2)
                .onPartialFailure(PartialFailure.ROLLBACK).create();

        assertThat(mci.creation().ok()).as(mci.creation().toString()).isTrue();
        assertThat(mci.status().toString()).isEqualTo("Running:4 (R:4/4)");
        assertThat(azure.vms().list()).extracting(v -> v.tags().get("multicloud:subgroup")).containsOnly("azure");

        MciReport suspended = mci.suspend("multicloud:subgroup=azure");
        assertThat(suspended.count(VmOutcome.Result.OK)).as(suspended.toString()).isEqualTo(2);
        assertThat(fake.server().log().count("VirtualMachines_Deallocate")).isEqualTo(2);
        assertThat(mci.resume().count(VmOutcome.Result.OK)).isEqualTo(2);
        assertThat(mci.refresh().toString()).isEqualTo("Running:4 (R:4/4)");

        MciReport deleted = mci.delete();
        assertThat(deleted.ok()).as(deleted.toString()).isTrue();
        for (Cloud cloud : List.of(azure, mock)) {
            assertThat(cloud.vms().list()).isEmpty();
            assertThat(cloud.vpcs().list()).isEmpty();
            assertThat(cloud.securityGroups().list()).isEmpty();
            assertThat(cloud.keyPairs().list()).isEmpty();
        }
        assertThat(fake.ids("Microsoft.Network/networkInterfaces")).isEmpty();
        assertThat(fake.ids("Microsoft.Network/publicIPAddresses")).isEmpty();
        assertThat(fake.ids("Microsoft.Compute/disks")).isEmpty();
    }
}
