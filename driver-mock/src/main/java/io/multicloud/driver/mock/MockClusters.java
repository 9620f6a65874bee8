package io.multicloud.driver.mock;

import io.multicloud.api.Cluster;
import io.multicloud.api.ClusterRequest;
import io.multicloud.api.ClusterStatus;
import io.multicloud.api.NodeGroupRequest;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Spec;
import io.multicloud.driver.mock.MockEntities.ClusterEntity;
import io.multicloud.driver.mock.MockEntities.NodeGroupEntity;
import io.multicloud.driver.mock.MockEntities.VpcEntity;
import io.multicloud.spi.ClusterService;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Kubernetes clusters and their node groups, as EKS behaves: a cluster and its node groups
 * are CREATING, then ACTIVE; node groups change only on an ACTIVE cluster; a scale goes
 * through UPDATING; removal goes through DELETING. A cluster with node groups cannot be deleted.
 */
final class MockClusters implements ClusterService {
    private static final String KIND = "cluster";
    /** Kubernetes version when the request names none. */
    static final String DEFAULT_VERSION = "1.31";
    /** Node root disk when the request names none. */
    static final int DEFAULT_NODE_DISK_GB = 20;

    private final MockContext ctx;

    MockClusters(MockContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public List<Cluster> list() {
        return ctx.read(MockOperations.of(KIND, "list"), (r, now) -> r.clusters.all().stream().map(ClusterEntity::toRecord).toList());
    }

    @Override
    public Optional<Cluster> find(String name) {
        return ctx.read(MockOperations.of(KIND, "find"), (r, now) -> r.clusters.find(name).map(ClusterEntity::toRecord));
    }

    @Override
    public Cluster create(ClusterRequest request) {
        return ctx.write(MockOperations.of(KIND, "create"), (r, now) -> {
            request.requireComplete();
            r.clusters.requireFree(request.name(), ctx.errors);
            MockRefs refs = new MockRefs(ctx, r);
            VpcEntity vpc = refs.vpc(request.vpc());
            request.subnets().forEach(s -> refs.subnet(vpc, s));
            refs.securityGroups(vpc, request.securityGroups());
            long ready = now + ctx.behaviour.transitionMs();
            List<NodeGroupEntity> groups = new ArrayList<>();
            for (NodeGroupRequest g : request.nodeGroups()) {
                groups.add(nodeGroup(refs, g, ready));
            }
            ClusterEntity cluster = new ClusterEntity();
            cluster.init(request.name(), MockContext.newId("cluster"), request.tags());
            cluster.version = request.version() == null ? DEFAULT_VERSION : request.version();
            cluster.vpc = vpc.name;
            cluster.subnets = new ArrayList<>(request.subnets());
            cluster.securityGroups = new ArrayList<>(request.securityGroups());
            cluster.nodeGroups = groups;
            cluster.endpoint = "https://" + cluster.id + "." + r.name + ".k8s.mock.example";
            cluster.life = Lifecycle.moving(ClusterStatus.CREATING, ClusterStatus.ACTIVE, ready);
            r.clusters.add(cluster);
            return cluster.toRecord();
        });
    }

    @Override
    public void delete(String name) {
        ctx.write(MockOperations.of(KIND, "delete"), (r, now) -> {
            ClusterEntity cluster = r.clusters.get(name, ctx.errors);
            new Dependents().add("node group(s)", cluster.nodeGroups.stream().map(g -> g.name).toList())
                    .refuse(ctx.errors, ResourceKind.CLUSTER, name, "delete the cluster");
            if (!cluster.life.is(ClusterStatus.DELETING)) {
                cluster.life.removeAt(ClusterStatus.DELETING, now + ctx.behaviour.transitionMs());
            }
            return null;
        });
    }

    @Override
    public Cluster addNodeGroup(String clusterName, NodeGroupRequest request) {
        return ctx.write(MockOperations.of(KIND, "addNodeGroup"), (r, now) -> {
            ClusterEntity cluster = activeCluster(r, clusterName);
            if (cluster.nodeGroups.stream().anyMatch(g -> g.name.equals(request.name()))) {
                throw ctx.errors.alreadyExists(ResourceKind.NODE_GROUP, request.name(),
                        "cluster '" + clusterName + "' has a node group of that name");
            }
            cluster.nodeGroups.add(nodeGroup(new MockRefs(ctx, r), request, now + ctx.behaviour.transitionMs()));
            return cluster.toRecord();
        });
    }

    @Override
    public Cluster removeNodeGroup(String clusterName, String nodeGroup) {
        return ctx.write(MockOperations.of(KIND, "removeNodeGroup"), (r, now) -> {
            ClusterEntity cluster = r.clusters.get(clusterName, ctx.errors);
            NodeGroupEntity group = group(cluster, nodeGroup);
            if (!group.life.is(ClusterStatus.DELETING)) {
                group.life.removeAt(ClusterStatus.DELETING, now + ctx.behaviour.transitionMs());
            }
            return cluster.toRecord();
        });
    }

    @Override
    public Cluster scaleNodeGroup(String clusterName, String nodeGroup, int minSize, int maxSize, int desiredSize) {
        return ctx.write(MockOperations.of(KIND, "scaleNodeGroup"), (r, now) -> {
            ClusterEntity cluster = activeCluster(r, clusterName);
            NodeGroupEntity group = group(cluster, nodeGroup);
            if (!group.life.is(ClusterStatus.ACTIVE)) {
                throw ctx.errors.wrongState(ResourceKind.NODE_GROUP, nodeGroup, "is " + group.life.status
                        + "; it can be scaled when ACTIVE");
            }
            NodeGroupRequest.checkSizes(minSize, maxSize, desiredSize);
            group.minSize = minSize;
            group.maxSize = maxSize;
            group.desiredSize = desiredSize;
            group.life.moveTo(ClusterStatus.UPDATING, ClusterStatus.ACTIVE, now + ctx.behaviour.transitionMs());
            return cluster.toRecord();
        });
    }

    private ClusterEntity activeCluster(MockRegion r, String name) {
        ClusterEntity cluster = r.clusters.get(name, ctx.errors);
        if (!MockRegion.active(cluster)) {
            throw ctx.errors.wrongState(ResourceKind.CLUSTER, name, "is " + cluster.life.status
                    + "; node groups change only on an ACTIVE cluster");
        }
        return cluster;
    }

    private NodeGroupEntity group(ClusterEntity cluster, String name) {
        return cluster.nodeGroups.stream().filter(g -> g.name.equals(name)).findFirst()
                .orElseThrow(() -> ctx.errors.notFound(ResourceKind.NODE_GROUP, name,
                        "does not exist in cluster '" + cluster.name + "'"));
    }

    private NodeGroupEntity nodeGroup(MockRefs refs, NodeGroupRequest request, long ready) {
        request.requireComplete();
        Spec spec = refs.spec(request.spec());
        int minDisk = 0;
        if (request.image() != null) {
            MockRefs.BootImage image = refs.image(request.image());
            refs.requireSameArchitecture(image, spec, ResourceKind.NODE_GROUP, request.name());
            minDisk = image.minDiskGB();
        }
        if (request.keyPair() != null) {
            refs.keyPair(request.keyPair());
        }
        NodeGroupEntity group = new NodeGroupEntity();
        group.name = request.name();
        group.id = MockContext.newId("ng");
        group.spec = spec.name();
        group.image = request.image();
        group.minSize = request.minSize();
        group.maxSize = request.maxSize();
        group.desiredSize = request.desiredSize();
        group.keyPair = request.keyPair();
        group.rootDiskGB = request.rootDiskGB() == 0 ? Math.max(DEFAULT_NODE_DISK_GB, minDisk) : request.rootDiskGB();
        if (group.rootDiskGB < minDisk) {
            throw ctx.errors.invalid(ResourceKind.NODE_GROUP, request.name(), "rootDiskGB",
                    "image '" + request.image() + "' needs at least " + minDisk + " GB");
        }
        group.life = Lifecycle.moving(ClusterStatus.CREATING, ClusterStatus.ACTIVE, ready);
        return group;
    }
}
