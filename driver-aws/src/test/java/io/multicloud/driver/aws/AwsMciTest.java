package io.multicloud.driver.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.multicloud.api.Cloud;
import io.multicloud.api.Tagged;
import io.multicloud.core.MultiCloud;
import io.multicloud.core.mci.Mci;
import io.multicloud.core.mci.MciReport;
import io.multicloud.core.mci.PartialFailure;
import io.multicloud.core.mci.VmOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One MCI with a subgroup on AWS (moto server) next to one on the mock cloud: created, suspended
 * and resumed as one, and deleted without a trace on either.
 */
@RequiresMoto
class AwsMciTest {
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path home;

    private MultiCloud mc;
    private Cloud aws;
    private Cloud mock;

    @BeforeEach
    void connect() {
        MotoServer.get().reset();
        mc = instance();
        aws = mc.connect(MotoServer.get().config());
        mock = mc.connect("mock", "venus");
    }

    private MultiCloud instance() {
        return MultiCloud.builder().environment(Map.of()).home(home).owner("aws-test").mciVmTimeout(Duration.ofMinutes(1)).build();
    }

    @AfterEach
    void close() {
        mc.mcis().list().forEach(Mci::delete);
        mc.close();
    }

    @Test
    void anMciSpansAwsAndTheMockAndLeavesNothingWhenDeleted() {
        Mci mci = mc.mci("aws-and-mock").subGroup("aws", aws, "t3.micro", "amazon-linux-2023", 2)
                .subGroup("mock", mock, "m1.small", "ubuntu-22.04", 2)
                .onPartialFailure(PartialFailure.ROLLBACK).create();

        assertThat(mci.creation().ok()).as(mci.creation().toString()).isTrue();
        assertThat(mci.status().toString()).isEqualTo("Running:4 (R:4/4)");
        assertThat(aws.vms().list()).extracting(v -> v.tags().get("multicloud:subgroup")).containsOnly("aws");

        MciReport suspended = mci.suspend("multicloud:subgroup=aws");
        assertThat(suspended.count(VmOutcome.Result.OK)).as(suspended.toString()).isEqualTo(2);
        assertThat(mci.resume().count(VmOutcome.Result.OK)).isEqualTo(2);
        assertThat(mci.refresh().toString()).isEqualTo("Running:4 (R:4/4)");

        MciReport deleted = mci.delete();
        assertThat(deleted.ok()).as(deleted.toString()).isTrue();
        // What the account held before (moto's default VPC and its default group) stays.
        for (Cloud cloud : List.of(aws, mock)) {
            assertThat(cloud.vms().list()).isEmpty();
            assertThat(cloud.vpcs().list()).filteredOn(Tagged::managed).isEmpty();
            assertThat(cloud.securityGroups().list()).filteredOn(Tagged::managed).isEmpty();
            assertThat(cloud.keyPairs().list()).isEmpty();
        }
    }

    @Test
    void anMciOnAwsIsFoundAgainByAnotherInstanceFromTheTagsAlone() {
        Mci made = mc.mci("found").subGroup("aws", aws, "t3.micro", "amazon-linux-2023", 2).create();
        assertThat(made.creation().ok()).as(made.creation().toString()).isTrue();

        try (MultiCloud other = instance()) {
            Cloud again = other.connect(MotoServer.get().config());
            Mci found = other.mcis().get("found");
            assertThat(found.id()).isEqualTo(made.id());
            assertThat(found.vms()).extracting(v -> v.name()).containsExactly("found-aws-1", "found-aws-2");
            assertThat(found.refresh().toString()).isEqualTo("Running:2 (R:2/2)");
            assertThat(found.reconcile().clean()).as(found.reconcile().toString()).isTrue();
            assertThat(found.delete().ok()).isTrue();
            assertThat(again.vms().list()).isEmpty();
            assertThat(again.vpcs().list()).filteredOn(Tagged::managed).isEmpty();
        }
    }
}
