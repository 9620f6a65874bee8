package io.multicloud.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.Cloud;
import io.multicloud.api.Cluster;
import io.multicloud.api.ClusterRequest;
import io.multicloud.api.ClusterStatus;
import io.multicloud.api.ConflictException;
import io.multicloud.api.NodeGroup;
import io.multicloud.api.NodeGroupRequest;
import org.junit.jupiter.api.Test;

/** Managed Kubernetes clusters and their node groups, EKS-like. */
@MockCloudTest
class ClusterTest {

    private static Cluster awaitSettled(Cloud cloud, String name) {
        return cloud.clusters().waitUntil(name, c -> c.status() == ClusterStatus.ACTIVE
                && c.nodeGroups().stream().allMatch(g -> g.status() == ClusterStatus.ACTIVE), Fixtures.WAIT);
    }

    @Test
    void aClusterWithANodeGroupBecomesActiveWithAnEndpoint(Cloud cloud) {
        Fixtures.network(cloud);
        Cluster created = cloud.clusters().create(ClusterRequest.named("k1").version("1.30").vpc("vpc-1")
                .subnets("sn-1", "sn-2").nodeGroup(NodeGroupRequest.of("ng-1", "m1.large", 2)).tag("env", "dev"));
        assertThat(created.status()).isEqualTo(ClusterStatus.CREATING);
        assertThat(created.endpoint()).isNull();

        Cluster active = awaitSettled(cloud, "k1");
        assertThat(active.version()).isEqualTo("1.30");
        assertThat(active.endpoint()).startsWith("https://");
        assertThat(active.tags()).containsEntry("env", "dev");
        assertThat(active.nodeGroup("ng-1")).hasValueSatisfying(g -> {
            assertThat(g.spec()).isEqualTo("m1.large");
            assertThat(g.desiredSize()).isEqualTo(2);
        });
        assertThat(cloud.clusters().list()).extracting(Cluster::name).containsExactly("k1");
    }

    @Test
    void nodeGroupsAreAddedScaledAndRemoved(Cloud cloud) {
        Fixtures.network(cloud);
        cloud.clusters().create(ClusterRequest.named("k1").vpc("vpc-1").subnets("sn-1"));
        awaitSettled(cloud, "k1");

        cloud.clusters().addNodeGroup("k1", NodeGroupRequest.of("gpu", "g1.l4x1", 1).sizes(0, 4, 1));
        awaitSettled(cloud, "k1");
        Cluster scaled = cloud.clusters().scaleNodeGroup("k1", "gpu", 1, 8, 3);
        assertThat(scaled.nodeGroup("gpu")).map(NodeGroup::status).hasValue(ClusterStatus.UPDATING);
        NodeGroup gpu = awaitSettled(cloud, "k1").nodeGroup("gpu").orElseThrow();
        assertThat(gpu.minSize()).isEqualTo(1);
        assertThat(gpu.maxSize()).isEqualTo(8);
        assertThat(gpu.desiredSize()).isEqualTo(3);

        cloud.clusters().removeNodeGroup("k1", "gpu");
        cloud.clusters().waitUntil("k1", c -> c.nodeGroups().isEmpty(), Fixtures.WAIT);
        cloud.clusters().delete("k1");
        Await.gone(cloud.clusters(), "k1", Fixtures.WAIT);
    }

    @Test
    void aClusterWithNodeGroupsCannotBeDeleted(Cloud cloud) {
        Fixtures.network(cloud);
        cloud.clusters().create(ClusterRequest.named("k1").vpc("vpc-1").subnets("sn-1")
                .nodeGroup(NodeGroupRequest.of("ng-1", "m1.small", 1)));
        awaitSettled(cloud, "k1");
        assertThatThrownBy(() -> cloud.clusters().delete("k1")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("ng-1");
        assertThatThrownBy(() -> cloud.vpcs().delete("vpc-1")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("k1");
    }

    @Test
    @MockCloudTest(transitionMillis = 60_000)
    void nodeGroupsChangeOnlyOnAnActiveCluster(Cloud cloud) {
        Fixtures.network(cloud);
        cloud.clusters().create(ClusterRequest.named("k1").vpc("vpc-1").subnets("sn-1"));
        assertThatThrownBy(() -> cloud.clusters().addNodeGroup("k1", NodeGroupRequest.of("ng-1", "m1.small", 1)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("CREATING");
    }
}
