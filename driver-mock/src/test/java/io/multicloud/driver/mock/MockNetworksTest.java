package io.multicloud.driver.mock;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.ConflictException;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.PortRange;
import io.multicloud.api.Protocol;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.SecurityGroup;
import io.multicloud.api.SecurityGroupRequest;
import io.multicloud.api.SecurityRule;
import io.multicloud.api.SubnetRequest;
import io.multicloud.api.VmStatus;
import io.multicloud.api.Vpc;
import io.multicloud.api.VpcRequest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MockNetworksTest extends MockTestBase {

    @Test
    void vpcRoundTripKeepsNameIdBlockSubnetsAndTags() {
        Vpc vpc = conn.vpcs().create(VpcRequest.named("vpc-1").cidr("10.0.0.0/16").tag("team", "a")
                .subnet("sn-1", "10.0.1.0/24").subnet(SubnetRequest.of("sn-2", "10.0.2.0/24").zone("mars-z2")));
        assertThat(vpc.id()).matches("vpc-[0-9a-f]{17}");
        assertThat(vpc.cidr()).isEqualTo("10.0.0.0/16");
        assertThat(vpc.tags()).containsEntry("team", "a");
        assertThat(vpc.subnet("sn-1")).hasValueSatisfying(s -> {
            assertThat(s.id()).startsWith("subnet-");
            assertThat(s.zone()).isEqualTo("mars-z1");
        });
        assertThat(vpc.subnet("sn-2").orElseThrow().zone()).isEqualTo("mars-z2");
        assertThat(conn.vpcs().list()).containsExactly(vpc);
        assertThat(conn.vpcs().find("vpc-1")).contains(vpc);

        conn.vpcs().delete("vpc-1");
        assertThat(conn.vpcs().find("vpc-1")).isEmpty();
    }

    @Test
    void creatingASecondVpcOfTheSameNameIsAlreadyExists() {
        network(conn);
        assertThatThrownBy(() -> conn.vpcs().create(VpcRequest.named("vpc-1").cidr("10.1.0.0/16").subnet("sn-9", "10.1.1.0/24")))
                .isInstanceOfSatisfying(AlreadyExistsException.class, e -> {
                    assertThat(e.context().kind()).isEqualTo(ResourceKind.VPC);
                    assertThat(e.context().name()).isEqualTo("vpc-1");
                });
    }

    @Test
    void deletingAMissingVpcIsNotFoundNamingKindNameConnectionAndCode() {
        assertThatThrownBy(() -> conn.vpcs().delete("nope")).isInstanceOfSatisfying(NotFoundException.class, e -> {
            assertThat(e.context().kind()).isEqualTo(ResourceKind.VPC);
            assertThat(e.context().name()).isEqualTo("nope");
            assertThat(e.context().connection()).isEqualTo("mock/mars");
            assertThat(e.context().providerCode()).isEqualTo("NotFound");
        });
    }

    @Test
    void subnetsCanBeAddedAndRemoved() {
        network(conn);
        Vpc vpc = conn.vpcs().addSubnet("vpc-1", SubnetRequest.of("sn-2", "10.0.2.0/24"));
        assertThat(vpc.subnets()).extracting(s -> s.name()).containsExactly("sn-1", "sn-2");
        vpc = conn.vpcs().removeSubnet("vpc-1", "sn-2");
        assertThat(vpc.subnets()).extracting(s -> s.name()).containsExactly("sn-1");
        assertThatThrownBy(() -> conn.vpcs().removeSubnet("vpc-1", "sn-2"))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.context().kind()).isEqualTo(ResourceKind.SUBNET));
    }

    @Test
    void aSubnetOutsideTheVpcOrOverlappingAnotherIsRefused() {
        network(conn);
        assertThatThrownBy(() -> conn.vpcs().addSubnet("vpc-1", SubnetRequest.of("sn-2", "10.9.0.0/24")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("not inside");
        assertThatThrownBy(() -> conn.vpcs().addSubnet("vpc-1", SubnetRequest.of("sn-2", "10.0.1.128/25")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("overlaps");
    }

    @Test
    void subnetNamesAreUniqueInTheRegion() {
        network(conn);
        assertThatThrownBy(() -> conn.vpcs().create(VpcRequest.named("vpc-2").cidr("10.1.0.0/16").subnet("sn-1", "10.1.1.0/24")))
                .isInstanceOfSatisfying(AlreadyExistsException.class, e -> assertThat(e.context().kind()).isEqualTo(ResourceKind.SUBNET));
        assertThat(conn.vpcs().find("vpc-2")).isEmpty();
    }

    @Test
    void aSubnetInAZoneOfAnotherRegionIsNotFound() {
        network(conn);
        assertThatThrownBy(() -> conn.vpcs().addSubnet("vpc-1", SubnetRequest.of("sn-2", "10.0.2.0/24").zone("venus-z1")))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.context().kind()).isEqualTo(ResourceKind.ZONE));
    }

    @Test
    void deletingAVpcWithVmsOrSecurityGroupsIsRefusedNamingThem() {
        network(conn);
        conn.vms().create(vm("vm-1"));
        assertThatThrownBy(() -> conn.vpcs().delete("vpc-1")).isInstanceOfSatisfying(ConflictException.class, e -> {
            assertThat(e.getMessage()).contains("vm-1", "sg-1");
            assertThat(e.context().providerCode()).isEqualTo("DependencyViolation");
        });
        conn.vms().delete("vm-1");
        assertThatThrownBy(() -> conn.vpcs().delete("vpc-1")).as("a terminating VM still blocks")
                .isInstanceOf(ConflictException.class);
        awaitVmGone(conn, "vm-1");
        assertThatThrownBy(() -> conn.vpcs().delete("vpc-1")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("sg-1").hasMessageNotContaining("vm-1");
        conn.securityGroups().delete("sg-1");
        conn.vpcs().delete("vpc-1");
        assertThat(conn.vpcs().list()).isEmpty();
    }

    @Test
    void removingASubnetWithVmsIsRefused() {
        network(conn);
        conn.vms().create(vm("vm-1"));
        assertThatThrownBy(() -> conn.vpcs().removeSubnet("vpc-1", "sn-1")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("vm-1");
    }

    @Test
    void securityGroupRoundTripKeepsEachRuleOnce() {
        network(conn);
        SecurityRule ssh = SecurityRule.inbound(Protocol.TCP, 22);
        SecurityRule web = SecurityRule.inbound(Protocol.TCP, PortRange.of(8000, 8080), "10.0.0.0/8");
        SecurityGroup sg = conn.securityGroups().addRules("sg-1", List.of(ssh, web, web));
        assertThat(sg.id()).startsWith("sg-");
        assertThat(sg.vpc()).isEqualTo("vpc-1");
        assertThat(sg.rules()).containsExactly(ssh, web);
        sg = conn.securityGroups().removeRules("sg-1", List.of(ssh));
        assertThat(sg.rules()).containsExactly(web);
        assertThat(conn.securityGroups().find("sg-1").orElseThrow().rules()).containsExactly(web);
    }

    @Test
    void removingARuleTheGroupLacksIsNotFoundAndChangesNothing() {
        network(conn);
        SecurityRule ssh = SecurityRule.inbound(Protocol.TCP, 22);
        SecurityRule icmp = new SecurityRule(io.multicloud.api.Direction.INBOUND, Protocol.ICMP, null, null);
        assertThatThrownBy(() -> conn.securityGroups().removeRules("sg-1", List.of(ssh, icmp)))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.context().kind()).isEqualTo(ResourceKind.SECURITY_GROUP);
                    assertThat(e.getMessage()).contains("ICMP");
                });
        assertThat(conn.securityGroups().find("sg-1").orElseThrow().rules()).containsExactly(ssh);
    }

    @Test
    void aSecurityGroupInAMissingVpcIsNotFound() {
        assertThatThrownBy(() -> conn.securityGroups().create(SecurityGroupRequest.named("sg-1").vpc("vpc-9")))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.context().kind()).isEqualTo(ResourceKind.VPC));
    }

    @Test
    void deletingASecurityGroupUsedByAVmIsRefused() {
        network(conn);
        conn.vms().create(vm("vm-1"));
        assertThatThrownBy(() -> conn.securityGroups().delete("sg-1")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("vm-1");
        awaitVm(conn, "vm-1", VmStatus.RUNNING);
        conn.vms().delete("vm-1");
        awaitVmGone(conn, "vm-1");
        conn.securityGroups().delete("sg-1");
        assertThat(conn.securityGroups().list()).isEmpty();
    }
}
