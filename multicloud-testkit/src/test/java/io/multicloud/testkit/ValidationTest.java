package io.multicloud.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.Cloud;
import io.multicloud.api.ClusterRequest;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.DiskRequest;
import io.multicloud.api.DiskStatus;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.KeyPairRequest;
import io.multicloud.api.NlbRequest;
import io.multicloud.api.NodeGroupRequest;
import io.multicloud.api.PortRange;
import io.multicloud.api.Protocol;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.SecurityGroupRequest;
import io.multicloud.api.SecurityRule;
import io.multicloud.api.SubnetRequest;
import io.multicloud.api.VmRequest;
import io.multicloud.api.VmStatus;
import io.multicloud.api.VpcRequest;
import io.multicloud.core.MultiCloud;
import io.multicloud.driver.mock.MockControl;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every request is checked before any cloud is called: each refusal is an
 * {@link InvalidRequestException} naming the wrong field, and the mock counts no call.
 */
@MockCloudTest
class ValidationTest {

    /** Asserts the call fails naming {@code field} and that no call reached the mock cloud. */
    static void refusedBeforeAnyCall(Cloud cloud, String field, ThrowingCallable call) {
        MockControl control = Fixtures.control(cloud);
        long before = control.callCount();
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.field()).isEqualTo(field));
        assertThat(control.callCount()).as("calls that reached the mock").isEqualTo(before);
    }

    @Nested
    class Names {
        @ParameterizedTest(name = "{0}: ''{1}''")
        @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
            "upper case|Vpc-1",
            "leading digit|1vpc",
            "trailing hyphen|vpc-",
            "underscore|vpc_1",
            "64 characters|abcdefghij-abcdefghij-abcdefghij-abcdefghij-abcdefghij-abcdefghi",
            "blank|'   '",
            "empty|''"})
        void aVpcNameBreakingTheRuleIsRefused(String rule, String name, Cloud cloud) {
            refusedBeforeAnyCall(cloud, "vpc name",
                    () -> cloud.vpcs().create(VpcRequest.named(name).cidr("10.0.0.0/16").subnet("sn-1", "10.0.1.0/24")));
        }

        @Test
        void sixtyThreeCharactersAreStillAName(Cloud cloud) {
            String longest = "abcdefghij-abcdefghij-abcdefghij-abcdefghij-abcdefghij-abcdefgh";
            assertThat(longest).hasSize(63);
            assertThat(cloud.vpcs().create(VpcRequest.named(longest).cidr("10.0.0.0/16").subnet("sn-1", "10.0.1.0/24"))
                    .name()).isEqualTo(longest);
        }

        @Test
        void everyKindChecksItsName(Cloud cloud) {
            refusedBeforeAnyCall(cloud, "vm name", () -> cloud.vms().create(Fixtures.vm("VM-1")));
            refusedBeforeAnyCall(cloud, "security group name",
                    () -> cloud.securityGroups().create(SecurityGroupRequest.named("sg 1").vpc("vpc-1")));
            refusedBeforeAnyCall(cloud, "key pair name", () -> cloud.keyPairs().create("Key-1"));
            refusedBeforeAnyCall(cloud, "disk name", () -> cloud.disks().create(DiskRequest.named("9disk").sizeGB(10)));
            refusedBeforeAnyCall(cloud, "subnet name",
                    () -> cloud.vpcs().create(VpcRequest.named("vpc-1").cidr("10.0.0.0/16").subnet("SN", "10.0.1.0/24")));
            refusedBeforeAnyCall(cloud, "cluster name", () -> cloud.clusters().create(ClusterRequest.named("k8s-")));
            refusedBeforeAnyCall(cloud, "nlb name", () -> cloud.nlbs().create(NlbRequest.named("Web")));
            refusedBeforeAnyCall(cloud, "vm name", () -> cloud.vms().suspend(" "));
        }
    }

    @Nested
    class Networks {
        @ParameterizedTest(name = "{0}: {1}")
        @CsvSource(delimiter = '|', value = {
            "host bits set|10.0.0.1/16",
            "prefix above 32|10.0.0.0/33",
            "octet above 255|300.1.1.1/32",
            "no prefix|10.0.0.0",
            "three octets|10.0.0/16"})
        void aBadVpcBlockIsRefused(String problem, String cidr, Cloud cloud) {
            refusedBeforeAnyCall(cloud, "vpc cidr",
                    () -> cloud.vpcs().create(VpcRequest.named("vpc-1").cidr(cidr).subnet("sn-1", "10.0.1.0/24")));
        }

        @Test
        void aBadRuleBlockIsRefused(Cloud cloud) {
            refusedBeforeAnyCall(cloud, "cidr", () -> cloud.securityGroups().create(SecurityGroupRequest.named("sg-1")
                    .vpc("vpc-1").allowInbound(Protocol.TCP, PortRange.of(22), "10.0.0.1/8")));
        }

        @Test
        void aSubnetOutsideTheVpcIsRefused(Cloud cloud) {
            refusedBeforeAnyCall(cloud, "subnet cidr",
                    () -> cloud.vpcs().create(VpcRequest.named("vpc-1").cidr("10.0.0.0/16").subnet("sn-1", "10.1.0.0/24")));
        }

        @Test
        void overlappingSubnetsAreRefused(Cloud cloud) {
            refusedBeforeAnyCall(cloud, "subnet cidr", () -> cloud.vpcs().create(VpcRequest.named("vpc-1")
                    .cidr("10.0.0.0/16").subnet("sn-1", "10.0.1.0/24").subnet("sn-2", "10.0.1.128/25")));
        }

        @Test
        void aSubnetNameIsUsedOnceInAVpc(Cloud cloud) {
            refusedBeforeAnyCall(cloud, "subnet name", () -> cloud.vpcs().create(VpcRequest.named("vpc-1")
                    .cidr("10.0.0.0/16").subnet("sn-1", "10.0.1.0/24").subnet("sn-1", "10.0.2.0/24")));
        }

        /** Adding a subnet reads the VPC to learn its block and subnets; nothing is written. */
        @Test
        void anAddedSubnetIsCheckedAgainstTheVpcBeforeItIsAdded(Cloud cloud) {
            Fixtures.network(cloud);
            MockControl control = Fixtures.control(cloud);
            assertThatThrownBy(() -> cloud.vpcs().addSubnet("vpc-1", SubnetRequest.of("sn-9", "10.9.0.0/24")))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("subnet cidr"));
            assertThatThrownBy(() -> cloud.vpcs().addSubnet("vpc-1", SubnetRequest.of("sn-3", "10.0.1.0/25")))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("subnet cidr"));
            assertThatThrownBy(() -> cloud.vpcs().addSubnet("vpc-1", SubnetRequest.of("sn-1", "10.0.7.0/24")))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("subnet name"));
            assertThat(control.callCount("vpc.addsubnet")).isZero();
            assertThat(cloud.vpcs().get("vpc-1").subnets()).hasSize(2);
        }
    }

    @Nested
    class Ports {
        @ParameterizedTest(name = "port {0}")
        @CsvSource({"0", "70000", "-1"})
        void aPortOutsideOneTo65535IsRefused(int port, Cloud cloud) {
            refusedBeforeAnyCall(cloud, "port range start", () -> cloud.securityGroups()
                    .create(SecurityGroupRequest.named("sg-1").vpc("vpc-1").allowInbound(Protocol.TCP, port)));
        }

        @Test
        void aRangeThatStartsAfterItEndsIsRefused(Cloud cloud) {
            refusedBeforeAnyCall(cloud, "port range", () -> cloud.securityGroups().addRules("sg-1",
                    SecurityRule.inbound(Protocol.TCP, PortRange.of(9000, 8000), SecurityRule.ANYWHERE)));
            refusedBeforeAnyCall(cloud, "port range", () -> PortRange.parse("80-x"));
        }

        @Test
        void icmpRulesTakeNoPorts(Cloud cloud) {
            refusedBeforeAnyCall(cloud, "ports", () -> cloud.securityGroups()
                    .create(SecurityGroupRequest.named("sg-1").vpc("vpc-1").allowInbound(Protocol.ICMP, 8)));
        }

        @Test
        void aLoadBalancerSpeaksTcpOrUdpOnARealPort(Cloud cloud) {
            refusedBeforeAnyCall(cloud, "listener port", () -> cloud.nlbs().create(NlbRequest.named("web").vpc("vpc-1")
                    .listener(Protocol.TCP, 0)));
            refusedBeforeAnyCall(cloud, "listener protocol", () -> cloud.nlbs().create(NlbRequest.named("web")
                    .vpc("vpc-1").listener(Protocol.ICMP, 80)));
        }
    }

    @Nested
    class Sizes {
        @ParameterizedTest(name = "{0} GB")
        @CsvSource({"0", "-5", "65537"})
        void aDiskSizeOutsideOneTo65536IsRefused(int size, Cloud cloud) {
            refusedBeforeAnyCall(cloud, "disk size (GB)", () -> cloud.disks().create(DiskRequest.named("d-1").sizeGB(size)));
        }

        @Test
        void aRootDiskOfNoSizeIsRefused(Cloud cloud) {
            refusedBeforeAnyCall(cloud, "root disk size (GB)", () -> cloud.vms().create(Fixtures.vm("vm-1").rootDisk("ssd", 0)));
        }

        @Test
        void nodeGroupSizesMustBeOrdered(Cloud cloud) {
            refusedBeforeAnyCall(cloud, "node group min size", () -> NodeGroupRequest.of("ng-1", "m1.small", 2).sizes(3, 2, 2));
            refusedBeforeAnyCall(cloud, "node group desired size",
                    () -> cloud.clusters().scaleNodeGroup("k1", "ng-1", 1, 3, 5));
        }

        /** Shrinking reads the disk to learn its size; the resize itself never reaches the cloud. */
        @Test
        void aDiskNeverShrinks(Cloud cloud) {
            cloud.disks().create(DiskRequest.named("d-1").sizeGB(50));
            cloud.disks().waitUntil("d-1", d -> d.status() == DiskStatus.AVAILABLE, Fixtures.WAIT);
            assertThatThrownBy(() -> cloud.disks().resize("d-1", 20))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("disk size (GB)"));
            assertThat(Fixtures.control(cloud).callCount("disk.resize")).isZero();
            assertThat(cloud.disks().get("d-1").sizeGB()).isEqualTo(50);
        }
    }

    @Nested
    class RequiredFields {
        @Test
        void aVmNeedsAnImageASpecAndASubnet(Cloud cloud) {
            refusedBeforeAnyCall(cloud, "image",
                    () -> cloud.vms().create(VmRequest.named("vm-1").spec("m1.small").subnet("vpc-1", "sn-1")));
            refusedBeforeAnyCall(cloud, "spec",
                    () -> cloud.vms().create(VmRequest.named("vm-1").image("ubuntu-22.04").subnet("vpc-1", "sn-1")));
            refusedBeforeAnyCall(cloud, "vpc",
                    () -> cloud.vms().create(VmRequest.named("vm-1").image("ubuntu-22.04").spec("m1.small")));
        }

        @Test
        void aVpcNeedsABlockAndASubnet(Cloud cloud) {
            refusedBeforeAnyCall(cloud, "vpc cidr", () -> cloud.vpcs().create(VpcRequest.named("vpc-1")));
            refusedBeforeAnyCall(cloud, "subnets", () -> cloud.vpcs().create(VpcRequest.named("vpc-1").cidr("10.0.0.0/16")));
        }

        @Test
        void otherKindsNeedTheirVpcAndParts(Cloud cloud) {
            refusedBeforeAnyCall(cloud, "vpc", () -> cloud.securityGroups().create(SecurityGroupRequest.named("sg-1")));
            refusedBeforeAnyCall(cloud, "listener",
                    () -> cloud.nlbs().create(NlbRequest.named("web").vpc("vpc-1").vmGroup(Protocol.TCP, 80)));
            refusedBeforeAnyCall(cloud, "subnets", () -> cloud.clusters().create(ClusterRequest.named("k1").vpc("vpc-1")));
            refusedBeforeAnyCall(cloud, "disk size (GB)", () -> cloud.disks().create(DiskRequest.named("d-1")));
            refusedBeforeAnyCall(cloud, "node group spec",
                    () -> cloud.clusters().addNodeGroup("k1", NodeGroupRequest.of("ng-1", null, 1)));
        }

        @Test
        void otherArgumentsAreCheckedToo(Cloud cloud) {
            refusedBeforeAnyCall(cloud, "public key", () -> cloud.keyPairs().importKey("key-1", "not a key"));
            refusedBeforeAnyCall(cloud, "public key", () -> KeyPairRequest.named("key-1").publicKey("ssh-dss AAAA"));
            refusedBeforeAnyCall(cloud, "tags", () -> Fixtures.vm("vm-1").tag(" ", "x"));
            refusedBeforeAnyCall(cloud, "tags", () -> cloud.tags().add(ResourceKind.VM, "vm-1", Map.of()));
            refusedBeforeAnyCall(cloud, "timeout", () -> cloud.vms().waitUntil("vm-1", VmStatus.RUNNING, null));
            refusedBeforeAnyCall(cloud, "function", () -> cloud.anyCall(" ", Map.of()));
            refusedBeforeAnyCall(cloud, "cluster version", () -> ClusterRequest.named("k1").version("latest"));
        }
    }

    @Nested
    class Connections {
        @Test
        void anUnknownDriverIsRefusedWithTheDriversFound(MultiCloud multiCloud) {
            assertThatThrownBy(() -> multiCloud.connect("nimbus", "mars"))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("driver"))
                    .hasMessageContaining("nimbus").hasMessageContaining("[mock]");
        }

        @Test
        void anUnknownRegionIsRefusedWithTheKnownRegionsBeforeTheCloudIsReached(MultiCloud multiCloud) {
            ConnectionConfig vulcan = ConnectionConfig.of("mock", "vulcan").credential("account", "validation-regions");
            assertThatThrownBy(() -> multiCloud.connect(vulcan))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("region"))
                    .hasMessageContaining("vulcan").hasMessageContaining("mars").hasMessageContaining("pluto");
            try (Cloud sameAccount = multiCloud.connect(ConnectionConfig.of("mock", "mars")
                    .credential("account", "validation-regions"))) {
                assertThat(Fixtures.control(sameAccount).callCount()).isZero();
            }
        }

        @Test
        void aMockPropertyWithABadValueIsRefusedNamingIt(MultiCloud multiCloud) {
            assertThatThrownBy(() -> multiCloud.connect(ConnectionConfig.of("mock", "mars").property("latency_ms", "soon")))
                    .isInstanceOfSatisfying(InvalidRequestException.class,
                            e -> assertThat(e.field()).isEqualTo("property latency_ms"));
        }
    }
}
