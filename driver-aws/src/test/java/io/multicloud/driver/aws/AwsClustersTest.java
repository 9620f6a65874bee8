package io.multicloud.driver.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.Cloud;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.Cluster;
import io.multicloud.api.ClusterRequest;
import io.multicloud.api.ClusterStatus;
import io.multicloud.api.ConflictException;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.NodeGroupRequest;
import io.multicloud.core.MultiCloud;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.eks.EksClient;

/**
 * EKS clusters and node groups against moto. The VPC, subnets and security group are made with
 * the raw EC2 client, tagged with {@code Name} as the driver's own services tag them.
 */
@RequiresMoto
class AwsClustersTest {
    static final String ROLE = "arn:aws:iam::123456789012:role/eks-cluster";
    static final String NODE_ROLE = "arn:aws:iam::123456789012:role/eks-nodes";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private MultiCloud mc;
    private Cloud cloud;
    private String vpc;

    @BeforeEach
    void network() {
        MotoServer moto = MotoServer.get();
        mc = MultiCloud.builder().environment(Map.of()).build();
        cloud = mc.connect(moto.config().property(AwsClusters.ROLE_ARN, ROLE).property(AwsClusters.NODE_ROLE_ARN, NODE_ROLE));
        Ec2Client ec2 = cloud.unwrap(Ec2Client.class);
        vpc = "vpc-" + run;
        String vpcId = ec2.createVpc(r -> r.cidrBlock("10.8.0.0/16").tagSpecifications(nameTag(ResourceType.VPC, vpc)))
                .vpc().vpcId();
        ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.8.1.0/24").availabilityZone("us-east-2a")
                .tagSpecifications(nameTag(ResourceType.SUBNET, "sn-a")));
        ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.8.2.0/24").availabilityZone("us-east-2b")
                .tagSpecifications(nameTag(ResourceType.SUBNET, "sn-b")));
        ec2.createSecurityGroup(r -> r.vpcId(vpcId).groupName("sg-" + run).description("cluster"));
    }

    @AfterEach
    void close() {
        mc.close();
    }

    @Test
    void aClusterWithANodeGroupIsScaledItsGroupRemovedAndItIsDeleted() {
        String name = "k8s-" + run;
        Cluster created = cloud.clusters().create(ClusterRequest.named(name).version("1.30").vpc(vpc)
                .subnets("sn-a", "sn-b").securityGroups("sg-" + run).tag("team", "k8s")
                .nodeGroup(NodeGroupRequest.of("ng-a", "t3.medium", 2).sizes(1, 3, 2)));
        assertThat(created.name()).isEqualTo(name);
        assertThat(created.version()).isEqualTo("1.30");
        assertThat(created.vpc()).isEqualTo(vpc);
        assertThat(created.subnets()).containsExactlyInAnyOrder("sn-a", "sn-b");
        assertThat(created.securityGroups()).containsExactly("sg-" + run);
        assertThat(created.tags()).isEqualTo(Map.of("team", "k8s", io.multicloud.api.Tagged.MANAGED, "true"));
        Cluster active = cloud.clusters().waitUntil(name, c -> c.status() == ClusterStatus.ACTIVE, WAIT);
        assertThat(active.nodeGroup("ng-a")).hasValueSatisfying(g -> {
            assertThat(g.spec()).isEqualTo("t3.medium");
            assertThat(g.desiredSize()).isEqualTo(2);
            assertThat(g.maxSize()).isEqualTo(3);
        });
        assertThat(cloud.unwrap(EksClient.class).describeCluster(r -> r.name(name)).cluster().tags())
                .containsEntry("Name", name).containsEntry("multicloud:managed", "true");
        assertThat(cloud.clusters().list()).extracting(Cluster::name).contains(name);

        assertThatThrownBy(() -> cloud.clusters().delete(name)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("ng-a");
        assertThatThrownBy(() -> cloud.clusters().addNodeGroup(name, NodeGroupRequest.of("ng-a", "t3.small", 1)))
                .isInstanceOf(AlreadyExistsException.class);

        cloud.clusters().scaleNodeGroup(name, "ng-a", 1, 4, 3);
        Cluster scaled = cloud.clusters().waitUntil(name, c -> c.nodeGroup("ng-a")
                .filter(g -> g.status() == ClusterStatus.ACTIVE && g.desiredSize() == 3).isPresent(), WAIT);
        assertThat(scaled.nodeGroup("ng-a")).hasValueSatisfying(g -> assertThat(g.maxSize()).isEqualTo(4));
        assertThatThrownBy(() -> cloud.clusters().scaleNodeGroup(name, "ng-x", 1, 1, 1)).isInstanceOf(NotFoundException.class);

        cloud.clusters().removeNodeGroup(name, "ng-a");
        cloud.clusters().waitUntil(name, c -> c.nodeGroup("ng-a").isEmpty(), WAIT);
        cloud.clusters().delete(name);
        waitGone(name);
        assertThatThrownBy(() -> cloud.clusters().delete(name)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aTakenNameIsAlreadyExistsAndAMissingSubnetIsNotFound() {
        String name = "dup-" + run;
        ClusterRequest request = ClusterRequest.named(name).vpc(vpc).subnets("sn-a", "sn-b");
        cloud.clusters().create(request);
        try {
            assertThatThrownBy(() -> cloud.clusters().create(request)).isInstanceOf(AlreadyExistsException.class);
        } finally {
            cloud.clusters().delete(name);
        }
        assertThatThrownBy(() -> cloud.clusters().create(ClusterRequest.named("other-" + run).vpc(vpc).subnets("sn-z")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void withoutTheRolePropertyCreateIsRefusedNamingIt() {
        ConnectionConfig moto = MotoServer.get().config();
        Map<String, String> properties = new HashMap<>(moto.properties());
        properties.remove(AwsClusters.ROLE_ARN);
        Cloud noRole = mc.connect(new ConnectionConfig("aws-no-role", moto.driver(), moto.region(), moto.zone(),
                moto.credential(), properties));
        assertThatThrownBy(() -> noRole.clusters().create(ClusterRequest.named("k-" + run).vpc(vpc).subnets("sn-a")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining(AwsClusters.ROLE_ARN);
        assertThat(cloud.clusters().find("k-" + run)).isEmpty();
    }

    @Test
    void tagHelpersReadAddAndRemoveUserTags() {
        String name = "tag-" + run;
        cloud.clusters().create(ClusterRequest.named(name).vpc(vpc).subnets("sn-a"));
        var config = MotoServer.get().config();
        try (AwsClients clients = new AwsClients(config)) {
            AwsClusters clusters = new AwsClusters(new AwsContext(config, clients, new AwsErrors("aws-moto")));
            clusters.tag(name, Map.of("env", "test", "owner", "me"));
            assertThat(clusters.tagsOf(name)).isEqualTo(Map.of("env", "test", "owner", "me", io.multicloud.api.Tagged.MANAGED, "true"));
            clusters.untag(name, Set.of("owner"));
            assertThat(clusters.tagsOf(name)).isEqualTo(Map.of("env", "test", io.multicloud.api.Tagged.MANAGED, "true"));
            assertThatThrownBy(() -> clusters.tagsOf("no-such-cluster")).isInstanceOf(NotFoundException.class);
        } finally {
            cloud.clusters().delete(name);
        }
    }

    @Test
    void eksStatusesMapOntoTheCommonModel() {
        assertThat(AwsClusters.status("PENDING")).isEqualTo(ClusterStatus.CREATING);
        assertThat(AwsClusters.status("CREATING")).isEqualTo(ClusterStatus.CREATING);
        assertThat(AwsClusters.status("ACTIVE")).isEqualTo(ClusterStatus.ACTIVE);
        assertThat(AwsClusters.status("UPDATING")).isEqualTo(ClusterStatus.UPDATING);
        assertThat(AwsClusters.status("DELETING")).isEqualTo(ClusterStatus.DELETING);
        assertThat(AwsClusters.status("FAILED")).isEqualTo(ClusterStatus.FAILED);
        assertThat(AwsClusters.status("CREATE_FAILED")).isEqualTo(ClusterStatus.FAILED);
        assertThat(AwsClusters.status("DELETE_FAILED")).isEqualTo(ClusterStatus.FAILED);
    }

    private void waitGone(String name) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (cloud.clusters().find(name).isPresent()) {
            assertThat(System.nanoTime()).as("cluster %s still there", name).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private static TagSpecification nameTag(ResourceType type, String name) {
        return TagSpecification.builder().resourceType(type).tags(t -> t.key("Name").value(name)).build();
    }
}
