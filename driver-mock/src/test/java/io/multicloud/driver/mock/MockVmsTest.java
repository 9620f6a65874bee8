package io.multicloud.driver.mock;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.Cidr;
import io.multicloud.api.ConflictException;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.KeyPairRequest;
import io.multicloud.api.MyImageRequest;
import io.multicloud.api.MyImageStatus;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.Protocol;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.SecurityGroupRequest;
import io.multicloud.api.Vm;
import io.multicloud.api.VmRequest;
import io.multicloud.api.VmStatus;
import io.multicloud.api.VpcRequest;
import io.multicloud.spi.DriverConnection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MockVmsTest extends MockTestBase {

    @BeforeEach
    void createNetwork() {
        network(conn);
    }

    @Test
    void aVmIsCreatingThenRunningWithAddressesAndSshAccess() {
        conn.keyPairs().create(KeyPairRequest.named("key-1"));
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Vm vm = conn.vms().create(vm("vm-1").keyPair("key-1").tag("app", "web"));
        assertThat(vm.status()).isEqualTo(VmStatus.CREATING);
        assertThat(vm.id()).matches("i-[0-9a-f]{17}");
        assertThat(vm.region()).isEqualTo("mars");
        assertThat(vm.zone()).isEqualTo("mars-z1");
        assertThat(vm.image()).isEqualTo("ubuntu-22.04");
        assertThat(vm.keyPair()).isEqualTo("key-1");
        assertThat(vm.securityGroups()).containsExactly("sg-1");
        assertThat(Cidr.parse("10.0.1.0/24").contains(vm.privateIp())).isTrue();
        assertThat(vm.publicIp()).startsWith("203.0.113.");
        assertThat(vm.ssh().host()).isEqualTo(vm.publicIp());
        assertThat(vm.ssh().port()).isEqualTo(22);
        assertThat(vm.loginUser()).isEqualTo("ubuntu");
        assertThat(vm.rootDiskGB()).isEqualTo(10);
        assertThat(vm.rootDiskType()).isEqualTo("standard");
        assertThat(vm.createdAt()).isAfterOrEqualTo(before);
        assertThat(vm.tags()).containsEntry("app", "web");

        Vm running = awaitVm(conn, "vm-1", VmStatus.RUNNING);
        assertThat(running).isEqualTo(vm.withStatus(VmStatus.RUNNING));
        assertThat(conn.vms().list()).containsExactly(running);
    }

    @Test
    void suspendResumeAndRebootGoThroughTheirTransitionalStatus() {
        conn.vms().create(vm("vm-1"));
        awaitVm(conn, "vm-1", VmStatus.RUNNING);
        assertThat(conn.vms().suspend("vm-1")).isEqualTo(VmStatus.SUSPENDING);
        assertThat(conn.vms().find("vm-1").orElseThrow().status()).isEqualTo(VmStatus.SUSPENDING);
        awaitVm(conn, "vm-1", VmStatus.SUSPENDED);
        assertThat(conn.vms().resume("vm-1")).isEqualTo(VmStatus.RESUMING);
        awaitVm(conn, "vm-1", VmStatus.RUNNING);
        assertThat(conn.vms().reboot("vm-1")).isEqualTo(VmStatus.REBOOTING);
        awaitVm(conn, "vm-1", VmStatus.RUNNING);
    }

    @Test
    void anActionInTheWrongStatusIsAConflict() {
        conn.vms().create(vm("vm-1"));
        assertConflict(() -> conn.vms().suspend("vm-1"), "CREATING");
        awaitVm(conn, "vm-1", VmStatus.RUNNING);
        assertConflict(() -> conn.vms().resume("vm-1"), "RUNNING");
        conn.vms().suspend("vm-1");
        assertConflict(() -> conn.vms().suspend("vm-1"), "SUSPENDING");
        awaitVm(conn, "vm-1", VmStatus.SUSPENDED);
        assertConflict(() -> conn.vms().suspend("vm-1"), "SUSPENDED");
        assertConflict(() -> conn.vms().reboot("vm-1"), "SUSPENDED");
    }

    @Test
    void aDeletedVmIsTerminatingThenGone() {
        conn.vms().create(vm("vm-1"));
        conn.vms().delete("vm-1");
        assertThat(conn.vms().find("vm-1").orElseThrow().status()).isEqualTo(VmStatus.TERMINATING);
        conn.vms().delete("vm-1");
        assertConflict(() -> conn.vms().reboot("vm-1"), "TERMINATING");
        awaitVmGone(conn, "vm-1");
        assertThat(conn.vms().list()).isEmpty();
        assertThatThrownBy(() -> conn.vms().delete("vm-1")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aVmNameIsTakenUntilTheVmIsGone() {
        conn.vms().create(vm("vm-1"));
        assertThatThrownBy(() -> conn.vms().create(vm("vm-1"))).isInstanceOf(AlreadyExistsException.class);
        conn.vms().delete("vm-1");
        assertThatThrownBy(() -> conn.vms().create(vm("vm-1"))).isInstanceOf(AlreadyExistsException.class);
        awaitVmGone(conn, "vm-1");
        assertThat(conn.vms().create(vm("vm-1")).status()).isEqualTo(VmStatus.CREATING);
    }

    @Test
    void aCreateRetriedWithTheSameClientTokenAnswersTheSameVm() {
        Vm first = conn.vms().create(vm("vm-1").clientToken("3f1c2a8e-0000-4000-8000-000000000001"));
        Vm again = conn.vms().create(vm("vm-1").clientToken("3f1c2a8e-0000-4000-8000-000000000001"));
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(conn.vms().list()).hasSize(1);
        assertThatThrownBy(() -> conn.vms().create(vm("vm-2").clientToken("3f1c2a8e-0000-4000-8000-000000000001")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("IdempotentParameterMismatch");
        assertThatThrownBy(() -> conn.vms().create(vm("vm-1").clientToken("3f1c2a8e-0000-4000-8000-000000000002")))
                .as("another token: the name is taken").isInstanceOf(AlreadyExistsException.class);
    }

    @Test
    void actionsOnAMissingVmAreNotFound() {
        for (ThrowingCallable call : new ThrowingCallable[] {() -> conn.vms().suspend("ghost"),
                () -> conn.vms().resume("ghost"), () -> conn.vms().reboot("ghost"), () -> conn.vms().delete("ghost")}) {
            assertThatThrownBy(call).isInstanceOfSatisfying(NotFoundException.class, e -> {
                assertThat(e.context().kind()).isEqualTo(ResourceKind.VM);
                assertThat(e.context().name()).isEqualTo("ghost");
            });
        }
        assertThat(conn.vms().find("ghost")).isEmpty();
    }

    @Test
    void everyMissingReferenceIsNotFoundOfItsKind() {
        assertNotFound(vm("vm-1").image("plan9"), ResourceKind.IMAGE, "plan9");
        assertNotFound(vm("vm-1").spec("x9.huge"), ResourceKind.SPEC, "x9.huge");
        assertNotFound(vm("vm-1").subnet("vpc-9", "sn-1"), ResourceKind.VPC, "vpc-9");
        assertNotFound(vm("vm-1").subnet("vpc-1", "sn-9"), ResourceKind.SUBNET, "sn-9");
        assertNotFound(vm("vm-1").securityGroups("sg-9"), ResourceKind.SECURITY_GROUP, "sg-9");
        assertNotFound(vm("vm-1").keyPair("key-9"), ResourceKind.KEY_PAIR, "key-9");
        assertNotFound(vm("vm-1").zone("mars-z9"), ResourceKind.ZONE, "mars-z9");
        assertThat(conn.vms().list()).isEmpty();
    }

    @Test
    void aSecurityGroupOfAnotherVpcIsNotFound() {
        conn.vpcs().create(VpcRequest.named("vpc-2").cidr("10.1.0.0/16").subnet("sn-2", "10.1.1.0/24"));
        conn.securityGroups().create(SecurityGroupRequest.named("sg-2").vpc("vpc-2"));
        assertThatThrownBy(() -> conn.vms().create(vm("vm-1").securityGroups("sg-1", "sg-2")))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.context().kind()).isEqualTo(ResourceKind.SECURITY_GROUP);
                    assertThat(e.getMessage()).contains("vpc-1");
                });
    }

    @Test
    void theImageArchitectureMustMatchTheSpec() {
        assertThatThrownBy(() -> conn.vms().create(vm("vm-1").spec("a1.small")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.field()).isEqualTo("image");
                    assertThat(e.getMessage()).contains("x86_64", "arm64");
                });
        assertThat(conn.vms().create(vm("vm-2").spec("a1.small").image("ubuntu-22.04-arm64")).status())
                .isEqualTo(VmStatus.CREATING);
    }

    @Test
    void aWindowsImageNeedsItsMinimumRootDisk() {
        assertThatThrownBy(() -> conn.vms().create(vm("win-1").image("windows-2022").rootDisk(null, 30)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("rootDiskGB"));
        Vm win = conn.vms().create(vm("win-2").image("windows-2022"));
        assertThat(win.rootDiskGB()).isEqualTo(50);
        assertThat(win.loginUser()).isEqualTo("Administrator");
        Vm big = conn.vms().create(vm("win-3").image("windows-2022").rootDisk("premium", 80));
        assertThat(big.rootDiskGB()).isEqualTo(80);
        assertThat(big.rootDiskType()).isEqualTo("premium");
    }

    @Test
    void aRequestedZoneMustBeTheSubnetsZone() {
        assertThatThrownBy(() -> conn.vms().create(vm("vm-1").zone("mars-z2")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("zone"));
    }

    @Test
    void aPublicImageIsFoundByIdToo() {
        String id = conn.images().find("debian-12").orElseThrow().id();
        Vm vm = conn.vms().create(vm("vm-1").image(id));
        assertThat(vm.image()).isEqualTo("debian-12");
        assertThat(vm.loginUser()).isEqualTo("admin");
    }

    @Test
    void aVmBootsFromAMyImageOnlyOnceItIsAvailable() {
        conn.vms().create(vm("vm-1").image("rocky-9").rootDisk(null, 40));
        awaitVm(conn, "vm-1", VmStatus.RUNNING);
        conn.myImages().create(MyImageRequest.of("golden", "vm-1"));
        assertConflict(() -> conn.vms().create(vm("vm-2").image("golden")), "CREATING");
        await("golden available", () -> conn.myImages().find("golden").orElseThrow().status(),
                s -> s == MyImageStatus.AVAILABLE);
        Vm fromImage = conn.vms().create(vm("vm-2").image("golden"));
        assertThat(fromImage.image()).isEqualTo("golden");
        assertThat(fromImage.loginUser()).isEqualTo("rocky");
        assertThat(fromImage.rootDiskGB()).isEqualTo(40);
    }

    @Test
    void privateIpsAreUniqueInTheSubnetAndPublicIpsComeBackWhenAVmIsGone() {
        Vm a = conn.vms().create(vm("vm-a"));
        Vm b = conn.vms().create(vm("vm-b"));
        assertThat(a.privateIp()).isEqualTo("10.0.1.4");
        assertThat(b.privateIp()).isEqualTo("10.0.1.5");
        assertThat(a.publicIp()).isNotEqualTo(b.publicIp());
        conn.vms().delete("vm-a");
        awaitVmGone(conn, "vm-a");
        Vm c = conn.vms().create(vm("vm-c"));
        assertThat(c.publicIp()).isEqualTo(a.publicIp());
        assertThat(c.privateIp()).isEqualTo(a.privateIp());
    }

    @Test
    void aThousandVmsOnOneConnectionEachGetTheirOwnPublicIp() {
        DriverConnection big = connect("big", "mars", Map.of(MockDriver.QUOTA_VMS, "2000", MockDriver.QUOTA_VCPUS, "4000"));
        big.vpcs().create(VpcRequest.named("vpc-big").cidr("10.1.0.0/16").subnet("sn-big", "10.1.0.0/20"));
        big.securityGroups().create(SecurityGroupRequest.named("sg-1").vpc("vpc-big").allowInbound(Protocol.TCP, 22));
        Set<String> publicIps = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            Vm vm = big.vms().create(vm("vm-" + i).subnet("vpc-big", "sn-big"));
            assertThat(publicIps.add(vm.publicIp())).as("%s got a fresh address %s", vm.name(), vm.publicIp()).isTrue();
        }
        assertThat(publicIps).as("beyond the two documentation blocks (508 addresses)")
                .anyMatch(ip -> ip.startsWith("100."));
    }

    private void assertConflict(ThrowingCallable call, String status) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ConflictException.class,
                e -> assertThat(e.getMessage()).contains(status));
    }

    private void assertNotFound(VmRequest request, ResourceKind kind, String name) {
        assertThatThrownBy(() -> conn.vms().create(request)).isInstanceOfSatisfying(NotFoundException.class, e -> {
            assertThat(e.context().kind()).as(request.toString()).isEqualTo(kind);
            assertThat(e.context().name()).isEqualTo(name);
            assertThat(e.context().connection()).isEqualTo("mock/mars");
        });
    }
}
