package io.multicloud.driver.alibaba;

import io.multicloud.api.Cloud;
import io.multicloud.core.MultiCloud;
import io.multicloud.core.mci.Mci;
import io.multicloud.core.mci.MciReport;
import io.multicloud.core.mci.PartialFailure;
import io.multicloud.core.mci.VmOutcome;
import io.multicloud.driver.alibaba.fake.AlibabaFake;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One MCI with a subgroup on Alibaba Cloud (the fake) next to one on the mock cloud, through the
 * public API only: created, suspended and resumed as one, and deleted without a trace on either.
 */
class AlibabaMciTest {
    private AlibabaFake fake;
    private MultiCloud mc;
    private Cloud alibaba;
    private Cloud mock;

    @BeforeEach
    void connect() {
        fake = AlibabaFake.start();
        mc = MultiCloud.builder().environment(Map.of()).mciVmTimeout(Duration.ofSeconds(30)).build();
        alibaba = mc.connect(fake.config());
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
    void anMciSpansAlibabaAndTheMockAndLeavesNothingWhenDeleted() {
        Mci mci = mc.mci("ali-and-mock").subGroup("ali", alibaba, "ecs.g7.large", "ubuntu-22.04", 2)
                .subGroup("mock", mock, "m1.small", "ubuntu-22.04", 2)
                .onPartialFailure(PartialFailure.ROLLBACK).create();

        assertThat(mci.creation().ok()).as(mci.creation().toString()).isTrue();
        assertThat(mci.status().toString()).isEqualTo("Running:4 (R:4/4)");
        assertThat(alibaba.vms().list()).extracting(v -> v.tags().get("multicloud:subgroup")).containsOnly("ali");

        MciReport suspended = mci.suspend("multicloud:subgroup=ali");
        assertThat(suspended.count(VmOutcome.Result.OK)).as(suspended.toString()).isEqualTo(2);
        assertThat(mci.resume().count(VmOutcome.Result.OK)).isEqualTo(2);
        assertThat(mci.refresh().toString()).isEqualTo("Running:4 (R:4/4)");

        MciReport deleted = mci.delete();
        assertThat(deleted.ok()).as(deleted.toString()).isTrue();
        for (Cloud cloud : List.of(alibaba, mock)) {
            assertThat(cloud.vms().list()).isEmpty();
            assertThat(cloud.vpcs().list()).isEmpty();
            assertThat(cloud.securityGroups().list()).isEmpty();
            assertThat(cloud.keyPairs().list()).isEmpty();
        }
    }
}
