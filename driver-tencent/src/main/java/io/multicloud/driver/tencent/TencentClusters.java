package io.multicloud.driver.tencent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.Cluster;
import io.multicloud.api.ClusterRequest;
import io.multicloud.api.ClusterStatus;
import io.multicloud.api.NodeGroup;
import io.multicloud.api.NodeGroupRequest;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.ResourceKind;
import io.multicloud.driver.tencent.TencentClients.Product;
import io.multicloud.spi.ClusterService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Kubernetes clusters = TKE managed clusters (API 2018-05-25 through the SDK's common client:
 * CreateCluster, DescribeClusters, DeleteCluster) and node groups = TKE node pools
 * (CreateClusterNodePool, ModifyClusterNodePool for min/max, ModifyNodePoolDesiredCapacityAboutAsg
 * for the desired size, DeleteClusterNodePool). The cluster's subnets go to the VPC-CNI subnet list
 * ({@code EniSubnetIds}, shown back as {@code ClusterNetworkSettings.Subnets}); a node pool's
 * instance type, image, key pair and root disk live in its launch configuration, which
 * DescribeClusterNodePools does not show, so they are kept in the pool's {@code multicloud:*} tags.
 * Status: Creating → CREATING, Running → ACTIVE, Upgrading/Updating → UPDATING, Deleting → DELETING,
 * Abnormal → FAILED; pools: creating, normal, updating, deleting likewise.
 */
final class TencentClusters implements ClusterService {
    private static final ResourceKind KIND = ResourceKind.CLUSTER;
    static final String SPEC_TAG = "multicloud:spec";
    static final String IMAGE_TAG = "multicloud:image";
    static final String KEY_TAG = "multicloud:key-pair";
    static final String DISK_TAG = "multicloud:root-disk";

    private final TencentContext ctx;
    private final TencentNetworks networks;
    private final TencentKeyPairs keyPairs;
    private final TencentImages images;

    TencentClusters(TencentContext ctx, TencentNetworks networks, TencentKeyPairs keyPairs, TencentImages images) {
        this.ctx = ctx;
        this.networks = networks;
        this.keyPairs = keyPairs;
        this.images = images;
    }

    private List<JsonNode> describe(ObjectNode params, String name) {
        return ctx.api().list(Product.TKE, "DescribeClusters", params, "Clusters", false, KIND, name);
    }

    @Override
    public List<Cluster> list() {
        return describe(TencentApi.object(), null).stream().map(this::stillThere).flatMap(Optional::stream).toList();
    }

    @Override
    public Optional<Cluster> find(String nameOrId) {
        return findRaw(nameOrId).flatMap(this::stillThere);
    }

    /** The record of a listed cluster, or empty when it went between the listing and its pools' (a delete finishing). */
    private Optional<Cluster> stillThere(JsonNode cluster) {
        try {
            return Optional.of(toRecord(cluster));
        } catch (NotFoundException gone) {
            return Optional.empty();
        }
    }

    private Optional<JsonNode> findRaw(String nameOrId) {
        if (TencentTagCodec.isId(nameOrId, "cls")) {
            ObjectNode params = TencentApi.object();
            params.set("ClusterIds", TencentApi.strings(List.of(nameOrId)));
            Optional<JsonNode> byId = describe(params, nameOrId).stream().findFirst();
            if (byId.isPresent()) {
                return byId;
            }
        }
        ObjectNode params = TencentApi.object();
        params.withArray("Filters").add(TencentApi.filter("ClusterName", List.of(nameOrId)));
        return describe(params, nameOrId).stream().filter(c -> nameOrId.equals(c.path("ClusterName").asText())).findFirst();
    }

    JsonNode requireRaw(String name) {
        return findRaw(name).orElseThrow(() -> new NotFoundException(ctx.error(KIND, name), "no cluster of this name or id"));
    }

    @Override
    public Cluster create(ClusterRequest request) {
        String name = request.name();
        if (findRaw(name).isPresent()) {
            throw new AlreadyExistsException(ctx.error(KIND, name), "a cluster of this name exists");
        }
        JsonNode vpc = networks.requireRaw(request.vpc());
        String vpcId = vpc.path("VpcId").asText();
        List<JsonNode> vpcSubnets = networks.subnetsByVpc(List.of(vpcId)).getOrDefault(vpcId, List.of());
        List<String> subnetIds = new ArrayList<>();
        for (String s : request.subnets()) {
            subnetIds.add(vpcSubnets.stream().filter(n -> s.equals(n.path("SubnetName").asText()) || s.equals(n.path("SubnetId").asText()))
                    .findFirst().orElseThrow(() -> new NotFoundException(ctx.error(ResourceKind.SUBNET, s),
                            "VPC '" + request.vpc() + "' has no subnet of this name")).path("SubnetId").asText());
        }
        ObjectNode params = TencentApi.object();
        params.put("ClusterType", "MANAGED_CLUSTER");
        ObjectNode cidr = params.putObject("ClusterCIDRSettings");
        cidr.put("ClusterCIDR", ctx.config().property("cluster_cidr").orElse("172.20.0.0/16"));
        cidr.set("EniSubnetIds", TencentApi.strings(subnetIds));
        ObjectNode basic = params.putObject("ClusterBasicSettings");
        basic.put("ClusterName", name);
        if (request.version() != null) {
            basic.put("ClusterVersion", request.version());
        }
        basic.put("VpcId", vpcId);
        basic.put("SubnetId", subnetIds.getFirst());
        if (!request.tags().isEmpty()) {
            ObjectNode spec = basic.putArray("TagSpecification").addObject();
            spec.put("ResourceType", "cluster");
            spec.set("Tags", TencentTagCodec.toJson(TencentTagCodec.encode(request.tags())));
        }
        String id = ctx.api().change(Product.TKE, "CreateCluster", params, KIND, name).path("ClusterId").asText();
        for (NodeGroupRequest group : request.nodeGroups()) {
            createPool(id, vpcId, subnetIds, group);
        }
        return find(id).orElseThrow();
    }

