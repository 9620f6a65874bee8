package io.multicloud.driver.gcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.compute.v1.GetInstanceGroupManagerRequest;
import com.google.container.v1.CreateClusterRequest;
import com.google.container.v1.CreateNodePoolRequest;
import com.google.container.v1.DeleteClusterRequest;
import com.google.container.v1.DeleteNodePoolRequest;
import com.google.container.v1.GetOperationRequest;
import com.google.container.v1.ListClustersRequest;
import com.google.container.v1.NodeConfig;
import com.google.container.v1.NodePool;
import com.google.container.v1.NodePoolAutoscaling;
import com.google.container.v1.Operation;
import com.google.container.v1.SetNodePoolAutoscalingRequest;
import com.google.container.v1.SetNodePoolSizeRequest;
import io.multicloud.api.Cluster;
import io.multicloud.api.ClusterRequest;
import io.multicloud.api.ClusterStatus;
import io.multicloud.api.CloudTimeoutException;
import io.multicloud.api.NodeGroup;
import io.multicloud.api.NodeGroupRequest;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.ResourceKind;
import io.multicloud.spi.ClusterService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kubernetes clusters as zonal GKE clusters in the connection's zone, node groups as node pools
 * (machine type, disk size, autoscaling bounds as min and max); a pool's size is its managed
 * instance group's {@code targetSize} (one compute call per pool, as GKE keeps no count on the
 * pool). GKE needs a node pool to make a cluster: a request without node groups gets GKE's
 * {@code default-pool} of one {@code e2-medium} node. A cluster runs in one subnetwork, the
 * first of the request; the request's list of subnets is kept in the cluster's description.
 * Tags live in the project store (mirrored as resource labels at creation). Status:
 * PROVISIONING → CREATING, RUNNING → ACTIVE, RECONCILING → UPDATING, STOPPING → DELETING,
 * ERROR, DEGRADED → FAILED. A change waits for the operation before it (GKE refuses one while
 * another runs on the cluster).
 */
final class GcpClusters implements ClusterService {
    private static final ResourceKind KIND = ResourceKind.CLUSTER;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final GcpContext ctx;
    private final GcpProjectStore store;

    GcpClusters(GcpContext ctx) {
        this.ctx = ctx;
        this.store = new GcpProjectStore(ctx);
    }

    private String parent() {
        return "projects/" + ctx.project() + "/locations/" + ctx.zone();
    }

    private String clusterName(String cluster) {
        return parent() + "/clusters/" + cluster;
    }

    @Override
    public List<Cluster> list() {
        List<com.google.container.v1.Cluster> all = ctx.errors().call(KIND, null, () -> ctx.clients().container.get()
                .listClusters(ListClustersRequest.newBuilder().setParent("projects/" + ctx.project() + "/locations/-").build()).getClustersList());
        Map<String, String> items = store.items();
        return all.stream().filter(c -> c.getLocation().equals(ctx.region()) || c.getLocation().startsWith(ctx.region() + "-"))
                .map(c -> toRecord(c, items)).sorted(Comparator.comparing(Cluster::name)).toList();
    }

    @Override
    public Optional<Cluster> find(String nameOrId) {
        List<com.google.container.v1.Cluster> all = ctx.errors().call(KIND, nameOrId, () -> ctx.clients().container.get()
                .listClusters(ListClustersRequest.newBuilder().setParent("projects/" + ctx.project() + "/locations/-").build()).getClustersList());
        return all.stream().filter(c -> c.getName().equals(nameOrId) || c.getId().equals(nameOrId)).findFirst().map(c -> toRecord(c, store.items()));
    }

    private Cluster require(String name) {
        return find(name).orElseThrow(() -> new NotFoundException(ctx.error(KIND, name), "no GKE cluster of this name"));
    }

