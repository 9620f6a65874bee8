package io.multicloud.driver.alibaba;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.AuthenticationFailedException;
import io.multicloud.api.CloudException;
import io.multicloud.api.Cluster;
import io.multicloud.api.ClusterRequest;
import io.multicloud.api.ClusterStatus;
import io.multicloud.api.ConflictException;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.NodeGroupRequest;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.QuotaExceededException;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.TaggedResource;
import io.multicloud.api.TransientCloudException;
import io.multicloud.api.VpcRequest;
import io.multicloud.driver.alibaba.fake.AlibabaFake;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What is specific to ACK, against the fake's REST-style CS API: status mapping, versions, node
 * pools added once the cluster runs, tags by ACK's rules (and ACK's own tag kept out), paging,
 * ACK's error body and codes, and the VPC a cluster holds.
 */
class AlibabaClustersTest extends OnTheFake {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @BeforeEach
    void open() {
        cloud.vpcs().create(VpcRequest.named("net").cidr("172.16.0.0/12").subnet("sn-a", "172.16.1.0/24")
                .subnet("sn-b", "172.16.2.0/24"));
    }

    @Test
    void acksStatesMapOntoTheCommonOnes() {
        assertThat(AlibabaClusters.status("initial")).isEqualTo(ClusterStatus.CREATING);
        assertThat(AlibabaClusters.status("running")).isEqualTo(ClusterStatus.ACTIVE);
        assertThat(AlibabaClusters.status("scaling")).isEqualTo(ClusterStatus.UPDATING);
        assertThat(AlibabaClusters.status("upgrading")).isEqualTo(ClusterStatus.UPDATING);
        assertThat(AlibabaClusters.status("deleting")).isEqualTo(ClusterStatus.DELETING);
        assertThat(AlibabaClusters.status("updating_failed")).isEqualTo(ClusterStatus.FAILED);
        assertThat(AlibabaClusters.status("delete_failed")).isEqualTo(ClusterStatus.FAILED);
        assertThat(AlibabaClusters.poolStatus("active")).isEqualTo(ClusterStatus.ACTIVE);
        assertThat(AlibabaClusters.poolStatus("removing")).isEqualTo(ClusterStatus.UPDATING);
        assertThat(AlibabaClusters.poolStatus("deleting")).isEqualTo(ClusterStatus.DELETING);
        assertThat(AlibabaClusters.endpoint("{\"api_server_endpoint\":\"\",\"intranet_api_server_endpoint\":\"https://192.168.0.251:6443\"}"))
                .isEqualTo("https://192.168.0.251:6443");
    }