    private void createPool(String clusterId, String vpcId, List<String> subnetIds, NodeGroupRequest group) {
        ObjectNode asg = TencentApi.object();
        asg.put("MaxSize", group.maxSize());
        asg.put("MinSize", group.minSize());
        asg.put("DesiredCapacity", group.desiredSize());
        asg.put("VpcId", vpcId);
        asg.set("SubnetIds", TencentApi.strings(subnetIds));
        ObjectNode launch = TencentApi.object();
        launch.put("InstanceType", group.spec());
        launch.put("InstanceChargeType", "POSTPAID_BY_HOUR");
        if (group.rootDiskGB() > 0) {
            launch.putObject("SystemDisk").put("DiskType", "CLOUD_PREMIUM").put("DiskSize", group.rootDiskGB());
        }
        if (group.image() != null) {
            launch.put("ImageId", images.resolve(group.image()).map(i -> i.path("ImageId").asText()).orElseThrow(() ->
                    new NotFoundException(ctx.error(ResourceKind.IMAGE, group.image()), "no alias, image id or image name matches")));
        }
        if (group.keyPair() != null) {
            launch.putObject("LoginSettings").set("KeyIds",
                    TencentApi.strings(List.of(keyPairs.requireRaw(group.keyPair()).path("KeyId").asText())));
        }
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(SPEC_TAG, group.spec());
        if (group.image() != null) {
            tags.put(IMAGE_TAG, group.image());
        }
        if (group.keyPair() != null) {
            tags.put(KEY_TAG, group.keyPair());
        }
        tags.put(DISK_TAG, Integer.toString(group.rootDiskGB()));
        ObjectNode params = TencentApi.object();
        params.put("ClusterId", clusterId);
        try {
            params.put("AutoScalingGroupPara", TencentApi.JSON.writeValueAsString(asg));
            params.put("LaunchConfigurePara", TencentApi.JSON.writeValueAsString(launch));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ObjectNode advanced = params.putObject("InstanceAdvancedSettings");
        // The metadata marks these members required: neutral values (TKE's defaults).
        advanced.put("DesiredPodNumber", 0);
        advanced.putObject("GPUArgs");
        advanced.put("PreStartUserScript", "");
        advanced.putArray("Taints");
        advanced.put("Unschedulable", 0);
        advanced.putObject("ExtraArgs").putArray("Kubelet");
        params.put("EnableAutoscale", true);
        params.put("Name", group.name());
        params.set("Tags", TencentTagCodec.toJson(tags));
        ctx.api().change(Product.TKE, "CreateClusterNodePool", params, ResourceKind.NODE_GROUP, group.name());
    }

    @Override
    public void delete(String name) {
        ObjectNode params = TencentApi.object();
        params.put("ClusterId", requireRaw(name).path("ClusterId").asText());
        params.put("InstanceDeleteMode", "terminate");
        ctx.api().change(Product.TKE, "DeleteCluster", params, KIND, name);
    }

    @Override
    public Cluster addNodeGroup(String cluster, NodeGroupRequest group) {
        JsonNode raw = requireRaw(cluster);
        String id = raw.path("ClusterId").asText();
        if (pools(id).stream().anyMatch(p -> group.name().equals(p.path("Name").asText()))) {
            throw new AlreadyExistsException(ctx.error(ResourceKind.NODE_GROUP, group.name()), "cluster '" + cluster + "' has a node group of this name");
        }
        String vpcId = raw.path("ClusterNetworkSettings").path("VpcId").asText();
        List<String> subnets = new ArrayList<>();
        raw.path("ClusterNetworkSettings").path("Subnets").forEach(s -> subnets.add(s.asText()));
        createPool(id, vpcId, subnets, group);
        return toRecord(raw);
    }

    @Override
    public Cluster removeNodeGroup(String cluster, String nodeGroup) {
        JsonNode raw = requireRaw(cluster);
        String id = raw.path("ClusterId").asText();
        ObjectNode params = TencentApi.object();
        params.put("ClusterId", id);
        params.set("NodePoolIds", TencentApi.strings(List.of(requirePool(id, cluster, nodeGroup).path("NodePoolId").asText())));
        params.put("KeepInstance", false);
        ctx.api().change(Product.TKE, "DeleteClusterNodePool", params, ResourceKind.NODE_GROUP, nodeGroup);
        return toRecord(raw);
    }

    @Override
    public Cluster scaleNodeGroup(String cluster, String nodeGroup, int minSize, int maxSize, int desiredSize) {
        NodeGroupRequest.checkSizes(minSize, maxSize, desiredSize);
        JsonNode raw = requireRaw(cluster);
        String id = raw.path("ClusterId").asText();
        String poolId = requirePool(id, cluster, nodeGroup).path("NodePoolId").asText();
        ObjectNode modify = TencentApi.object();
        modify.put("ClusterId", id);
        modify.put("NodePoolId", poolId);
        modify.put("MinNodesNum", minSize);
        modify.put("MaxNodesNum", maxSize);
        ctx.api().change(Product.TKE, "ModifyClusterNodePool", modify, ResourceKind.NODE_GROUP, nodeGroup);
        ObjectNode desired = TencentApi.object();
        desired.put("ClusterId", id);
        desired.put("NodePoolId", poolId);
        desired.put("DesiredCapacity", desiredSize);
        ctx.api().change(Product.TKE, "ModifyNodePoolDesiredCapacityAboutAsg", desired, ResourceKind.NODE_GROUP, nodeGroup);
        return toRecord(raw);
    }

    private List<JsonNode> pools(String clusterId) {
        ObjectNode params = TencentApi.object();
        params.put("ClusterId", clusterId);
        List<JsonNode> out = new ArrayList<>();
        ctx.api().read(Product.TKE, "DescribeClusterNodePools", params, ResourceKind.NODE_GROUP, null).path("NodePoolSet").forEach(out::add);
        return out;
    }

    private JsonNode requirePool(String clusterId, String cluster, String nodeGroup) {
        return pools(clusterId).stream().filter(p -> nodeGroup.equals(p.path("Name").asText()) || nodeGroup.equals(p.path("NodePoolId").asText()))
                .findFirst().orElseThrow(() -> new NotFoundException(ctx.error(ResourceKind.NODE_GROUP, nodeGroup),
                        "cluster '" + cluster + "' has no node group of this name"));
    }

    static ClusterStatus status(String state) {
        return switch (state.toLowerCase(Locale.ROOT)) {
            case "running", "normal" -> ClusterStatus.ACTIVE;
            case "creating", "initializing" -> ClusterStatus.CREATING;
            case "deleting", "removing" -> ClusterStatus.DELETING;
            case "abnormal", "failed" -> ClusterStatus.FAILED;
            default -> ClusterStatus.UPDATING;
        };
    }

    private Cluster toRecord(JsonNode c) {
        String id = c.path("ClusterId").asText();
        JsonNode net = c.path("ClusterNetworkSettings");
        List<String> subnetIds = new ArrayList<>();
        net.path("Subnets").forEach(s -> subnetIds.add(s.asText()));
        Map<String, JsonNode> subnets = networks.subnets(subnetIds);
        String vpcId = net.path("VpcId").asText(null);
        List<NodeGroup> groups = new ArrayList<>();
        for (JsonNode p : pools(id)) {
            Map<String, String> tags = TencentTagCodec.raw(p.path("Tags"));
            groups.add(new NodeGroup(p.path("Name").asText(), p.path("NodePoolId").asText(), tags.get(SPEC_TAG), tags.get(IMAGE_TAG),
                    p.path("MinNodesNum").asInt(), p.path("MaxNodesNum").asInt(), p.path("DesiredNodesNum").asInt(),
                    status(p.path("LifeState").asText("")), tags.get(KEY_TAG), Integer.parseInt(tags.getOrDefault(DISK_TAG, "0"))));
        }
        return new Cluster(TencentTagCodec.nameOr(c.path("ClusterName").asText(), id), id, c.path("ClusterVersion").asText(null),
                vpcId == null ? null : networks.names(List.of(vpcId)).getOrDefault(vpcId, vpcId),
                subnetIds.stream().map(s -> subnets.containsKey(s) ? TencentNetworks.subnet(subnets.get(s)).name() : s).toList(),
                List.of(), status(c.path("ClusterStatus").asText("")), null, groups, TencentTagCodec.decode(rawTags(c)));
    }

    /** A cluster's tags as TKE keeps them (its {@code TagSpecification}s' {@code Tags}), not decoded. */
    static Map<String, String> rawTags(JsonNode c) {
        Map<String, String> tags = new LinkedHashMap<>();
        c.path("TagSpecification").forEach(spec -> spec.path("Tags").forEach(t -> tags.put(t.path("Key").asText(), t.path("Value").asText())));
        return tags;
    }
}
