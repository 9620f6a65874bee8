package io.multicloud.driver.openstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.multicloud.api.Cloud;
import io.multicloud.api.Tagged;
import io.multicloud.core.MultiCloud;
import io.multicloud.core.mci.Mci;
import io.multicloud.core.mci.MciReport;
import io.multicloud.core.mci.MciVm;
import io.multicloud.core.mci.PartialFailure;
import io.multicloud.core.mci.VmOutcome;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One MCI with a subgroup on the real local OpenStack next to one on the mock cloud: created with
 * the shared network found or made on each, suspended and resumed as one, and deleted without a
 * trace on either.
 */
@RequiresOpenStack
class OpenStackMciTest {
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path home;

    private MultiCloud mc;
    private Cloud openstack;
    private Cloud mock;

    @BeforeEach
    void connect() {
        mc = instance();
        openstack = mc.connect(LocalOpenStack.demo());
        mock = mc.connect("mock", "mars");
    }

    private MultiCloud instance() {
        return MultiCloud.builder().environment(Map.of()).home(home).owner("os-test").mciVmTimeout(Duration.ofMinutes(2)).build();
    }

    @AfterEach
    void close() {
        mc.mcis().list().forEach(Mci::delete);
        mc.close();
    }

    @Test
    void anMciSpansTheLocalOpenStackAndTheMockAndLeavesNothingWhenDeleted() {
        String name = "os" + UUID.randomUUID().toString().substring(0, 6);
        Mci mci = mc.mci(name).subGroup("os", openstack, "m1.tiny", "cirros-fake", 2)
                .subGroup("mock", mock, "m1.small", "ubuntu-22.04", 2)
                .onPartialFailure(PartialFailure.ROLLBACK).create();

        assertThat(mci.creation().ok()).as(mci.creation().toString()).isTrue();
        assertThat(mci.status().toString()).isEqualTo("Running:4 (R:4/4)");
        assertThat(mci.vms("multicloud:subgroup=os")).hasSize(2).allSatisfy(vm -> {
            assertThat(vm.connection()).isEqualTo("local-openstack");
            assertThat(vm.vm().subnet()).isEqualTo("multicloud-subnet");
            assertThat(vm.vm().privateIp()).startsWith("10.250.");
        });
        assertThat(openstack.vms().list()).extracting(v -> v.tags().get("multicloud:mci")).containsOnly(name);

        MciReport suspended = mci.suspend("multicloud:subgroup=os");
        assertThat(suspended.count(VmOutcome.Result.OK)).as(suspended.toString()).isEqualTo(2);
        assertThat(mci.refresh().toString()).isEqualTo("Partial-Running:2 (R:2/4)");
        assertThat(mci.resume().count(VmOutcome.Result.OK)).isEqualTo(2);
        assertThat(mci.vms()).extracting(MciVm::status).containsOnly(io.multicloud.api.VmStatus.RUNNING);

        MciReport deleted = mci.delete();
        assertThat(deleted.ok()).as(deleted.toString()).isTrue();
        for (Cloud cloud : java.util.List.of(openstack, mock)) {
            assertThat(cloud.vms().list()).isEmpty();
            // What the project held before (its default security group) stays.
            assertThat(cloud.vpcs().list()).filteredOn(Tagged::managed).isEmpty();
            assertThat(cloud.securityGroups().list()).filteredOn(Tagged::managed).isEmpty();
            assertThat(cloud.keyPairs().list()).isEmpty();
        }
    }

    @Test
    void anMciOnOpenStackIsFoundAgainByAnotherInstanceFromItsMetadataAlone() {
        String name = "os" + UUID.randomUUID().toString().substring(0, 6);
        Mci made = mc.mci(name).subGroup("os", openstack, "m1.tiny", "cirros-fake", 1).create();
        assertThat(made.creation().ok()).as(made.creation().toString()).isTrue();

        try (MultiCloud other = instance()) {
            Cloud again = other.connect(LocalOpenStack.demo());
            Mci found = other.mcis().on(again).get(name);
            assertThat(found.id()).isEqualTo(made.id());
            assertThat(found.vms()).extracting(MciVm::name).containsExactly(name + "-os-1");
            assertThat(found.subGroups()).singleElement().satisfies(g -> {
                assertThat(g.spec()).isEqualTo("m1.tiny");
                assertThat(g.image()).isEqualTo("cirros-fake");
            });
            assertThat(found.refresh().toString()).isEqualTo("Running:1 (R:1/1)");
            assertThat(found.delete().ok()).isTrue();
            assertThat(again.vms().list()).isEmpty();
            assertThat(again.vpcs().list()).filteredOn(Tagged::managed).isEmpty();
        }
    }
}
