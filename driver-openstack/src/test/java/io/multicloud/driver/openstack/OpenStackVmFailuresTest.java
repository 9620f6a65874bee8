package io.multicloud.driver.openstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.Cloud;
import io.multicloud.api.ConflictException;
import io.multicloud.api.ErrorScope;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.QuotaExceededException;
import io.multicloud.api.Vm;
import io.multicloud.api.VmRequest;
import io.multicloud.api.VmStatus;
import io.multicloud.api.Vpc;
import io.multicloud.api.VpcRequest;
import io.multicloud.core.MultiCloud;
import io.multicloud.testkit.Await;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openstack4j.api.OSClient.OSClientV3;
import org.openstack4j.model.compute.Flavor;

/**
 * VM creates that fail, on the real local OpenStack, and what they leave: a server that Nova
 * accepts and then puts in ERROR (a flavor far larger than any host makes the scheduler fail
 * with "No valid host") reads FAILED with Nova's fault as its reason and can be deleted; a
 * server beyond the project's quota is QuotaExceeded; a floating IP that cannot be had fails the
 * create; neither leaves a port or server behind.
 */
@RequiresOpenStack
class OpenStackVmFailuresTest {
    private static final Duration WAIT = Duration.ofMinutes(2);

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String flavorName = "huge-disk-" + suffix;
    private final String hugeRamFlavorName = "huge-ram-" + suffix;
    private MultiCloud multiCloud;
    private Cloud admin;
    private Cloud demo;
    private Flavor flavor;
    private Flavor hugeRamFlavor;

    @BeforeEach
    void makeAFlavorNoHostCanRun() {
        multiCloud = MultiCloud.builder().environment(Map.of()).build();
        admin = multiCloud.connect(LocalOpenStack.fromEnvironment());
        // Public, as this OpenStack's policy refuses project access to private flavors. A disk of
        // 10 PB fits no host (the fake virt driver reports 600 TB) and counts against no quota;
        // 64 TiB of RAM is beyond the project's RAM quota.
        flavor = admin.unwrap(OSClientV3.class).compute().flavors()
                .create(flavorName, 512, 1, 10_000_000, 0, 0, 1.0f, true);
        hugeRamFlavor = admin.unwrap(OSClientV3.class).compute().flavors()
                .create(hugeRamFlavorName, 64 * 1024 * 1024, 1, 1, 0, 0, 1.0f, true);
        demo = multiCloud.connect(LocalOpenStack.demo());
    }

    @AfterEach
    void cleanUp() {
        try {
            for (String vm : java.util.List.of("vm-" + suffix)) {
                if (demo.vms().find(vm).isPresent()) {
                    demo.vms().delete(vm);
                }
            }
            if (demo.vpcs().find("vpc-" + suffix).isPresent()) {
                demo.vpcs().delete("vpc-" + suffix);
            }
        } finally {
            admin.unwrap(OSClientV3.class).compute().flavors().delete(flavor.getId());
            admin.unwrap(OSClientV3.class).compute().flavors().delete(hugeRamFlavor.getId());
            multiCloud.close();
        }
    }

    @Test
    void aServerNovaCannotPlaceIsFailedWithNovasFaultAndCanBeDeleted() {
        Vpc vpc = demo.vpcs().create(VpcRequest.named("vpc-" + suffix).cidr("10.77.0.0/16").subnet("sn", "10.77.1.0/24"));
        String name = "vm-" + suffix;
        Vm created = demo.vms().create(VmRequest.named(name).image("cirros-fake").spec(flavorName).subnet(vpc, "sn"));
        assertThat(created.status()).isIn(VmStatus.CREATING, VmStatus.FAILED);

        Vm failed = demo.vms().waitUntil(name, VmStatus.FAILED, WAIT);
        assertThat(failed.statusReason()).containsIgnoringCase("no valid host");
        assertThatThrownBy(() -> demo.vms().waitUntil(name, VmStatus.RUNNING, WAIT))
                .isInstanceOf(ConflictException.class).hasMessageContaining("FAILED").hasMessageContaining("No valid host");

        demo.vms().delete(name);
        Await.gone(demo.vms(), name, WAIT);
        assertThat(portNames()).as("the VM's port went with it").doesNotContain(name);
    }

