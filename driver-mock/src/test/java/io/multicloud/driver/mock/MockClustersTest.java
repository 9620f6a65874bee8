package io.multicloud.driver.mock;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.Cluster;
import io.multicloud.api.ClusterRequest;
import io.multicloud.api.ClusterStatus;
import io.multicloud.api.ConflictException;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.NodeGroupRequest;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.ResourceKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MockClustersTest extends MockTestBase {

    @BeforeEach
    void createNetwork() {
        network(conn);
    }

    private static ClusterRequest k1() {
        return ClusterRequest.named("k1").vpc("vpc-1").subnets("sn-1").securityGroups("sg-1")
                .nodeGroup(NodeGroupRequest.of("ng-1", "m1.large", 2));
    }

    private Cluster awaitCluster(java.util.function.Predicate<Cluster> done) {
        return await("cluster k1", () -> conn.clusters().find("k1").orElseThrow(), done);
    }

    private static boolean allActive(Cluster c) {
        return c.status() == ClusterStatus.ACTIVE && c.nodeGroups().stream().allMatch(g -> g.status() == ClusterStatus.ACTIVE);
    }

    @Test
    void aClusterAndItsNodeGroupsGoFromCreatingToActive() {
        Cluster created = conn.clusters().create(k1());
        assertThat(created.status()).isEqualTo(ClusterStatus.CREATING);
        assertThat(created.id()).startsWith("cluster-");
        assertThat(created.endpoint()).isNull();
        assertThat(created.version()).isEqualTo("1.31");
        assertThat(created.nodeGroup("ng-1")).hasValueSatisfying(g -> {
            assertThat(g.id()).startsWith("ng-");
            assertThat(g.status()).isEqualTo(ClusterStatus.CREATING);
            assertThat(g.desiredSize()).isEqualTo(2);
        });
        Cluster active = awaitCluster(MockClustersTest::allActive);
        assertThat(active.endpoint()).startsWith("https://");
    }

    @Test
    void scalingANodeGroupGoesThroughUpdating() {
        conn.clusters().create(k1());
        awaitCluster(MockClustersTest::allActive);
        Cluster scaled = conn.clusters().scaleNodeGroup("k1", "ng-1", 1, 5, 4);
        assertThat(scaled.nodeGroup("ng-1")).hasValueSatisfying(g -> {
            assertThat(g.status()).isEqualTo(ClusterStatus.UPDATING);
            assertThat(g.desiredSize()).isEqualTo(4);
            assertThat(g.maxSize()).isEqualTo(5);
        });
        assertThatThrownBy(() -> conn.clusters().scaleNodeGroup("k1", "ng-1", 1, 5, 3)).isInstanceOf(ConflictException.class);
        awaitCluster(MockClustersTest::allActive);
        assertThatThrownBy(() -> conn.clusters().scaleNodeGroup("k1", "ng-1", 3, 2, 2)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void nodeGroupsChangeOnlyOnAnActiveCluster() {
        conn.clusters().create(k1());
        assertThatThrownBy(() -> conn.clusters().addNodeGroup("k1", NodeGroupRequest.of("ng-2", "m1.small", 1)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("CREATING");
        awaitCluster(MockClustersTest::allActive);
        Cluster added = conn.clusters().addNodeGroup("k1", NodeGroupRequest.of("ng-2", "m1.small", 1));
        assertThat(added.nodeGroup("ng-2").orElseThrow().status()).isEqualTo(ClusterStatus.CREATING);
        assertThatThrownBy(() -> conn.clusters().addNodeGroup("k1", NodeGroupRequest.of("ng-2", "m1.small", 1)))
                .isInstanceOf(AlreadyExistsException.class);
        assertThatThrownBy(() -> conn.clusters().scaleNodeGroup("k1", "ng-9", 1, 1, 1))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.context().kind()).isEqualTo(ResourceKind.NODE_GROUP));
    }

    @Test
    void deletingAClusterWithNodeGroupsIsRefused() {
        conn.clusters().create(k1());
        assertThatThrownBy(() -> conn.clusters().delete("k1")).isInstanceOf(ConflictException.class).hasMessageContaining("ng-1");
        Cluster removing = conn.clusters().removeNodeGroup("k1", "ng-1");
        assertThat(removing.nodeGroup("ng-1").orElseThrow().status()).isEqualTo(ClusterStatus.DELETING);
        awaitCluster(c -> c.nodeGroups().isEmpty());
        conn.clusters().delete("k1");
        assertThat(conn.clusters().find("k1").orElseThrow().status()).isEqualTo(ClusterStatus.DELETING);
        await("cluster gone", () -> conn.clusters().find("k1"), Optional::isEmpty);
    }

    @Test
    void aClusterBlocksItsVpcSubnetAndSecurityGroup() {
        conn.clusters().create(k1());
        assertThatThrownBy(() -> conn.vpcs().delete("vpc-1")).isInstanceOf(ConflictException.class).hasMessageContaining("k1");
        assertThatThrownBy(() -> conn.vpcs().removeSubnet("vpc-1", "sn-1")).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> conn.securityGroups().delete("sg-1")).isInstanceOf(ConflictException.class);
    }

    @Test
    void aClusterChecksWhatItRefersTo() {
        assertThatThrownBy(() -> conn.clusters().create(k1().subnets("sn-9")))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.context().kind()).isEqualTo(ResourceKind.SUBNET));
        assertThatThrownBy(() -> conn.clusters().create(k1().nodeGroup(NodeGroupRequest.of("ng-2", "x9.huge", 1))))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.context().kind()).isEqualTo(ResourceKind.SPEC));
        assertThatThrownBy(() -> conn.clusters().create(k1().nodeGroup(
                NodeGroupRequest.of("ng-2", "a1.small", 1).image("ubuntu-22.04")))).isInstanceOf(InvalidRequestException.class);
        assertThat(conn.clusters().list()).isEmpty();
    }
}
