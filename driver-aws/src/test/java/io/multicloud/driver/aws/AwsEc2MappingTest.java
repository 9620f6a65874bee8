package io.multicloud.driver.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.multicloud.api.Direction;
import io.multicloud.api.DiskStatus;
import io.multicloud.api.PortRange;
import io.multicloud.api.Protocol;
import io.multicloud.api.SecurityRule;
import io.multicloud.api.VmStatus;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.VolumeState;

/** The EC2 shapes mapped onto the common model, without a cloud. */
class AwsEc2MappingTest {

    @Test
    void instanceStatesMapOntoVmStatusAndPendingAfterResumeIsResuming() {
        assertThat(AwsVms.status(InstanceStateName.PENDING, false)).isEqualTo(VmStatus.CREATING);
        assertThat(AwsVms.status(InstanceStateName.PENDING, true)).isEqualTo(VmStatus.RESUMING);
        assertThat(AwsVms.status(InstanceStateName.RUNNING, true)).isEqualTo(VmStatus.RUNNING);
        assertThat(AwsVms.status(InstanceStateName.STOPPING, false)).isEqualTo(VmStatus.SUSPENDING);
        assertThat(AwsVms.status(InstanceStateName.STOPPED, false)).isEqualTo(VmStatus.SUSPENDED);
        assertThat(AwsVms.status(InstanceStateName.SHUTTING_DOWN, false)).isEqualTo(VmStatus.TERMINATING);
    }

    @Test
    void volumeStatesMapOntoDiskStatus() {
        assertThat(AwsDisks.status(VolumeState.CREATING)).isEqualTo(DiskStatus.CREATING);
        assertThat(AwsDisks.status(VolumeState.AVAILABLE)).isEqualTo(DiskStatus.AVAILABLE);
        assertThat(AwsDisks.status(VolumeState.IN_USE)).isEqualTo(DiskStatus.ATTACHED);
        assertThat(AwsDisks.status(VolumeState.DELETING)).isEqualTo(DiskStatus.DELETING);
        assertThat(AwsDisks.status(VolumeState.ERROR)).isEqualTo(DiskStatus.FAILED);
    }

    @Test
    void rulesBecomeIpPermissionsAndComeBackTheSame() {
        List<SecurityRule> rules = List.of(SecurityRule.inbound(Protocol.TCP, PortRange.of(8000, 8080), "10.0.0.0/8"),
                new SecurityRule(Direction.INBOUND, Protocol.ICMP, null, "10.0.0.0/8"),
                new SecurityRule(Direction.INBOUND, Protocol.ALL, null, "0.0.0.0/0"),
                SecurityRule.inbound(Protocol.UDP, PortRange.of(53), "0.0.0.0/0"));
        for (SecurityRule rule : rules) {
            IpPermission p = AwsSecurityGroups.permission(rule);
            assertThat(AwsSecurityGroups.rules(p, Direction.INBOUND)).containsExactly(rule);
        }
        assertThat(AwsSecurityGroups.permission(rules.get(2)).ipProtocol()).isEqualTo("-1");
        assertThat(AwsSecurityGroups.permission(rules.get(1)).fromPort()).isEqualTo(-1);
    }

    @Test
    void awsDefaultEgressIsAnOutboundAllRule() {
        IpPermission egress = IpPermission.builder().ipProtocol("-1").ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build();
        assertThat(AwsSecurityGroups.rules(egress, Direction.OUTBOUND))
                .containsExactly(new SecurityRule(Direction.OUTBOUND, Protocol.ALL, null, "0.0.0.0/0"));
    }

    @Test
    void osVersionAndLoginUserAreReadFromTheAmiName() {
        assertThat(AwsImages.os("ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20250101", false))
                .containsExactly("Ubuntu", "24.04");
        assertThat(AwsImages.os("debian-12-amd64-20250101-1990", false)).containsExactly("Debian", "12");
        assertThat(AwsImages.os("windows_server-2022-english-full-base-2025.01.01", true)).containsExactly("Windows", "2022");
        assertThat(AwsImages.loginUser("ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-1", false)).isEqualTo("ubuntu");
        assertThat(AwsImages.loginUser("debian-12-amd64-1", false)).isEqualTo("admin");
        assertThat(AwsImages.loginUser("al2023-ami-2023.6-x86_64", false)).isEqualTo("ec2-user");
        assertThat(AwsImages.loginUser("windows_server-2022", true)).isEqualTo("Administrator");
    }

    @Test
    void ec2sRawArchitecturesMapOntoTheModelAndI386IsNotX86_64() {
        assertThat(AwsImages.architecture("i386")).isEqualTo(io.multicloud.api.Architecture.I386);
        assertThat(AwsImages.architecture("x86_64")).isEqualTo(io.multicloud.api.Architecture.X86_64);
        assertThat(AwsImages.architecture("arm64")).isEqualTo(io.multicloud.api.Architecture.ARM64);
        assertThat(AwsImages.architecture("arm64_mac")).isEqualTo(io.multicloud.api.Architecture.ARM64);
    }

    @Test
    void onlyAValidNameTagNamesAResourceAndAnyOtherIsShownAmongItsTags() {
        var tags = java.util.List.of(Ec2Tags.tag("Name", "Web Server"), Ec2Tags.tag("team", "web"));
        assertThat(Ec2Tags.name(tags)).isEmpty();
        assertThat(Ec2Tags.user(tags)).containsEntry("Name", "Web Server").containsEntry("team", "web");
        var named = java.util.List.of(Ec2Tags.tag("Name", "web-1"), Ec2Tags.tag("multicloud:image", "x"));
        assertThat(Ec2Tags.name(named)).contains("web-1");
        assertThat(Ec2Tags.user(named)).isEmpty();
        assertThat(AwsNames.of("sg-1", null, "Web Group")).isEqualTo("sg-1");
        assertThat(AwsNames.of("sg-1", null, "default")).isEqualTo("default");
    }

    @Test
    void consoleOutputIsDecodedFromBase64() {
        assertThat(AwsAnyCall.decode("aGVsbG8K")).isEqualTo("hello\n");
        assertThat(AwsAnyCall.decode(null)).isEmpty();
    }
}
