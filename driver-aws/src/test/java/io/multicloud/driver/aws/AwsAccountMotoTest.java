package io.multicloud.driver.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.multicloud.api.Cloud;
import io.multicloud.api.Disk;
import io.multicloud.api.KeyPair;
import io.multicloud.api.SecurityGroup;
import io.multicloud.api.Vm;
import io.multicloud.api.VmRequest;
import io.multicloud.api.Vpc;
import io.multicloud.api.VpcRequest;
import io.multicloud.core.MultiCloud;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * What a real account holds before the library touches it, made here through the EC2 SDK behind
 * the library's back (moto): every instance, volume, VPC, group and key is listed, named by its
 * {@code Name} tag or else its id, and found by either; the default VPC and each VPC's default
 * group are usable by name. Pages are 2 items ({@link MotoServer#config()}), so listings follow NextToken
 * (moto pages DescribeInstances; the other listings' paging is shown in {@link AwsRealAnswersTest}).
 */
@RequiresMoto
class AwsAccountMotoTest {
    private MultiCloud multiCloud;
    private Cloud cloud;
    private Ec2Client ec2;

    @BeforeEach
    void connect() {
        MotoServer.get().reset();
        multiCloud = MultiCloud.builder().environment(Map.of()).build();
        cloud = multiCloud.connect(MotoServer.get().config());
        ec2 = cloud.unwrap(Ec2Client.class);
    }

    @AfterEach
    void close() {
        cloud.close();
        multiCloud.close();
    }

    private String defaultSubnetId() {
        return ec2.describeSubnets(r -> r.filters(f -> f.name("default-for-az").values("true"))).subnets().stream()
                .min(java.util.Comparator.comparing(s -> s.availabilityZone())).orElseThrow().subnetId();
    }

    private String runOutside(String nameTag) {
        String ami = cloud.images().get("amazon-linux-2023").id();
        String subnet = defaultSubnetId();
        return ec2.runInstances(r -> {
            r.imageId(ami).instanceType("t3.micro").minCount(1).maxCount(1).subnetId(subnet);
            if (nameTag != null) {
                r.tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE)
                        .tags(Tag.builder().key("Name").value(nameTag).build()).build());
            }
        }).instances().getFirst().instanceId();
    }

    @Test
    void instancesMadeOutsideTheLibraryAreListedOverEveryPageAndNamedByTheirNameTagOrId() {
        List<String> untagged = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            untagged.add(runOutside(null));
        }
        String spaced = runOutside("Web Server");
        String named = runOutside("web-1");

        List<Vm> vms = cloud.vms().list();

        assertThat(vms).hasSize(7);
        assertThat(vms).extracting(Vm::name).containsAll(untagged).contains(spaced, "web-1");
        assertThat(vms).allSatisfy(vm -> assertThat(vm.managed()).isFalse());
        Vm byId = cloud.vms().get(spaced);
        assertThat(byId.name()).isEqualTo(spaced);
        assertThat(byId.tags()).containsEntry("Name", "Web Server");
        assertThat(byId.vpc()).isEqualTo("default");
        assertThat(byId.securityGroups()).containsExactly("default");
        assertThat(cloud.vms().get("web-1").id()).isEqualTo(named);
        assertThat(cloud.vms().get(named).name()).isEqualTo("web-1");
        assertThat(cloud.vms().get("web-1").tags()).doesNotContainKey("Name");
    }

    @Test
    void theDefaultVpcAndEachVpcsDefaultGroupAreUsableByName() {
        Vpc vpc = cloud.vpcs().get("default");
        assertThat(vpc.id()).startsWith("vpc-");
        assertThat(vpc.subnets()).isNotEmpty().allSatisfy(s -> assertThat(s.name()).isEqualTo(s.id()));
        assertThat(cloud.vpcs().list()).extracting(Vpc::name).contains("default");
        SecurityGroup group = cloud.securityGroups().get("default");
        assertThat(group.vpc()).isEqualTo("default");
        assertThat(group.managed()).isFalse();

        // A VPC of the library has a default group of its own: listed, and the one its VMs get.
        Vpc own = cloud.vpcs().create(VpcRequest.named("vpc-own").cidr("10.70.0.0/16").subnet("sn-1", "10.70.1.0/24"));
        String ownDefault = ec2.describeSecurityGroups(r -> r.filters(f -> f.name("vpc-id").values(own.id()),
                f -> f.name("group-name").values("default"))).securityGroups().getFirst().groupId();
        assertThat(cloud.securityGroups().list()).filteredOn(g -> g.name().equals("default")).extracting(SecurityGroup::id)
                .contains(group.id(), ownDefault);
        assertThat(cloud.securityGroups().get("default").id()).as("the default VPC's, by name").isEqualTo(group.id());
        assertThat(cloud.securityGroups().get(ownDefault).vpc()).isEqualTo("vpc-own");

        String subnet = defaultSubnetId();
        Vm vm = cloud.vms().create(VmRequest.named("vm-default").image("amazon-linux-2023").spec("t3.micro")
                .subnet("default", "default").securityGroups("default"));
        Vm inOwn = cloud.vms().create(VmRequest.named("vm-own").image("amazon-linux-2023").spec("t3.micro")
                .subnet("vpc-own", "sn-1").securityGroups("default"));

        assertThat(vm.vpc()).isEqualTo("default");
        assertThat(vm.subnet()).isEqualTo(subnet);
        assertThat(vm.securityGroups()).containsExactly("default");
        assertThat(ec2.describeInstances(r -> r.instanceIds(inOwn.id())).reservations().getFirst().instances().getFirst()
                .securityGroups()).extracting(g -> g.groupId()).containsExactly(ownDefault);
        cloud.vms().delete("vm-default");
        cloud.vms().delete(inOwn.id());
        cloud.vpcs().delete("vpc-own");
        assertThat(cloud.vpcs().list()).extracting(Vpc::name).containsExactly("default");
    }

    @Test
    void volumesGroupsAndKeysMadeOutsideTheLibraryAreListedAndFoundByName() {
        String zone = cloud.vpcs().get("default").subnets().getFirst().zone();
        String volume = ec2.createVolume(r -> r.availabilityZone(zone).size(3)).volumeId();
        String vpcId = cloud.vpcs().get("default").id();
        String web = ec2.createSecurityGroup(r -> r.groupName("web-outside").description("web").vpcId(vpcId)).groupId();
        String spaced = ec2.createSecurityGroup(r -> r.groupName("Web Outside").description("web").vpcId(vpcId)).groupId();
        String key = ec2.importKeyPair(r -> r.keyName("My Key").publicKeyMaterial(SdkBytes.fromString(
                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIO2l7hZQ0Cjm8Zc0JQbmYgJTXm7uWmXm0r8Z1l0vWQk3 outside",
                StandardCharsets.UTF_8))).keyPairId();

        assertThat(cloud.disks().list()).extracting(Disk::name).contains(volume);
        assertThat(cloud.disks().get(volume).sizeGB()).isEqualTo(3);
        assertThat(cloud.securityGroups().list()).extracting(SecurityGroup::name).contains("web-outside", spaced);
        assertThat(cloud.securityGroups().get("web-outside").id()).isEqualTo(web);
        assertThat(cloud.securityGroups().get(spaced).name()).isEqualTo(spaced);
        assertThat(cloud.keyPairs().list()).extracting(KeyPair::name).contains("My Key");
        if (key != null) {
            assertThat(cloud.keyPairs().get(key).name()).isEqualTo("My Key");
        }
    }

    @Test
    void vmsCarryingATagAreListedThroughEc2sTagFilters() {
        String plain = runOutside("plain-1");
        String tagged = runOutside("tagged-1");
        ec2.createTags(r -> r.resources(tagged).tags(Tag.builder().key("team").value("blue").build()));

        assertThat(cloud.vms().list()).extracting(Vm::id).contains(plain, tagged);
        assertThat(cloud.vms().listTagged("team", "blue")).extracting(Vm::id).containsExactly(tagged);
        assertThat(cloud.vms().listTagged("team", null)).extracting(Vm::id).containsExactly(tagged);
        assertThat(cloud.vms().listTagged("team", "red")).isEmpty();
    }
}
