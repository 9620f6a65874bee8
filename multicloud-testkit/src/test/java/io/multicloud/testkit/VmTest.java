package io.multicloud.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.Cidr;
import io.multicloud.api.Cloud;
import io.multicloud.api.CloudTimeoutException;
import io.multicloud.api.ConflictException;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.Protocol;
import io.multicloud.api.SecurityGroupRequest;
import io.multicloud.api.Vm;
import io.multicloud.api.VmHandle;
import io.multicloud.api.VmRequest;
import io.multicloud.api.VmStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** VMs through the fluent API: create, every action, waiting, and the handle. */
@MockCloudTest
class VmTest {

    @Test
    void aNewVmIsCreatingThenRunsWithAddressesInItsSubnet(Cloud cloud) {
        Fixtures.network(cloud);
        cloud.securityGroups().create(SecurityGroupRequest.named("sg-ssh").vpc("vpc-1").allowInbound(Protocol.TCP, 22));
        Vm created = cloud.vms().create(Fixtures.vm("vm-1").securityGroups("sg-ssh").tag("app", "web"));
        assertThat(created.status()).isEqualTo(VmStatus.CREATING);

        Vm vm = cloud.vms().waitUntil("vm-1", VmStatus.RUNNING, Fixtures.WAIT);
        assertThat(vm.id()).isEqualTo(created.id());
        assertThat(vm.region()).isEqualTo("mars");
        assertThat(vm.zone()).isEqualTo("mars-z1");
        assertThat(vm.spec()).isEqualTo("m1.small");
        assertThat(vm.image()).isEqualTo("ubuntu-22.04");
        assertThat(vm.vpc()).isEqualTo("vpc-1");
        assertThat(vm.subnet()).isEqualTo("sn-1");
        assertThat(vm.securityGroups()).containsExactly("sg-ssh");
        assertThat(Cidr.parse("10.0.1.0/24").contains(vm.privateIp())).isTrue();
        assertThat(vm.publicIp()).isNotBlank();
        assertThat(vm.rootDiskGB()).isEqualTo(10);
        assertThat(vm.createdAt()).isNotNull();
        assertThat(vm.tags()).containsEntry("app", "web");
    }

    @Test
    void aVmIsSuspendedResumedRebootedAndTerminatedThroughItsHandle(Cloud cloud) {
        Fixtures.runningVm(cloud, "vm-1");
        VmHandle vm = cloud.vms().withName("vm-1");
        assertThat(vm.name()).isEqualTo("vm-1");

        assertThat(vm.suspend()).isEqualTo(VmStatus.SUSPENDING);
        assertThat(vm.waitUntil(VmStatus.SUSPENDED, Fixtures.WAIT).status()).isEqualTo(VmStatus.SUSPENDED);
        assertThat(vm.resume()).isEqualTo(VmStatus.RESUMING);
        assertThat(vm.waitUntil(VmStatus.RUNNING, Fixtures.WAIT).status()).isEqualTo(VmStatus.RUNNING);
        assertThat(vm.reboot()).isEqualTo(VmStatus.REBOOTING);
        assertThat(vm.get().status()).isIn(VmStatus.REBOOTING, VmStatus.RUNNING);
        assertThat(vm.waitUntil(VmStatus.RUNNING, Fixtures.WAIT).status()).isEqualTo(VmStatus.RUNNING);
        assertThat(vm.terminate()).isEqualTo(VmStatus.TERMINATING);
        assertThat(vm.waitUntil(VmStatus.TERMINATED, Fixtures.WAIT).status()).isEqualTo(VmStatus.TERMINATED);
        assertThat(cloud.vms().find("vm-1")).isEmpty();
        assertThatThrownBy(vm::get).isInstanceOf(NotFoundException.class);
    }

    @Test
    void waitingTakesAnyConditionOnTheVm(Cloud cloud) {
        Fixtures.network(cloud);
        cloud.vms().create(Fixtures.vm("vm-1"));
        Vm withAddress = cloud.vms().waitUntil("vm-1", v -> v.status() == VmStatus.RUNNING && v.publicIp() != null,
                Fixtures.WAIT);
        assertThat(withAddress.publicIp()).isNotBlank();
        Vm viaHandle = cloud.vms().withName("vm-1").waitUntil(v -> !v.status().isTransitional(), Fixtures.WAIT);
        assertThat(viaHandle.status()).isEqualTo(VmStatus.RUNNING);
    }