    private Cluster toRecord(com.google.container.v1.Cluster c, Map<String, String> items) {
        List<String> subnets = new ArrayList<>();
        try {
            JSON.readTree(c.getDescription().isEmpty() ? "{}" : c.getDescription()).path("multicloud").path("subnets").forEach(s -> subnets.add(s.asText()));
        } catch (Exception ignored) {
            // not the library's description
        }
        if (subnets.isEmpty() && !c.getSubnetwork().isEmpty()) {
            subnets.add(c.getSubnetwork());
        }
        List<NodeGroup> groups = c.getNodePoolsList().stream().map(p -> group(p)).toList();
        String key = GcpProjectStore.tagsKey(KIND, c.getName());
        return new Cluster(c.getName(), c.getId(), c.getCurrentMasterVersion(), c.getNetwork(), subnets, List.of(), status(c.getStatus().name()),
                c.getEndpoint().isEmpty() ? null : c.getEndpoint(), groups,
                items.containsKey(key) ? GcpLabels.parse(items.get(key)) : c.getResourceLabelsMap());
    }

    private NodeGroup group(NodePool p) {
        int size = p.getInitialNodeCount();
        if (p.getInstanceGroupUrlsCount() > 0) {
            String[] parts = p.getInstanceGroupUrls(0).split("/");
            try {
                size = ctx.errors().call(ResourceKind.NODE_GROUP, p.getName(), () -> ctx.clients().instanceGroupManagers.get().get(
                        GetInstanceGroupManagerRequest.newBuilder().setProject(ctx.project()).setZone(parts[parts.length - 3])
                                .setInstanceGroupManager(parts[parts.length - 1]).build())).getTargetSize();
            } catch (NotFoundException e) {
                size = 0; // the pool is going away with its group
            }
        }
        boolean bounded = p.hasAutoscaling() && p.getAutoscaling().getEnabled();
        int min = bounded ? p.getAutoscaling().getMinNodeCount() : size;
        int max = bounded ? p.getAutoscaling().getMaxNodeCount() : Math.max(size, 1);
        return new NodeGroup(p.getName(), p.getSelfLink(), p.getConfig().getMachineType(), p.getConfig().getImageType(), min, max, size,
                status(p.getStatus().name()), null, p.getConfig().getDiskSizeGb());
    }

    static ClusterStatus status(String gke) {
        return switch (gke) {
            case "PROVISIONING" -> ClusterStatus.CREATING;
            case "RUNNING", "RUNNING_WITH_ERROR" -> ClusterStatus.ACTIVE;
            case "RECONCILING" -> ClusterStatus.UPDATING;
            case "STOPPING" -> ClusterStatus.DELETING;
            default -> ClusterStatus.FAILED;
        };
    }

    private static NodePool pool(NodeGroupRequest g) {
        NodeConfig.Builder config = NodeConfig.newBuilder().setMachineType(g.spec());
        if (g.rootDiskGB() > 0) {
            config.setDiskSizeGb(g.rootDiskGB());
        }
        if (g.image() != null) {
            config.setImageType(g.image());
        }
        return NodePool.newBuilder().setName(g.name()).setInitialNodeCount(g.desiredSize()).setConfig(config)
                .setAutoscaling(NodePoolAutoscaling.newBuilder().setEnabled(true).setMinNodeCount(g.minSize()).setMaxNodeCount(g.maxSize()))
                .build();
    }

    @Override
    public Cluster create(ClusterRequest request) {
        String name = request.name();
        var description = JSON.createObjectNode();
        description.putObject("multicloud").set("subnets", JSON.valueToTree(request.subnets()));
        com.google.container.v1.Cluster.Builder cluster = com.google.container.v1.Cluster.newBuilder().setName(name)
                .setDescription(description.toString()).setNetwork(request.vpc()).setSubnetwork(request.subnets().getFirst())
                .putAllResourceLabels(GcpLabels.labels(request.tags()));
        if (request.version() != null) {
            cluster.setInitialClusterVersion(request.version());
        }
        if (request.nodeGroups().isEmpty()) {
            cluster.addNodePools(pool(NodeGroupRequest.of("default-pool", "e2-medium", 1)));
        }
        request.nodeGroups().forEach(g -> cluster.addNodePools(pool(g)));
        if (!request.tags().isEmpty()) {
            store.update(KIND, name, items -> {
                items.put(GcpProjectStore.tagsKey(KIND, name), GcpLabels.json(request.tags()));
                return items;
            });
        }
        ctx.errors().call(KIND, name, () -> ctx.clients().container.get().createCluster(CreateClusterRequest.newBuilder()
                .setParent(parent()).setCluster(cluster).build()));
        return require(name);
    }

