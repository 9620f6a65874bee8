package io.multicloud.driver.tencent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.api.Cloud;
import io.multicloud.api.ConflictException;
import io.multicloud.api.KeyPair;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.SecurityGroup;
import io.multicloud.api.SecurityGroupRequest;
import io.multicloud.api.Protocol;
import io.multicloud.api.Vm;
import io.multicloud.api.VmRequest;
import io.multicloud.api.VmStatus;
import io.multicloud.api.Vpc;
import io.multicloud.api.VpcRequest;
import io.multicloud.core.MultiCloud;
import io.multicloud.driver.tencent.fake.TencentFake;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What is specific to Tencent's VMs: client tokens, LAUNCH_FAILED, paging and the calls a list costs, tags. */
class TencentVmsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private TencentFake fake;
    private MultiCloud mc;
    private Cloud cloud;
    private Vpc vpc;
    private SecurityGroup sg;
    private KeyPair key;

    @BeforeEach
    void start() {
        fake = TencentFake.start();
        mc = MultiCloud.builder().environment(Map.of()).build();
        cloud = mc.connect(fake.config("ap-guangzhou"));
        vpc = cloud.vpcs().create(VpcRequest.named("vpc-1").cidr("10.0.0.0/16").subnet("sn-1", "10.0.1.0/24"));
        sg = cloud.securityGroups().create(SecurityGroupRequest.named("sg-1").vpc(vpc).allowInbound(Protocol.TCP, 22));
        key = cloud.keyPairs().create("key-1");
    }

    @AfterEach
    void stop() {
        mc.close();
        fake.close();
    }

    private VmRequest request(String name) {
        return VmRequest.named(name).image("ubuntu-22.04").spec("S5.MEDIUM4").subnet(vpc, "sn-1").securityGroups(sg).keyPair(key);
    }

    @Test
    void aCreateWhoseAnswerIsLostMakesOneInstanceWithTheRequestsClientToken() {
        String token = UUID.randomUUID().toString();
        fake.loseAnswer("RunInstances", 1);
        Vm vm = cloud.vms().create(request("vm-1").clientToken(token));
        assertThat(fake.count("RunInstances")).isEqualTo(2);
        assertThat((int) fake.locked(s -> s.instances.size())).isEqualTo(1);
        assertThat(cloud.vms().list()).extracting(Vm::id).containsExactly(vm.id());
        assertThat(fake.server().log().count(e -> "lost".equals(e.fault()))).isEqualTo(1);
        // The same token again (the MCI engine retrying its intent) makes nothing new either.
        fake.locked(s -> s.instances.values()).getFirst().put("InstanceName", "renamed");
        cloud.vms().create(request("vm-1").clientToken(token));
        assertThat((int) fake.locked(s -> s.instances.size())).isEqualTo(1);
    }

    @Test
    void aCreateWithoutATokenStillCarriesOneSoItsRetryMakesNoSecondInstance() {
        fake.loseAnswer("RunInstances", 1);
        cloud.vms().create(request("vm-1"));
        assertThat((int) fake.locked(s -> s.instances.size())).isEqualTo(1);
    }

    @Test
    void aLaunchFailureIsFailedWithTheCloudsReason() {
        fake.failLaunch("vm-bad", "ResourceInsufficient.ZoneSoldOutForSpecifiedInstance: no host left in ap-guangzhou-3");
        cloud.vms().create(request("vm-bad"));
        assertThatThrownBy(() -> cloud.vms().waitUntil("vm-bad", VmStatus.RUNNING, WAIT))
                .isInstanceOf(ConflictException.class).hasMessageContaining("no host left");
        Vm failed = cloud.vms().get("vm-bad");
        assertThat(failed.status()).isEqualTo(VmStatus.FAILED);
        assertThat(failed.statusReason()).contains("ZoneSoldOutForSpecifiedInstance");
        assertThat(cloud.anyCall("DescribeInstancesStatus", Map.of("vm", "vm-bad"))).containsEntry("vm-bad", "LAUNCH_FAILED");
        cloud.vms().delete("vm-bad");
        assertThat(cloud.vms().find("vm-bad")).isEmpty();
    }

    @Test
    void aVmShowsWhatItWasMadeWithAndItsLoginUser() {
        Vm vm = cloud.vms().waitUntil(cloud.vms().create(request("vm-1").rootDisk("CLOUD_PREMIUM", 60)).name(), VmStatus.RUNNING, WAIT);
        assertThat(vm.image()).isEqualTo("ubuntu-22.04");
        assertThat(vm.securityGroups()).containsExactly("sg-1");
        assertThat(vm.keyPair()).isEqualTo("key-1");
        assertThat(vm.rootDiskGB()).isEqualTo(60);
        assertThat(vm.rootDiskType()).isEqualTo("CLOUD_PREMIUM");
        assertThat(vm.zone()).isEqualTo("ap-guangzhou-3");
        assertThat(vm.publicIp()).isNotBlank();
        assertThat(vm.loginUser()).isEqualTo("multicloud");
        assertThat(vm.createdAt()).isNotNull();
        assertThat(cloud.vms().get(vm.id()).name()).isEqualTo("vm-1");
        cloud.vms().suspend("vm-1");
        cloud.vms().waitUntil("vm-1", VmStatus.SUSPENDED, WAIT);
        assertThat((String) fake.locked(s -> s.instances.values().getFirst().path("StopChargingMode").asText())).isEqualTo("STOP_CHARGING");
    }

    @Test
    void suspendFallsBackToKeepChargingWhereStopChargingIsRefused() {
        cloud.vms().waitUntil(cloud.vms().create(request("vm-1")).name(), VmStatus.RUNNING, WAIT);
        fake.refuse("StopInstances", 1, "UnsupportedOperation.StoppedModeStopCharging", "not for this instance");
        assertThat(cloud.vms().suspend("vm-1")).isEqualTo(VmStatus.SUSPENDING);
        assertThat(fake.count("StopInstances")).isEqualTo(2);
        assertThat(cloud.vms().waitUntil("vm-1", VmStatus.SUSPENDED, WAIT).status()).isEqualTo(VmStatus.SUSPENDED);
    }

    /** Puts VMs in the fake through its own RunInstances, without HTTP (quick). */
    private void seed(int count, String prefix, Map<String, String> tags) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putObject("Placement").put("Zone", "ap-guangzhou-3");
        body.put("InstanceType", "S5.SMALL2");
        body.put("ImageId", "img-ubu22x86");
        body.putObject("VirtualPrivateCloud").put("VpcId", vpc.id()).put("SubnetId", vpc.subnets().getFirst().id());
        body.putArray("SecurityGroupIds").add(sg.id());
        body.putObject("LoginSettings").putArray("KeyIds").add(key.id());
        var spec = body.putArray("TagSpecification").addObject().put("ResourceType", "instance");
        var tagArray = spec.putArray("Tags");
        tags.forEach((k, v) -> tagArray.addObject().put("Key", k).put("Value", v));
        for (int i = 0; i < count; i++) {
            body.put("InstanceName", prefix + i);
            fake.invoke("cvm", "RunInstances", "ap-guangzhou", body);
        }
    }

    @Test
    void listingAThousandVmsCostsOneCallPerPagePlusFourLookUps() {
        seed(1000, "vm-", Map.of());
        fake.clearLog();
        List<Vm> vms = cloud.vms().list();
        assertThat(vms).hasSize(1000);
        assertThat(vms).extracting(Vm::subnet).containsOnly("sn-1");
        assertThat(vms).extracting(Vm::keyPair).containsOnly("key-1");
        int pages = (1000 + fake.pageSize() - 1) / fake.pageSize();
        assertThat(fake.count("DescribeInstances")).isEqualTo(pages);
        assertThat(fake.actions()).hasSize(pages + 4);
        assertThat(fake.server().log().size()).isEqualTo(pages + 4);
        System.out.printf("vms().list() of 1000 VMs: %d calls (%d DescribeInstances pages of %d + 4 look-ups)%n",
                fake.actions().size(), pages, fake.pageSize());
    }

    @Test
    void findByNameIsOneFilteredCallPlusTheLookUpsOfItsNames() {
        seed(10, "vm-", Map.of());
        fake.clearLog();
        assertThat(cloud.vms().find("vm-7")).hasValueSatisfying(v -> assertThat(v.vpc()).isEqualTo("vpc-1"));
        assertThat(fake.count("DescribeInstances")).isEqualTo(1);
        assertThat(fake.actions()).hasSize(5);
    }

    @Test
    void listTaggedAsksTheCloudToFilterByTag() {
        seed(7, "mine-", Map.of("multicloud:mci", "web"));
        seed(20, "other-", Map.of("multicloud:mci", "db"));
        fake.clearLog();
        assertThat(cloud.vms().listTagged("multicloud:mci", "web")).hasSize(7);
        assertThat(fake.count("DescribeInstances")).isEqualTo((7 + fake.pageSize() - 1) / fake.pageSize());
        assertThat(cloud.vms().listTagged("multicloud:mci", null)).hasSize(27);
    }

    @Test
    void tagsOutsideTencentsRulesRoundTripExactly() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("multicloud:mci", "web");
        tags.put("multicloud:owner", "alice@example.com host-1");
        tags.put("k".repeat(128), "v".repeat(256));
        tags.put("qcloud:reserved", "prefix Tencent keeps for itself");
        tags.put("multicloud:settings", "{\"spec\":\"S5.MEDIUM4\",\"image\":\"ubuntu-22.04\"} ✓ 中文 \n 'quoted' " + "x".repeat(150));
        tags.put("empty", "");
        tags.put("multicloud:managed", "true");
        VmRequest request = request("vm-1");
        for (var e : tags.entrySet()) {
            request = request.tag(e.getKey(), e.getValue());
        }
        cloud.vms().create(request);
        assertThat(cloud.vms().get("vm-1").tags()).isEqualTo(tags);
        assertThat(cloud.tags().list(ResourceKind.VM, "vm-1")).isEqualTo(tags);
        String longValue = tags.get("multicloud:settings");
        assertThat(cloud.vms().listTagged("multicloud:settings", longValue)).extracting(Vm::name).containsExactly("vm-1");
        assertThat(cloud.tags().find("k".repeat(128), "v".repeat(256))).extracting(t -> t.name()).containsExactly("vm-1");
        assertThat(cloud.tags().find("multicloud:owner", "alice@example.com host-1")).hasSize(1);
        cloud.tags().add(ResourceKind.VM, "vm-1", Map.of("multicloud:settings", "short now"));
        cloud.tags().remove(ResourceKind.VM, "vm-1", "k".repeat(128));
        Map<String, String> expected = new LinkedHashMap<>(tags);
        expected.put("multicloud:settings", "short now");
        expected.remove("k".repeat(128));
        assertThat(cloud.vms().get("vm-1").tags()).isEqualTo(expected);
        // What Tencent holds obeys its rules: keys up to 127, values up to 255, no reserved prefix.
        fake.locked(s -> s.instances.values().getFirst().path("Tags")).forEach(t -> {
            assertThat(t.path("Key").asText().length()).isLessThanOrEqualTo(127);
            assertThat(t.path("Value").asText().length()).isLessThanOrEqualTo(255);
            assertThat(t.path("Key").asText()).doesNotStartWith("qcloud");
        });
    }

    @Test
    void disksAreTaggedAndFoundByTag() {
        cloud.disks().create(io.multicloud.api.DiskRequest.named("data-1").sizeGB(20).tag("team", "a b"));
        cloud.tags().add(ResourceKind.DISK, "data-1", Map.of("multicloud:mci", "web"));
        assertThat(cloud.tags().list(ResourceKind.DISK, "data-1")).containsEntry("team", "a b").containsEntry("multicloud:mci", "web");
        assertThat(cloud.tags().find("multicloud:mci", "web")).extracting(t -> t.kind() + "/" + t.name()).containsExactly("DISK/data-1");
    }

    @Test
    void loadBalancersAndClustersAreTaggedThroughTagsAndFoundByTag() {
        cloud.vms().create(request("vm-1"));
        cloud.vms().waitUntil("vm-1", v -> v.status() == io.multicloud.api.VmStatus.RUNNING, WAIT);
        cloud.nlbs().create(io.multicloud.api.NlbRequest.named("lb-web").vpc("vpc-1").listener(Protocol.TCP, 80)
                .vmGroup(Protocol.TCP, 8080, "vm-1").tag("team", "a"));
        cloud.clusters().create(io.multicloud.api.ClusterRequest.named("k8s-1").vpc("vpc-1").subnets("sn-1").tag("team", "b"));

        String longKey = "k".repeat(128); // beyond Tencent's 127: travels encoded
        cloud.tags().add(ResourceKind.NLB, "lb-web", Map.of("multicloud:mci", "web", longKey, "x"));
        cloud.tags().add(ResourceKind.CLUSTER, "k8s-1", Map.of("multicloud:mci", "web"));
        assertThat(cloud.tags().list(ResourceKind.NLB, "lb-web")).containsEntry("team", "a").containsEntry("multicloud:mci", "web")
                .containsEntry(longKey, "x");
        assertThat(cloud.nlbs().get("lb-web").tags()).containsEntry("multicloud:mci", "web").containsEntry(longKey, "x");
        assertThat(cloud.clusters().get("k8s-1").tags()).containsEntry("team", "b").containsEntry("multicloud:mci", "web");
        assertThat(cloud.tags().find("multicloud:mci", "web")).extracting(t -> t.kind() + "/" + t.name())
                .containsExactlyInAnyOrder("NLB/lb-web", "CLUSTER/k8s-1");
        assertThat(cloud.tags().find("team", "b")).extracting(t -> t.kind() + "/" + t.name()).containsExactly("CLUSTER/k8s-1");
        assertThat(cloud.tags().find(longKey, null)).extracting(t -> t.kind() + "/" + t.name()).containsExactly("NLB/lb-web");

        cloud.tags().remove(ResourceKind.NLB, "lb-web", longKey);
        cloud.tags().remove(ResourceKind.CLUSTER, "k8s-1", "team");
        assertThat(cloud.tags().list(ResourceKind.NLB, "lb-web")).doesNotContainKey(longKey).containsEntry("team", "a")
                .containsEntry("multicloud:mci", "web");
        assertThat(cloud.tags().list(ResourceKind.CLUSTER, "k8s-1")).doesNotContainKey("team").containsEntry("multicloud:mci", "web");
        // CLB keeps {TagKey, TagValue} within Tencent's rules.
        fake.locked(s -> s.lbs.values().getFirst().path("Tags")).forEach(t ->
                assertThat(t.path("TagKey").asText().length()).isLessThanOrEqualTo(127));
    }

    @Test
    void aClusterDeletedBetweenItsListingAndItsPoolsIsGoneNotAnError() {
        cloud.clusters().create(io.multicloud.api.ClusterRequest.named("k8s-1").vpc("vpc-1").subnets("sn-1"));
        // What TKE answers when the delete finishes between DescribeClusters and DescribeClusterNodePools.
        fake.refuse("DescribeClusterNodePools", 2, "ResourceNotFound.ClusterNotFound", "no cluster");
        assertThat(cloud.clusters().find("k8s-1")).isEmpty();
        assertThat(cloud.clusters().list()).isEmpty();
        assertThat(cloud.clusters().find("k8s-1")).isPresent();
    }
}
