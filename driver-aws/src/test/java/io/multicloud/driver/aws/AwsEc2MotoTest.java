package io.multicloud.driver.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.AcceleratorType;
import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.Architecture;
import io.multicloud.api.Cloud;
import io.multicloud.api.Image;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.KeyPairRequest;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.Platform;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Spec;
import io.multicloud.api.Vm;
import io.multicloud.api.VmRequest;
import io.multicloud.api.VmStatus;
import io.multicloud.api.Vpc;
import io.multicloud.api.VpcRequest;
import io.multicloud.core.MultiCloud;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceAttributeName;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** What is AWS's own in the EC2 services, against moto: Name-tag look-ups, image aliases, GPUs, any-call. */
@RequiresMoto
class AwsEc2MotoTest {
    private MultiCloud multiCloud;
    private Cloud cloud;
    private Ec2Client ec2;

    @BeforeEach
    void connect() {
        var config = MotoServer.get().config();
        multiCloud = MultiCloud.builder().environment(Map.of()).build();
        cloud = multiCloud.connect(config);
        ec2 = cloud.unwrap(Ec2Client.class);
    }

    @AfterEach
    void close() {
        cloud.close();
        multiCloud.close();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void unwrapGivesTheSdkClientOfTheConnection() {
        assertThat(ec2).isNotNull();
        assertThat(ec2.describeRegions().regions()).isNotEmpty();
    }

    @Test
    void aVpcMadeOutsideTheLibraryIsListedAndFoundByItsNameTagOrItsId() {
        String untagged = ec2.createVpc(r -> r.cidrBlock("10.61.0.0/16")).vpc().vpcId();
        String name = unique("outside");
        String tagged = ec2.createVpc(r -> r.cidrBlock("10.62.0.0/16").tagSpecifications(TagSpecification.builder()
                .resourceType(ResourceType.VPC).tags(Tag.builder().key("Name").value(name).build()).build())).vpc().vpcId();
        try {
            assertThat(cloud.vpcs().get(untagged).name()).isEqualTo(untagged);
            assertThat(cloud.vpcs().list()).extracting(Vpc::id).contains(untagged, tagged);
            assertThat(cloud.vpcs().get(name).id()).isEqualTo(tagged);
            assertThat(cloud.vpcs().get(tagged).name()).isEqualTo(name);
            assertThat(cloud.vpcs().get(name).managed()).isFalse();
            // The tag holds the name, so a second VPC under it is refused.
            assertThatThrownBy(() -> cloud.vpcs().create(VpcRequest.named(name).cidr("10.63.0.0/16").subnet("a", "10.63.1.0/24")))
                    .isInstanceOf(AlreadyExistsException.class);
        } finally {
            ec2.deleteVpc(r -> r.vpcId(untagged));
            ec2.deleteVpc(r -> r.vpcId(tagged));
        }
    }

    @Test
    void anImageAliasResolvesToTheNewestMatchingAmi() {
        var newest = ec2.describeImages(r -> r.owners("amazon").filters(f -> f.name("name").values("al2023-ami-2023*-x86_64"),
                f -> f.name("architecture").values("x86_64"))).images().stream()
                .max(Comparator.comparing(software.amazon.awssdk.services.ec2.model.Image::creationDate)).orElseThrow();
        Image image = cloud.images().get("amazon-linux-2023");
        assertThat(image.id()).isEqualTo(newest.imageId());
        assertThat(image.os()).isEqualTo("Amazon Linux");
        assertThat(image.osVersion()).isEqualTo("2023");
        assertThat(image.loginUser()).isEqualTo("ec2-user");
        assertThat(image.platform()).isEqualTo(Platform.LINUX);
        assertThat(image.architecture()).isEqualTo(Architecture.X86_64);
        assertThat(cloud.images().list()).extracting(Image::name).contains("amazon-linux-2023");

        assertThat(cloud.images().get(newest.imageId()).id()).isEqualTo(newest.imageId());
        assertThat(cloud.images().get(newest.name()).id()).isEqualTo(newest.imageId());
    }

    @Test
    void anAliasThatMatchesNothingIsNotFoundNamingTheImage() {
        // moto ships no Ubuntu 22.04 AMI: the alias exists but resolves to nothing here.
        assertThat(cloud.images().find("ubuntu-22.04")).isEmpty();
        Vpc vpc = cloud.vpcs().create(VpcRequest.named(unique("vpc")).cidr("10.64.0.0/16").subnet("a", "10.64.1.0/24"));
        try {
            assertThatThrownBy(() -> cloud.vms().create(VmRequest.named(unique("vm")).image("ubuntu-22.04").spec("t3.micro")
                    .subnet(vpc, "a")))
                    .isInstanceOfSatisfying(NotFoundException.class, e -> {
                        assertThat(e.context().kind()).isEqualTo(ResourceKind.IMAGE);
                        assertThat(e.context().name()).isEqualTo("ubuntu-22.04");
                    });
        } finally {
            cloud.vpcs().delete(vpc.name());
        }
    }

    @Test
    void gpuSpecsCarryManufacturerModelCountAndMemory() {
        Spec g4 = cloud.specs().get("g4dn.xlarge");
        assertThat(g4.accelerators()).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(AcceleratorType.GPU);
            assertThat(a.model()).isEqualTo("NVIDIA T4");
            assertThat(a.count()).isEqualTo(1);
            assertThat(a.memoryGiB()).isEqualTo(16.0);
        });
        assertThat(g4.diskGB()).isEqualTo(125);
        Spec p4 = cloud.specs().get("p4d.24xlarge");
        assertThat(p4.accelerators()).singleElement().satisfies(a -> {
            assertThat(a.model()).isEqualTo("NVIDIA A100");
            assertThat(a.count()).isEqualTo(8);
            assertThat(a.memoryGiB()).isEqualTo(40.0);
        });
        assertThat(p4.acceleratorCount()).isEqualTo(8);
        Spec micro = cloud.specs().get("t3.micro");
        assertThat(micro.hasAccelerator()).isFalse();
        assertThat(micro.memoryGiB()).isEqualTo(1.0);
        assertThat(cloud.specs().get("m6g.medium").architecture()).isEqualTo(Architecture.ARM64);
        assertThat(cloud.specs().list()).extracting(Spec::name).contains("g4dn.xlarge", "t3.micro");
    }

    @Test
    void aVmShowsItsImageNameLoginUserRootDiskAndConsoleOutput() {
        Vpc vpc = cloud.vpcs().create(VpcRequest.named(unique("vpc")).cidr("10.65.0.0/16").subnet("a", "10.65.1.0/24"));
        String name = unique("vm");
        try {
            cloud.vms().create(VmRequest.named(name).image("amazon-linux-2023").spec("t3.micro").subnet(vpc, "a")
                    .rootDisk("gp3", 30).userData("#!/bin/sh\necho hi\n").tag("team", "a"));
            Vm vm = cloud.vms().waitUntil(name, VmStatus.RUNNING, Duration.ofMinutes(1));
            assertThat(vm.image()).isEqualTo("amazon-linux-2023");
            assertThat(vm.loginUser()).isEqualTo("ec2-user");
            assertThat(vm.ssh().port()).isEqualTo(22);
            assertThat(vm.rootDiskGB()).isEqualTo(30);
            assertThat(vm.tags()).containsOnly(Map.entry("team", "a"), Map.entry(io.multicloud.api.Tagged.MANAGED, "true"));
            assertThat(vm.createdAt()).isNotNull();

            assertThat(cloud.anyCall("GetConsoleOutput", Map.of("vm", name))).containsKey("output");
        } finally {
            cloud.vms().delete(name);
            cloud.vpcs().delete(vpc.name());
        }
    }

    @Test
    void aVmAskedToStayPrivateGetsNoPublicIpButItsSubnetAndSecurityGroups() {
        Vpc vpc = cloud.vpcs().create(VpcRequest.named(unique("vpc")).cidr("10.66.0.0/16").subnet("a", "10.66.1.0/24"));
        String sg = unique("sg");
        cloud.securityGroups().create(io.multicloud.api.SecurityGroupRequest.named(sg).vpc(vpc.name())
                .allowInbound(io.multicloud.api.Protocol.TCP, 22));
        String name = unique("vm");
        try {
            cloud.vms().create(VmRequest.named(name).image("amazon-linux-2023").spec("t3.micro").subnet(vpc, "a")
                    .securityGroups(sg).publicIp(false));
            Vm vm = cloud.vms().waitUntil(name, VmStatus.RUNNING, Duration.ofMinutes(1));

            assertThat(vm.publicIp()).isNull();
            assertThat(vm.privateIp()).startsWith("10.66.1.");
            assertThat(vm.subnet()).isEqualTo("a");
            assertThat(vm.securityGroups()).containsExactly(sg);
            assertThat(vm.ssh().host()).isEqualTo(vm.privateIp());
        } finally {
            cloud.vms().delete(name);
            cloud.securityGroups().delete(sg);
            cloud.vpcs().delete(vpc.name());
        }
    }

    @Test
    void aVmWithAKeyPairGetsTheMulticloudUserWithTheKeyInItsUserData() {
        Vpc vpc = cloud.vpcs().create(VpcRequest.named(unique("vpc")).cidr("10.68.0.0/16").subnet("a", "10.68.1.0/24"));
        String key = unique("key");
        String name = unique("vm");
        try {
            String publicKey = cloud.keyPairs().create(KeyPairRequest.named(key)).publicKey();
            assertThat(cloud.keyPairs().get(key).publicKey()).isEqualTo(publicKey).startsWith("ssh-");
            cloud.vms().create(VmRequest.named(name).image("amazon-linux-2023").spec("t3.micro").subnet(vpc, "a")
                    .keyPair(key).userData("#!/bin/sh\necho hi\n"));
            Vm vm = cloud.vms().waitUntil(name, VmStatus.RUNNING, Duration.ofMinutes(1));
            assertThat(vm.ssh().user()).isEqualTo("multicloud");
            assertThat(vm.tags()).as("the library's mark only").containsOnlyKeys(io.multicloud.api.Tagged.MANAGED);

            String encoded = ec2.describeInstanceAttribute(r -> r.instanceId(vm.id()).attribute(InstanceAttributeName.USER_DATA))
                    .userData().value();
            String userData = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            assertThat(userData).contains("Content-Type: multipart/mixed").contains("- name: multicloud")
                    .contains("NOPASSWD:ALL").contains(publicKey.trim())
                    .contains("Content-Type: text/x-shellscript").contains("echo hi");
        } finally {
            cloud.vms().find(name).ifPresent(v -> cloud.vms().delete(name));
            cloud.keyPairs().find(key).ifPresent(k -> cloud.keyPairs().delete(key));
            cloud.vpcs().delete(vpc.name());
        }
    }

    @Test
    void deletingAMyImageDeletesItsSnapshotsAndADiskAttachesOnAFreeDevice() {
        Vpc vpc = cloud.vpcs().create(VpcRequest.named(unique("vpc")).cidr("10.67.0.0/16").subnet("a", "10.67.1.0/24"));
        String vm = unique("vm");
        String image = unique("img");
        String disk = unique("disk");
        try {
            cloud.vms().create(VmRequest.named(vm).image("amazon-linux-2023").spec("t3.micro").subnet(vpc, "a"));
            Vm running = cloud.vms().waitUntil(vm, VmStatus.RUNNING, Duration.ofMinutes(1));

            cloud.disks().create(io.multicloud.api.DiskRequest.named(disk).sizeGB(5).zone(running.zone()));
            String volumeId = cloud.disks().get(disk).id();
            cloud.disks().attach(disk, vm);
            assertThat(ec2.describeVolumes(r -> r.volumeIds(volumeId)).volumes().getFirst().attachments())
                    .singleElement().satisfies(a -> assertThat(a.device()).isEqualTo("/dev/sdf"));
            cloud.disks().detach(disk);
            cloud.disks().waitUntil(disk, d -> d.attachedTo() == null, Duration.ofMinutes(1));

            cloud.vms().snapshot(vm, image);
            var made = cloud.myImages().waitUntil(image, i -> i.status() == io.multicloud.api.MyImageStatus.AVAILABLE,
                    Duration.ofMinutes(1));
            assertThat(made.sourceVm()).isEqualTo(vm);
            var snapshots = ec2.describeImages(r -> r.imageIds(made.id())).images().getFirst().blockDeviceMappings().stream()
                    .filter(m -> m.ebs() != null && m.ebs().snapshotId() != null).map(m -> m.ebs().snapshotId()).toList();
            assertThat(snapshots).isNotEmpty();
            cloud.myImages().delete(image);
            assertThat(ec2.describeSnapshots(r -> r.filters(f -> f.name("snapshot-id").values(snapshots))).snapshots()).isEmpty();
        } finally {
            cloud.disks().find(disk).ifPresent(d -> cloud.disks().delete(disk));
            cloud.vms().delete(vm);
            cloud.vpcs().delete(vpc.name());
        }
    }

    @Test
    void theSpotPriceOfASpecComesThroughAnyCall() {
        Map<String, String> price = cloud.anyCall("DescribeSpotPriceHistory", Map.of("spec", "t3.micro", "zone", "us-east-2a"));
        assertThat(Double.parseDouble(price.get("price"))).isPositive();
        assertThat(price.get("zone")).isEqualTo("us-east-2a");
        assertThat(price).containsKey("timestamp");
        assertThat(cloud.capabilities().anyCallFunctions()).contains("GetConsoleOutput", "DescribeSpotPriceHistory");
    }

    @Test
    void anUnknownFunctionOrAMissingParameterIsAnInvalidRequest() {
        assertThatThrownBy(() -> cloud.anyCall("RunEverything", Map.of())).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> cloud.anyCall("DescribeSpotPriceHistory", Map.of())).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void theLibrarysOwnTagsAreRefusedAndAMissingLoadBalancerIsNotFound() {
        assertThatThrownBy(() -> cloud.tags().add(ResourceKind.NLB, "nlb-1", Map.of("a", "b")))
                .isInstanceOf(NotFoundException.class);
        String name = unique("vpc");
        cloud.vpcs().create(VpcRequest.named(name).cidr("10.66.0.0/16").subnet("a", "10.66.1.0/24"));
        try {
            assertThatThrownBy(() -> cloud.tags().add(ResourceKind.VPC, name, Map.of("Name", "other")))
                    .isInstanceOf(InvalidRequestException.class);
            assertThat(cloud.vpcs().get(name).tags()).doesNotContainKeys("Name").containsEntry(AwsTagNames.MANAGED, "true");
        } finally {
            cloud.vpcs().delete(name);
        }
    }
}
