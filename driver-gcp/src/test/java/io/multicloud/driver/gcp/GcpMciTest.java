package io.multicloud.driver.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.multicloud.api.Cloud;
import io.multicloud.core.MultiCloud;
import io.multicloud.core.mci.Mci;
import io.multicloud.core.mci.MciReport;
import io.multicloud.core.mci.PartialFailure;
import io.multicloud.core.mci.VmOutcome;
import io.multicloud.driver.gcp.fake.GcpFake;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One MCI with a subgroup on GCP (the fake) next to one on the mock cloud, through the public
 * API only: created, suspended and resumed as one, and deleted without a trace on either.
 */
class GcpMciTest {
    private GcpFake fake;
    private MultiCloud mc;
    private Cloud gcp;
    private Cloud mock;

    @BeforeEach
    void connect() {
        fake = GcpFake.start();
        mc = MultiCloud.builder().environment(Map.of()).mciVmTimeout(Duration.ofMinutes(1)).build();
        gcp = mc.connect(GcpFakeConnections.config(fake));
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
    void anMciSpansGcpAndTheMockAndLeavesNothingWhenDeleted() {
        Mci mci = mc.mci("gcp-and-mock").subGroup("gcp", gcp, "e2-small", "ubuntu-22.04", 2)
                .subGroup("mock", mock, "m1.small", "ubuntu-22.04", 2)
                .onPartialFailure(PartialFailure.ROLLBACK).create();

        assertThat(mci.creation().ok()).as(mci.creation().toString()).isTrue();
        assertThat(mci.status().toString()).isEqualTo("Running:4 (R:4/4)");
        assertThat(gcp.vms().list()).hasSize(2).allSatisfy(vm -> {
            assertThat(vm.tags()).containsEntry("multicloud:mci", "gcp-and-mock").containsEntry("multicloud:subgroup", "gcp");
            assertThat(vm.loginUser()).isEqualTo("multicloud");
        });
        assertThat(gcp.tags().find("multicloud:mci", "gcp-and-mock")).hasSize(2);

        MciReport suspended = mci.suspend();
        assertThat(suspended.count(VmOutcome.Result.OK)).as(suspended.toString()).isEqualTo(4);
        assertThat(mci.resume().count(VmOutcome.Result.OK)).isEqualTo(4);
        assertThat(mci.refresh().toString()).isEqualTo("Running:4 (R:4/4)");

        MciReport deleted = mci.delete();
        assertThat(deleted.ok()).as(deleted.toString()).isTrue();
        for (Cloud cloud : List.of(gcp, mock)) {
            assertThat(cloud.vms().list()).isEmpty();
            assertThat(cloud.vpcs().list()).isEmpty();
            assertThat(cloud.securityGroups().list()).isEmpty();
            assertThat(cloud.keyPairs().list()).isEmpty();
        }
        assertThat(fake.instanceCount()).isZero();
    }
}