    @Test
    void aClusterComesUpWithItsNodePoolsOnBlocksBesideTheVpcsAndTheNewestReleaseOfItsVersion() {
        Cluster created = cloud.clusters().create(ClusterRequest.named("k1").version("1.30").vpc("net").subnets("sn-a", "sn-b")
                .nodeGroup(NodeGroupRequest.of("ng-1", "ecs.g7.large", 2).sizes(1, 3, 2)));
        // Node pools go to a running cluster only, so create waited for it.
        assertThat(created.status()).isEqualTo(ClusterStatus.ACTIVE);
        assertThat(created.version()).isEqualTo("1.30.7-aliyun.1");
        assertThat(created.nodeGroup("ng-1")).hasValueSatisfying(g -> {
            assertThat(g.minSize()).isEqualTo(1);
            assertThat(g.maxSize()).isEqualTo(3);
            assertThat(g.desiredSize()).isEqualTo(2);
            assertThat(g.spec()).isEqualTo("ecs.g7.large");
            assertThat(g.keyPair()).isNull();
        });
        assertThat(created.endpoint()).startsWith("https://");
        assertThat(created.securityGroups()).singleElement().asString().startsWith("sg-"); // the group ACK made

        assertThatThrownBy(() -> cloud.clusters().create(ClusterRequest.named("k2").version("1.29").vpc("net").subnets("sn-a")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("1.30.7-aliyun.1");
        assertThatThrownBy(() -> cloud.clusters().create(ClusterRequest.named("k1").vpc("net").subnets("sn-a")))
                .isInstanceOf(AlreadyExistsException.class);
        assertThatThrownBy(() -> cloud.clusters().addNodeGroup("k1", NodeGroupRequest.of("ng-1", "ecs.g7.large", 1)))
                .isInstanceOf(AlreadyExistsException.class);
    }

    @Test
    void aCreateWhoseAnswerIsLostAdoptsTheClusterItMadeByItsTokenTag() {
        fake.loseAckAnswer("CreateCluster", 1);
        Cluster k = cloud.clusters().create(ClusterRequest.named("k1").vpc("net").subnets("sn-a").tag("team", "a"));
        assertThat(fake.calls("CreateCluster")).isEqualTo(1);
        assertThat(cloud.clusters().list()).singleElement().satisfies(c -> assertThat(c.id()).isEqualTo(k.id()));
        assertThat(k.tags()).containsEntry("team", "a").doesNotContainKey("mc~token");
    }

    @Test
    void aNodePoolOnAClusterStillBeingMadeIsRefusedByAck() {
        Cluster k = cloud.clusters().create(ClusterRequest.named("k1").vpc("net").subnets("sn-a"));
        assertThat(k.status()).isEqualTo(ClusterStatus.CREATING);
        assertThatThrownBy(() -> cloud.clusters().addNodeGroup("k1", NodeGroupRequest.of("ng-1", "ecs.g7.large", 1)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("ErrorClusterState");
    }

    @Test
    void tagsKeepAcksRulesRoundTripExactlyAndLeaveAcksOwnTagOut() {
        Map<String, String> tags = Map.of("k".repeat(90), "long key", "empty", "", "owner", "aliyun-team", "multicloud:mci", "web");
        ClusterRequest request = ClusterRequest.named("k1").vpc("net").subnets("sn-a");
        for (var t : tags.entrySet()) {
            request = request.tag(t.getKey(), t.getValue());
        }
        Cluster k = cloud.clusters().create(request);
        assertThat(k.tags()).containsAllEntriesOf(tags).doesNotContainKey("ack.aliyun.com");
        assertThat(cloud.tags().list(ResourceKind.CLUSTER, "k1")).containsAllEntriesOf(tags).doesNotContainKey("ack.aliyun.com");
        assertThat(cloud.tags().find("owner", "aliyun-team")).extracting(TaggedResource::name).containsExactly("k1");

        cloud.clusters().waitUntil("k1", c -> c.status() == ClusterStatus.ACTIVE, WAIT);
        cloud.tags().add(ResourceKind.CLUSTER, "k1", Map.of("empty", "now set", "stage", ""));
        cloud.tags().remove(ResourceKind.CLUSTER, "k1", "owner");
        assertThat(cloud.clusters().get("k1").tags()).containsEntry("empty", "now set").containsEntry("stage", "")
                .containsEntry("multicloud:mci", "web").doesNotContainKey("owner");
    }

    @Test
    void listingFollowsThePagesWithOnePoolCallPerCluster() {
        for (int i = 1; i <= 5; i++) {
            cloud.clusters().create(ClusterRequest.named("k" + i).vpc("net").subnets("sn-a"));
        }
        fake.clearCalls();
        assertThat(cloud.clusters().list()).extracting(Cluster::name).containsExactly("k1", "k2", "k3", "k4", "k5");
        assertThat(fake.calls("DescribeClustersV1")).isEqualTo(2); // pages of 3
        assertThat(fake.calls("DescribeClusterNodePools")).isEqualTo(5);
        assertThat(cloud.clusters().find("k" + "9")).isEmpty();
    }

    @Test
    void acksErrorBodyAndCodesMapOntoTheCommonHierarchy() {
        record Case(String code, int status, Class<? extends CloudException> type) {
        }
        for (Case c : List.of(new Case("ErrorClusterNotFound", 404, NotFoundException.class),
                new Case("ErrorCheckAcl", 403, AuthenticationFailedException.class),
                new Case("ErrorClusterState", 400, ConflictException.class),
                new Case("QuotaExceeded.Cluster", 400, QuotaExceededException.class),
                new Case("InternalError", 500, TransientCloudException.class))) {
            fake.refuseAck("DescribeClustersV1", 1, c.status(), c.code(), "refused on purpose: " + c.code());
            assertThatThrownBy(() -> cloud.clusters().find("k1")).as(c.code()).isInstanceOf(c.type()).satisfies(e -> {
                assertThat(((CloudException) e).context().providerCode()).isEqualTo(c.code());
                assertThat(e.getMessage()).contains("alibaba-fake", "cluster", "k1", c.code(), "refused on purpose")
                        .doesNotContain(AlibabaFake.secret());
            });
        }
    }

    @Test
    void theVpcOfAClusterCannotGoBeforeItAndNodePoolsScaleAndGo() {
        cloud.clusters().create(ClusterRequest.named("k1").vpc("net").subnets("sn-a"));
        cloud.clusters().waitUntil("k1", c -> c.status() == ClusterStatus.ACTIVE, WAIT);
        cloud.clusters().addNodeGroup("k1", NodeGroupRequest.of("ng-1", "ecs.g7.large", 1));
        cloud.clusters().waitUntil("k1", c -> c.nodeGroup("ng-1").filter(g -> g.status() == ClusterStatus.ACTIVE).isPresent(), WAIT);
        cloud.clusters().scaleNodeGroup("k1", "ng-1", 2, 2, 2);
        cloud.clusters().waitUntil("k1", c -> c.nodeGroup("ng-1").filter(g -> g.status() == ClusterStatus.ACTIVE
                && g.desiredSize() == 2 && g.minSize() == 2 && g.maxSize() == 2).isPresent(), WAIT);
        assertThatThrownBy(() -> cloud.clusters().scaleNodeGroup("k1", "ng-9", 1, 1, 1)).isInstanceOf(NotFoundException.class);

        assertThatThrownBy(() -> cloud.vpcs().delete("net")).isInstanceOf(ConflictException.class);
        cloud.clusters().removeNodeGroup("k1", "ng-1");
        cloud.clusters().waitUntil("k1", c -> c.nodeGroups().isEmpty(), WAIT);
        cloud.clusters().delete("k1");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (cloud.clusters().find("k1").isPresent()) {
            assertThat(System.nanoTime()).as("the cluster goes within " + WAIT).isLessThan(deadline);
        }
        cloud.vpcs().delete("net"); // the security group ACK made went with the cluster
        assertThat(cloud.vpcs().find("net")).isEmpty();
    }
}