    @Test
    @MockCloudTest(transitionMillis = 60_000)
    void aWaitThatRunsOutOfTimeFailsWithATimeout(Cloud cloud) {
        Fixtures.network(cloud);
        cloud.vms().create(Fixtures.vm("vm-1"));
        assertThatThrownBy(() -> cloud.vms().waitUntil("vm-1", VmStatus.RUNNING, Duration.ofMillis(100)))
                .isInstanceOf(CloudTimeoutException.class).hasMessageContaining("vm-1");
        assertThat(cloud.vms().get("vm-1").status()).isEqualTo(VmStatus.CREATING);
    }

    @Test
    @MockCloudTest(transitionMillis = 60_000)
    void actingOnAVmStillCreatingIsAConflict(Cloud cloud) {
        Fixtures.network(cloud);
        cloud.vms().create(Fixtures.vm("vm-1"));
        assertThatThrownBy(() -> cloud.vms().suspend("vm-1")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("CREATING");
        assertThatThrownBy(() -> cloud.vms().reboot("vm-1")).isInstanceOf(ConflictException.class);
    }

    @Test
    void resumingARunningVmIsAConflict(Cloud cloud) {
        Fixtures.runningVm(cloud, "vm-1");
        assertThatThrownBy(() -> cloud.vms().resume("vm-1")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("RUNNING");
    }

    @Test
    void aVmThatFailsWhileCreatingEndsTheWaitWithAConflict(Cloud cloud) {
        Fixtures.network(cloud);
        Fixtures.control(cloud).failVmsAfterAccept(1);
        assertThat(cloud.vms().create(Fixtures.vm("vm-1")).status()).isEqualTo(VmStatus.CREATING);
        assertThatThrownBy(() -> cloud.vms().waitUntil("vm-1", VmStatus.RUNNING, Fixtures.WAIT))
                .isInstanceOf(ConflictException.class).hasMessageContaining("FAILED");
        assertThat(cloud.vms().get("vm-1").status()).isEqualTo(VmStatus.FAILED);
        assertThat(Fixtures.runningVm(cloud, "vm-2").status()).isEqualTo(VmStatus.RUNNING);
    }

    @Test
    void deleteReturnsOnceTheVmIsGone(Cloud cloud) {
        Fixtures.network(cloud);
        cloud.vms().create(Fixtures.vm("vm-1"));
        cloud.vms().delete("vm-1");
        assertThat(cloud.vms().find("vm-1")).isEmpty();
        assertThat(cloud.vms().list()).isEmpty();
    }

    @Test
    void manyAlikeVmsAreMadeFromOneRequest(Cloud cloud) {
        Fixtures.network(cloud);
        VmRequest template = Fixtures.vm("web-1");
        for (String name : new String[] {"web-1", "web-2", "web-3"}) {
            cloud.vms().create(template.name(name));
        }
        assertThat(cloud.vms().list()).extracting(Vm::name).containsExactlyInAnyOrder("web-1", "web-2", "web-3");
        assertThat(cloud.vms().list()).extracting(Vm::privateIp).doesNotHaveDuplicates();
    }

    @Test
    void anArmImageDoesNotBootOnAnX86Spec(Cloud cloud) {
        Fixtures.network(cloud);
        assertThatThrownBy(() -> cloud.vms().create(Fixtures.vm("vm-1").image("ubuntu-22.04-arm64")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("image"));
        Vm arm = cloud.vms().create(Fixtures.vm("vm-2").image("ubuntu-22.04-arm64").spec("a1.small"));
        assertThat(arm.spec()).isEqualTo("a1.small");
    }

    @Test
    void aWindowsVmNeedsARootDiskOfFiftyGb(Cloud cloud) {
        Fixtures.network(cloud);
        assertThatThrownBy(() -> cloud.vms().create(Fixtures.vm("win-1").image("windows-2022").rootDisk(null, 30)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("50");
        Vm windows = cloud.vms().create(Fixtures.vm("win-2").image("windows-2022"));
        assertThat(windows.rootDiskGB()).isEqualTo(50);
    }

    @Test
    void aVmOnAMissingSpecOrSubnetIsNotFound(Cloud cloud) {
        Fixtures.network(cloud);
        assertThatThrownBy(() -> cloud.vms().create(Fixtures.vm("vm-1").spec("x9.huge")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("x9.huge");
        assertThatThrownBy(() -> cloud.vms().create(Fixtures.vm("vm-1").subnet("vpc-1", "sn-9")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("sn-9");
    }
}
