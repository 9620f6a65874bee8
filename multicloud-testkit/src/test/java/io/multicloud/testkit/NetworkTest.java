package io.multicloud.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.Cloud;
import io.multicloud.api.ConflictException;
import io.multicloud.api.Direction;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.PortRange;
import io.multicloud.api.Protocol;
import io.multicloud.api.SecurityGroup;
import io.multicloud.api.SecurityGroupRequest;
import io.multicloud.api.SecurityRule;
import io.multicloud.api.Subnet;
import io.multicloud.api.SubnetRequest;
import io.multicloud.api.Vpc;
import io.multicloud.api.VpcRequest;
import org.junit.jupiter.api.Test;

/** VPCs with their subnets, and security groups with their rules, through the fluent API. */
@MockCloudTest
class NetworkTest {

    @Test
    void aVpcIsCreatedWithItsSubnetsSpreadOverZones(Cloud cloud) {
        Vpc vpc = cloud.vpcs().create(VpcRequest.named("vpc-1").cidr("10.0.0.0/16").tag("team", "infra")
                .subnet("sn-1", "10.0.1.0/24")
                .subnet(SubnetRequest.of("sn-2", "10.0.2.0/24").zone("mars-z2")));
        assertThat(vpc.id()).isNotBlank();
        assertThat(vpc.tags()).containsEntry("team", "infra");
        assertThat(vpc.subnet("sn-1")).hasValueSatisfying(s -> {
            assertThat(s.cidr()).isEqualTo("10.0.1.0/24");
            assertThat(s.zone()).isEqualTo("mars-z1");
        });
        assertThat(vpc.subnet("sn-2")).map(Subnet::zone).hasValue("mars-z2");
        assertThat(cloud.vpcs().list()).extracting(Vpc::name).containsExactly("vpc-1");
        assertThat(cloud.vpcs().get("vpc-1")).isEqualTo(vpc);
    }

    @Test
    void subnetsAreAddedAndRemoved(Cloud cloud) {
        Fixtures.network(cloud);
        Vpc added = cloud.vpcs().addSubnet("vpc-1", SubnetRequest.of("sn-3", "10.0.3.0/24"));
        assertThat(added.subnets()).extracting(Subnet::name).containsExactly("sn-1", "sn-2", "sn-3");
        Vpc removed = cloud.vpcs().removeSubnet("vpc-1", "sn-2");
        assertThat(removed.subnets()).extracting(Subnet::name).containsExactly("sn-1", "sn-3");
        assertThatThrownBy(() -> cloud.vpcs().removeSubnet("vpc-1", "sn-2")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aVpcIsDeletedOnceItsDependentsAreGone(Cloud cloud) {
        Fixtures.network(cloud);
        cloud.securityGroups().create(SecurityGroupRequest.named("sg-1").vpc("vpc-1"));
        assertThatThrownBy(() -> cloud.vpcs().delete("vpc-1")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("sg-1");
        cloud.securityGroups().delete("sg-1");
        cloud.vpcs().delete("vpc-1");
        assertThat(cloud.vpcs().find("vpc-1")).isEmpty();
    }

    @Test
    void aSubnetThatHoldsAVmCannotBeRemoved(Cloud cloud) {
        Fixtures.network(cloud);
        cloud.vms().create(Fixtures.vm("vm-1"));
        assertThatThrownBy(() -> cloud.vpcs().removeSubnet("vpc-1", "sn-1")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("vm-1");
        assertThat(cloud.vpcs().removeSubnet("vpc-1", "sn-2").subnets()).extracting(Subnet::name).containsExactly("sn-1");
    }

    @Test
    void aVpcNameIsTakenOnce(Cloud cloud) {
        Fixtures.network(cloud);
        assertThatThrownBy(() -> Fixtures.network(cloud)).isInstanceOf(AlreadyExistsException.class)
                .hasMessageContaining("vpc-1");
    }

    @Test
    void aSecurityGroupKeepsItsRulesInAllTheirForms(Cloud cloud) {
        Vpc vpc = Fixtures.network(cloud);
        SecurityGroup sg = cloud.securityGroups().create(SecurityGroupRequest.named("sg-web").vpc(vpc)
                .allowInbound(Protocol.TCP, 22)
                .allowInbound(Protocol.TCP, PortRange.of(8000, 8080), "10.0.0.0/8")
                .allowOutbound(Protocol.ALL, PortRange.ALL, SecurityRule.ANYWHERE)
                .rule(new SecurityRule(Direction.INBOUND, Protocol.ICMP, null, "192.168.0.0/16")));
        assertThat(sg.vpc()).isEqualTo("vpc-1");
        assertThat(sg.rules()).containsExactlyInAnyOrder(
                SecurityRule.inbound(Protocol.TCP, 22),
                SecurityRule.inbound(Protocol.TCP, PortRange.parse("8000-8080"), "10.0.0.0/8"),
                SecurityRule.outbound(Protocol.ALL, PortRange.ALL, "0.0.0.0/0"),
                SecurityRule.inbound(Protocol.ICMP, PortRange.ALL, "192.168.0.0/16"));
        assertThat(cloud.securityGroups().list()).containsExactly(sg);
    }

    @Test
    void rulesAreAddedOnceAndRemoved(Cloud cloud) {
        Fixtures.network(cloud);
        cloud.securityGroups().create(SecurityGroupRequest.named("sg-1").vpc("vpc-1").allowInbound(Protocol.TCP, 22));
        SecurityRule https = SecurityRule.inbound(Protocol.TCP, 443);
        SecurityGroup added = cloud.securityGroups().addRules("sg-1", https, https, SecurityRule.inbound(Protocol.TCP, 22));
        assertThat(added.rules()).containsExactlyInAnyOrder(SecurityRule.inbound(Protocol.TCP, 22), https);

        SecurityGroup removed = cloud.securityGroups().removeRules("sg-1", SecurityRule.inbound(Protocol.TCP, 22));
        assertThat(removed.rules()).containsExactly(https);
        assertThatThrownBy(() -> cloud.securityGroups().removeRules("sg-1", SecurityRule.inbound(Protocol.UDP, 53)))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aSecurityGroupInUseByAVmCannotBeDeleted(Cloud cloud) {
        Fixtures.network(cloud);
        cloud.securityGroups().create(SecurityGroupRequest.named("sg-1").vpc("vpc-1"));
        cloud.vms().create(Fixtures.vm("vm-1").securityGroups("sg-1"));
        assertThatThrownBy(() -> cloud.securityGroups().delete("sg-1")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("vm-1");
        cloud.vms().delete("vm-1");
        cloud.securityGroups().delete("sg-1");
        assertThat(cloud.securityGroups().list()).isEmpty();
    }

    @Test
    void aSecurityGroupNeedsAnExistingVpc(Cloud cloud) {
        assertThatThrownBy(() -> cloud.securityGroups().create(SecurityGroupRequest.named("sg-1").vpc("vpc-none")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("vpc-none");
    }
}
