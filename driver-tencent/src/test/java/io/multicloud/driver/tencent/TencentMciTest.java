package io.multicloud.driver.tencent;

import static org.assertj.core.api.Assertions.assertThat;

import io.multicloud.api.Cloud;
import io.multicloud.core.MultiCloud;
import io.multicloud.core.mci.Mci;
import io.multicloud.core.mci.MciReport;
import io.multicloud.core.mci.PartialFailure;
import io.multicloud.core.mci.VmOutcome;
import io.multicloud.driver.tencent.fake.TencentFake;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One MCI with a subgroup on Tencent Cloud (the fake) next to one on the mock cloud, through the
 * public API only: created, suspended and resumed as one, and deleted without a trace on either.
 */
class TencentMciTest {
    private TencentFake fake;
    private MultiCloud mc;
    private Cloud tencent;
    private Cloud mock;

    @BeforeEach
    void connect() {
        fake = TencentFake.start();
        mc = MultiCloud.builder().environment(Map.of()).mciVmTimeout(Duration.ofMinutes(1)).build();
        tencent = mc.connect(fake.config("ap-guangzhou"));
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
    void anMciSpansTencentAndTheMockAndLeavesNothingWhenDeleted() {
        Mci mci = mc.mci("tencent-and-mock").subGroup("tc", tencent, "S5.MEDIUM4", "ubuntu-22.04", 2)
                .subGroup("mock", mock, "m1.small", "ubuntu-22.04", 2)
                .onPartialFailure(PartialFailure.ROLLBACK).create();
        assertThat(mci.creation().ok()).as(mci.creation().toString()).isTrue();
        assertThat(mci.status().toString()).isEqualTo("Running:4 (R:4/4)");
        assertThat(tencent.vms().list()).extracting(v -> v.tags().get("multicloud:subgroup")).containsOnly("tc");

        MciReport suspended = mci.suspend();
        assertThat(suspended.count(VmOutcome.Result.OK)).as(suspended.toString()).isEqualTo(4);
        assertThat(mci.refresh().toString()).isEqualTo("Suspended:4 (R:0/4)");
        MciReport resumed = mci.resume();
        assertThat(resumed.count(VmOutcome.Result.OK)).as(resumed.toString()).isEqualTo(4);
        assertThat(mci.refresh().toString()).isEqualTo("Running:4 (R:4/4)");

        MciReport deleted = mci.delete();
        assertThat(deleted.ok()).as(deleted.toString()).isTrue();
        for (Cloud cloud : List.of(tencent, mock)) {
            assertThat(cloud.vms().list()).isEmpty();
            assertThat(cloud.vpcs().list()).isEmpty();
            assertThat(cloud.securityGroups().list()).isEmpty();
            assertThat(cloud.keyPairs().list()).isEmpty();
        }
        fake.server().assertNoViolations();
    }
}