    @Test
    void aServerBeyondTheProjectsQuotaIsQuotaExceededInTheRegionAndLeavesNoPort() {
        Vpc vpc = demo.vpcs().create(VpcRequest.named("vpc-" + suffix).cidr("10.77.0.0/16").subnet("sn", "10.77.1.0/24"));
        String name = "vm-" + suffix;
        assertThatThrownBy(() -> demo.vms().create(VmRequest.named(name).image("cirros-fake").spec(hugeRamFlavorName)
                .subnet(vpc, "sn")))
                .isInstanceOfSatisfying(QuotaExceededException.class, e -> assertThat(e.scope()).isEqualTo(ErrorScope.REGION))
                .hasMessageContaining("Quota exceeded for ram");
        assertThat(portNames()).as("the port made for the VM is deleted again").doesNotContain(name);
        assertThat(demo.vms().find(name)).isEmpty();
    }

    @Test
    void aVmAskedToStayPrivateGetsNoFloatingIpWhateverTheFloatingNetwork() {
        Vpc vpc = demo.vpcs().create(VpcRequest.named("vpc-" + suffix).cidr("10.78.0.0/16").subnet("sn", "10.78.1.0/24"));
        Cloud withFloating = multiCloud.connect(LocalOpenStack.demo().property(OpenStackVms.FLOATING_NETWORK, "no-such-" + suffix));
        String name = "vm-" + suffix;
        try {
            withFloating.vms().create(VmRequest.named(name).image("cirros-fake").spec("m1.tiny").subnet(vpc, "sn").publicIp(false));
            Vm vm = withFloating.vms().waitUntil(name, VmStatus.RUNNING, Duration.ofMinutes(2));
            assertThat(vm.publicIp()).isNull();
            assertThat(vm.privateIp()).startsWith("10.78.1.");
        } finally {
            withFloating.vms().delete(name);
            demo.vpcs().delete(vpc.name());
        }
        assertThat(portNames()).doesNotContain(name);
    }

    @Test
    void anUnknownFloatingNetworkIsNotFoundBeforeAnythingIsMade() {
        Vpc vpc = demo.vpcs().create(VpcRequest.named("vpc-" + suffix).cidr("10.77.0.0/16").subnet("sn", "10.77.1.0/24"));
        Cloud withFloating = multiCloud.connect(LocalOpenStack.demo().property(OpenStackVms.FLOATING_NETWORK, "no-such-" + suffix));
        String name = "vm-" + suffix;
        assertThatThrownBy(() -> withFloating.vms().create(VmRequest.named(name).image("cirros-fake").spec("m1.tiny")
                .subnet(vpc, "sn"))).isInstanceOf(NotFoundException.class).hasMessageContaining("no-such-" + suffix);
        assertThat(portNames()).doesNotContain(name);
        assertThat(demo.vms().find(name)).isEmpty();
    }

    @Test
    void aFloatingIpTheCloudCannotGiveLeavesNoPortOrServerBehind() {
        // An external network exists, but this OpenStack runs no L3 (no router service): no floating IPs.
        String external = "public-" + suffix;
        var network = admin.unwrap(OSClientV3.class).networking().network().create(
                org.openstack4j.api.Builders.network().name(external).isRouterExternal(true).adminStateUp(true).build());
        try {
            Vpc vpc = demo.vpcs().create(VpcRequest.named("vpc-" + suffix).cidr("10.77.0.0/16").subnet("sn", "10.77.1.0/24"));
            Cloud withFloating = multiCloud.connect(LocalOpenStack.demo().property(OpenStackVms.FLOATING_NETWORK, external));
            String name = "vm-" + suffix;
            assertThatThrownBy(() -> withFloating.vms().create(VmRequest.named(name).image("cirros-fake").spec("m1.tiny")
                    .subnet(vpc, "sn"))).isInstanceOf(io.multicloud.api.CloudException.class);
            assertThat(portNames()).as("the port made for the VM is deleted again").doesNotContain(name);
            assertThat(demo.vms().find(name)).isEmpty();
        } finally {
            admin.unwrap(OSClientV3.class).networking().network().delete(network.getId());
        }
    }

    private java.util.List<String> portNames() {
        return demo.unwrap(OSClientV3.class).networking().port().list().stream().map(p -> p.getName()).toList();
    }
}
