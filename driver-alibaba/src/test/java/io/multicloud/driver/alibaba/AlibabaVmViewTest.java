package io.multicloud.driver.alibaba;

import io.multicloud.api.Protocol;
import io.multicloud.api.SecurityGroupRequest;
import io.multicloud.api.Vm;
import io.multicloud.api.VmRequest;
import io.multicloud.api.Vpc;
import io.multicloud.api.VpcRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a VM's record reads back from Alibaba beyond DescribeInstances: its system disk (size and
 * category, from DescribeDisks) and an elastic IP bound to it by another tool.
 */
class AlibabaVmViewTest extends OnTheFake {
    @BeforeEach
    void open() {
        Vpc vpc = cloud.vpcs().create(VpcRequest.named("net").cidr("10.1.0.0/16").subnet("sn-1", "10.1.1.0/24"));
        cloud.securityGroups().create(SecurityGroupRequest.named("sg").vpc(vpc).allowInbound(Protocol.TCP, 22));
    }

    private VmRequest vm(String name) {
        return VmRequest.named(name).image("ubuntu-22.04").spec("ecs.g7.large").subnet("net", "sn-1").securityGroups("sg");
    }

    @Test
    void theRootDiskSizeAndTypeGivenAtCreateComeBackOnGetFindAndList() {
        Vm made = cloud.vms().create(vm("vm-1").rootDisk("cloud_essd", 60));
        assertThat(made.rootDiskGB()).isEqualTo(60);
        assertThat(made.rootDiskType()).isEqualTo("cloud_essd");
        assertThat(cloud.vms().get("vm-1")).satisfies(v -> {
            assertThat(v.rootDiskGB()).isEqualTo(60);
            assertThat(v.rootDiskType()).isEqualTo("cloud_essd");
        });
        assertThat(cloud.vms().find(made.id())).hasValueSatisfying(v -> assertThat(v.rootDiskGB()).isEqualTo(60));
        assertThat(cloud.vms().list()).singleElement().satisfies(v -> assertThat(v.rootDiskGB()).isEqualTo(60));
    }

    @Test
    void aVmMadeWithoutARootDiskSizeShowsAlibabasDefault() {
        cloud.vms().create(vm("vm-1"));
        // Alibaba's default: max(40 GiB, the image's size), on an ultra (cloud_efficiency) disk.
        assertThat(cloud.vms().get("vm-1")).satisfies(v -> {
            assertThat(v.rootDiskGB()).isEqualTo(40);
            assertThat(v.rootDiskType()).isEqualTo("cloud_efficiency");
        });
    }

    @Test
    void eachVmOfAListShowsItsOwnRootDiskWithOneDiskListingPerPage() {
        for (int n = 1; n <= 7; n++) {
            cloud.vms().create(vm("vm-" + n).rootDisk("cloud_essd", 40 + n));
        }
        fake.seedInstances(5, Map.of()); // another tool's instances share the region's disk listing
        fake.clearCalls();
        assertThat(cloud.vms().list()).filteredOn(v -> v.name().startsWith("vm-")).hasSize(7)
                .allSatisfy(v -> assertThat(v.rootDiskGB()).isEqualTo(40 + Integer.parseInt(v.name().substring(3))));
        // 12 system disks in the fake's pages of 3: 4 calls, as many as the DescribeInstances pages.
        assertThat(fake.calls("DescribeDisks")).isEqualTo(4).isEqualTo(fake.calls("DescribeInstances"));

        fake.clearCalls();
        cloud.tags().add(io.multicloud.api.ResourceKind.VM, "vm-3", Map.of("team", "blue"));
        cloud.tags().add(io.multicloud.api.ResourceKind.VM, "vm-5", Map.of("team", "blue"));
        fake.clearCalls();
        // Tags added to the instances alone are not on their disks: the region's disks are read instead.
        assertThat(cloud.vms().listTagged("team", "blue")).extracting(Vm::rootDiskGB).containsExactly(43, 45);
        assertThat(fake.calls("DescribeDisks")).isEqualTo(1 + 4);
    }

    @Test
    void anElasticIpBoundToAVmIsItsPublicIp() {
        Vm made = cloud.vms().create(vm("vm-1").publicIp(false));
        assertThat(made.publicIp()).isNull();
        String eip = fake.bindEip("EcsInstance", made.id());
        assertThat(cloud.vms().get("vm-1")).satisfies(v -> {
            assertThat(v.publicIp()).isEqualTo(eip);
            assertThat(v.ssh().host()).isEqualTo(eip);
        });
        assertThat(cloud.vms().list()).singleElement().satisfies(v -> assertThat(v.publicIp()).isEqualTo(eip));
    }
}