    @Override
    public void delete(String name) {
        require(name);
        ctx.errors().call(KIND, name, () -> ctx.clients().container.get().deleteCluster(DeleteClusterRequest.newBuilder()
                .setName(clusterName(name)).build()));
        String key = GcpProjectStore.tagsKey(KIND, name);
        if (store.items().containsKey(key)) {
            store.update(KIND, name, items -> {
                items.remove(key);
                return items;
            });
        }
    }

    @Override
    public Cluster addNodeGroup(String cluster, NodeGroupRequest nodeGroup) {
        require(cluster);
        ctx.errors().call(KIND, cluster, () -> ctx.clients().container.get().createNodePool(CreateNodePoolRequest.newBuilder()
                .setParent(clusterName(cluster)).setNodePool(pool(nodeGroup)).build()));
        return require(cluster);
    }

    @Override
    public Cluster removeNodeGroup(String cluster, String nodeGroup) {
        Cluster c = require(cluster);
        if (c.nodeGroup(nodeGroup).isEmpty()) {
            throw new NotFoundException(ctx.error(ResourceKind.NODE_GROUP, nodeGroup), "cluster '" + cluster + "' has no node pool of this name");
        }
        ctx.errors().call(KIND, cluster, () -> ctx.clients().container.get().deleteNodePool(DeleteNodePoolRequest.newBuilder()
                .setName(clusterName(cluster) + "/nodePools/" + nodeGroup).build()));
        return require(cluster);
    }

    @Override
    public Cluster scaleNodeGroup(String cluster, String nodeGroup, int minSize, int maxSize, int desiredSize) {
        Cluster c = require(cluster);
        if (c.nodeGroup(nodeGroup).isEmpty()) {
            throw new NotFoundException(ctx.error(ResourceKind.NODE_GROUP, nodeGroup), "cluster '" + cluster + "' has no node pool of this name");
        }
        String pool = clusterName(cluster) + "/nodePools/" + nodeGroup;
        Operation bounds = ctx.errors().call(KIND, cluster, () -> ctx.clients().container.get().setNodePoolAutoscaling(
                SetNodePoolAutoscalingRequest.newBuilder().setName(pool).setAutoscaling(NodePoolAutoscaling.newBuilder().setEnabled(true)
                        .setMinNodeCount(minSize).setMaxNodeCount(maxSize)).build()));
        awaitDone(cluster, bounds);
        ctx.errors().call(KIND, cluster, () -> ctx.clients().container.get().setNodePoolSize(SetNodePoolSizeRequest.newBuilder()
                .setName(pool).setNodeCount(desiredSize).build()));
        return require(cluster);
    }

    /** Polls a GKE operation until it is done (GKE refuses the next change on the cluster before). */
    private void awaitDone(String cluster, Operation op) {
        long deadline = System.nanoTime() + ctx.clients().operationTimeout().toNanos();
        long pause = ctx.clients().pollInterval().toMillis();
        Operation current = op;
        while (current.getStatus() != Operation.Status.DONE) {
            if (System.nanoTime() > deadline) {
                throw new CloudTimeoutException(ctx.error(KIND, cluster), "GKE operation " + op.getName() + " not done in time");
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CloudTimeoutException(ctx.error(KIND, cluster), "interrupted while waiting for GKE");
            }
            pause = Math.min(pause * 3 / 2 + 1, 10_000);
            String name = parent() + "/operations/" + op.getName();
            current = ctx.errors().call(KIND, cluster, () -> ctx.clients().container.get().getOperation(GetOperationRequest.newBuilder().setName(name).build()));
        }
    }
}
