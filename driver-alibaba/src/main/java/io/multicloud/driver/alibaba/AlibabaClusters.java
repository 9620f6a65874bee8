package io.multicloud.driver.alibaba;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.Cidr;
import io.multicloud.api.Cluster;
import io.multicloud.api.ClusterRequest;
import io.multicloud.api.ClusterStatus;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.NodeGroup;
import io.multicloud.api.NodeGroupRequest;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.ResourceKind;
import io.multicloud.spi.ClusterService;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Kubernetes clusters as ACK managed clusters (CS API {@code cs20151215}, REST-style):
 * {@code ManagedKubernetes}, profile {@code Default}, spec {@value #DEFAULT_SPEC} (the connection
 * property {@value #SPEC} changes it), Flannel networking, the API server reachable from the
 * internet, on the request's VSwitches; a pod block and a service block that do not overlap the
 * VPC's are picked (or given with {@value #POD_CIDR} and {@value #SERVICE_CIDR}). A version such as
 * {@code 1.30} becomes the newest ACK release of it (DescribeKubernetesVersionMetadata). With one
 * security group the cluster's nodes join it; without, ACK makes one. Node groups are node pools
 * (pay-as-you-go, ESSD system disks); a pool whose min is below its max scales automatically
 * between them ({@code auto_scaling}), and its desired size is {@code desired_size}. A node pool
 * needs a key pair or a login password: without a key pair the nodes get a random password that
 * is never kept or shown (log in through Kubernetes, or give a key pair). CreateCluster takes no
 * client token, so the driver tags the cluster with a token of its own ({@link AlibabaTags#CREATE_TOKEN})
 * and, after a lost answer, adopts the cluster that carries it instead of making a second.
 *
 * <p>Status: {@code initial} → CREATING; {@code running} → ACTIVE; {@code updating},
 * {@code scaling}, {@code upgrading}, {@code waiting} → UPDATING; {@code deleting} → DELETING;
 * {@code failed}, {@code updating_failed}, {@code delete_failed}, {@code stopped},
 * {@code disconnected} → FAILED; a {@code deleted} cluster is gone. Node pools: {@code active} →
 * ACTIVE, {@code initial} → CREATING, {@code scaling}, {@code removing}, {@code updating} →
 * UPDATING, {@code deleting} → DELETING, {@code failed} → FAILED.
 *
 * <p>Calls: {@code list()} of N clusters costs ceil(N/100) DescribeClustersV1, one
 * DescribeClusterNodePools per cluster (ACK lists pools per cluster only) and three look-ups for
 * names (VPCs, VSwitches, security groups).
 */
final class AlibabaClusters implements ClusterService {
    /** Property: the ACK cluster spec (default {@value #DEFAULT_SPEC}, ACK Pro). */
    static final String SPEC = "ack_cluster_spec";
    static final String DEFAULT_SPEC = "ack.pro.small";
    /** Property: the pod address block (Flannel). */
    static final String POD_CIDR = "ack_pod_cidr";
    /** Property: the service address block. */
    static final String SERVICE_CIDR = "ack_service_cidr";
    /** The tag ACK puts on its clusters: the cluster's own id. */
    static final String ACK_TAG = "ack.aliyun.com";
    private static final ResourceKind KIND = ResourceKind.CLUSTER;
    private static final Pattern ID = Pattern.compile("c[0-9a-f]{32}");
    private static final long PAGE = 100;
    private static final int CREATE_TRIES = 3;
    /** Pod and service blocks to pick from, the first pair that does not overlap the VPC's. */
    private static final List<String[]> BLOCKS = List.of(
            new String[]{"172.20.0.0/16", "172.21.0.0/20"},
            new String[]{"10.244.0.0/16", "10.96.0.0/20"},
            new String[]{"192.168.0.0/17", "192.168.128.0/20"});
    /** How long a new cluster may take to run before its node pools are added. */
    private static final Duration RUNNING = Duration.ofMinutes(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AlibabaContext ctx;
    private final AlibabaNetworks networks;
    private final AlibabaSecurityGroups groups;
    private final AlibabaImages images;

    AlibabaClusters(AlibabaContext ctx, AlibabaNetworks networks, AlibabaSecurityGroups groups, AlibabaImages images) {
        this.ctx = ctx;
        this.networks = networks;
        this.groups = groups;
        this.images = images;
    }

    private com.aliyun.cs20151215.Client cs() {
        return ctx.clients().cs();
    }

    /** A cluster as DescribeClustersV1 and DescribeClusterDetail report it. */
    record RawCluster(String id, String name, String state, String version, String vpcId, List<String> switchIds,
                      String groupId, String masterUrl, Map<String, String> cloudTags) {
    }

    /** The user's tags of a cluster: its decoded tags without ACK's own tag. */
    static Map<String, String> userTags(Map<String, String> cloud, String clusterId) {
        Map<String, String> out = new HashMap<>(AlibabaTags.decode(cloud));
        if (clusterId != null && clusterId.equals(out.get(ACK_TAG))) {
            out.remove(ACK_TAG);
        }
        return Map.copyOf(out);
    }

    private static List<String> split(String ids) {
        return ids == null || ids.isBlank() ? List.of() : Arrays.stream(ids.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static Map<String, String> tagMap(List<com.aliyun.cs20151215.models.Tag> tags) {
        Map<String, String> out = new HashMap<>();
        if (tags != null) {
            tags.forEach(t -> out.put(t.getKey(), t.getValue() == null ? "" : t.getValue()));
        }
        return out;
    }

    /** Clusters to the end, filtered by name when given; deleted ones left out. */
    private List<RawCluster> rawClusters(String name) {
        List<RawCluster> out = new ArrayList<>();
        for (long page = 1; ; page++) {
            long number = page;
            var body = ctx.call(KIND, name, () -> cs().describeClustersV1(new com.aliyun.cs20151215.models.DescribeClustersV1Request()
                    .setRegionId(ctx.region()).setName(name).setPageNumber(number).setPageSize(PAGE)).getBody());
            var clusters = body.getClusters() == null ? List.<com.aliyun.cs20151215.models.DescribeClustersV1ResponseBody.DescribeClustersV1ResponseBodyClusters>of()
                    : body.getClusters();
            clusters.forEach(c -> out.add(new RawCluster(c.getClusterId(), c.getName(), c.getState(), c.getCurrentVersion(), c.getVpcId(),
                    split(c.getVswitchId()), c.getSecurityGroupId(), c.getMasterUrl(), tagMap(c.getTags()))));
            int total = body.getPageInfo() == null || body.getPageInfo().getTotalCount() == null ? 0 : body.getPageInfo().getTotalCount();
            if (clusters.isEmpty() || out.size() >= total) {
                break;
            }
        }
        return out.stream().filter(c -> !"deleted".equals(c.state())).toList();
    }

    private Optional<RawCluster> raw(String nameOrId) {
        if (ID.matcher(nameOrId).matches()) {
            try {
                var c = ctx.call(KIND, nameOrId, () -> cs().describeClusterDetail(nameOrId).getBody());
                if (!"deleted".equals(c.getState())) {
                    return Optional.of(new RawCluster(c.getClusterId(), c.getName(), c.getState(), c.getCurrentVersion(), c.getVpcId(),
                            split(c.getVswitchId()), c.getSecurityGroupId(), c.getMasterUrl(), tagMap(c.getTags())));
                }
            } catch (NotFoundException e) {
                // not an id after all: try it as a name
            }
        }
        return rawClusters(nameOrId).stream().filter(c -> nameOrId.equals(c.name())).findFirst();
    }

    private RawCluster require(String name) {
        return raw(name).orElseThrow(() -> new NotFoundException(ctx.error(KIND, name), "no ACK cluster of this name"));
    }

    private record Names(Map<String, String> vpcs, Map<String, String> switches, Map<String, String> groups) {
    }

    private Names names() {
        return new Names(networks.vpcNames(), networks.switchNames(), groups.names());
    }

    @Override
    public List<Cluster> list() {
        List<RawCluster> raw = rawClusters(null);
        if (raw.isEmpty()) {
            return List.of();
        }
        Names names = names();
        return raw.stream().map(c -> toRecord(c, names)).flatMap(Optional::stream).sorted(Comparator.comparing(Cluster::name)).toList();
    }

    @Override
    public Optional<Cluster> find(String nameOrId) {
        return raw(nameOrId).flatMap(c -> toRecord(c, names()));
    }

    /** The cluster with its node pools; empty when it went away (deleted) between the listing and the pools. */
    private Optional<Cluster> toRecord(RawCluster c, Names names) {
        List<NodeGroup> pools;
        try {
            pools = pools(c.id(), AlibabaNames.of(c.name(), c.id())).stream().map(AlibabaClusters::toNodeGroup)
                    .sorted(Comparator.comparing(NodeGroup::name)).toList();
        } catch (NotFoundException e) {
            return Optional.empty();
        }
        List<String> subnets = c.switchIds().stream().map(id -> names.switches().getOrDefault(id, id)).toList();
        List<String> sgs = c.groupId() == null || c.groupId().isEmpty() ? List.of()
                : List.of(names.groups().getOrDefault(c.groupId(), c.groupId()));
        String vpc = c.vpcId() == null ? null : names.vpcs().getOrDefault(c.vpcId(), c.vpcId());
        return Optional.of(new Cluster(AlibabaNames.of(c.name(), c.id()), c.id(), c.version(), vpc, subnets, sgs, status(c.state()),
                endpoint(c.masterUrl()), pools, userTags(c.cloudTags(), c.id())));
    }

    static ClusterStatus status(String state) {
        return switch (state == null ? "" : state.toLowerCase(Locale.ROOT)) {
            case "initial" -> ClusterStatus.CREATING;
            case "running" -> ClusterStatus.ACTIVE;
            case "deleting" -> ClusterStatus.DELETING;
            case "failed", "updating_failed", "delete_failed", "stopped", "disconnected" -> ClusterStatus.FAILED;
            default -> ClusterStatus.UPDATING; // updating, scaling, upgrading, waiting
        };
    }

    static ClusterStatus poolStatus(String state) {
        return switch (state == null ? "" : state.toLowerCase(Locale.ROOT)) {
            case "active" -> ClusterStatus.ACTIVE;
            case "initial" -> ClusterStatus.CREATING;
            case "deleting" -> ClusterStatus.DELETING;
            case "failed" -> ClusterStatus.FAILED;
            default -> ClusterStatus.UPDATING; // scaling, removing, updating
        };
    }

    /** The API server's URL from {@code master_url} (JSON in a string): the public one, else the private one. */
    static String endpoint(String masterUrl) {
        if (masterUrl == null || masterUrl.isBlank()) {
            return null;
        }
        try {
            if (com.aliyun.teautil.Common.parseJSON(masterUrl) instanceof Map<?, ?> m) {
                Object url = m.get("api_server_endpoint");
                if (url == null || url.toString().isEmpty()) {
                    url = m.get("intranet_api_server_endpoint");
                }
                return url == null || url.toString().isEmpty() ? null : url.toString();
            }
        } catch (RuntimeException e) {
            // not JSON: no endpoint known
        }
        return null;
    }

    private List<com.aliyun.cs20151215.models.DescribeClusterNodePoolsResponseBody.DescribeClusterNodePoolsResponseBodyNodepools> pools(
            String clusterId, String name) {
        var body = ctx.call(KIND, name, () -> cs().describeClusterNodePools(clusterId).getBody());
        return body.getNodepools() == null ? List.of() : body.getNodepools();
    }

    private static NodeGroup toNodeGroup(com.aliyun.cs20151215.models.DescribeClusterNodePoolsResponseBody.DescribeClusterNodePoolsResponseBodyNodepools p) {
        var info = p.getNodepoolInfo();
        var sg = p.getScalingGroup();
        var as = p.getAutoScaling();
        int desired = sg == null || sg.getDesiredSize() == null ? 0 : sg.getDesiredSize().intValue();
        boolean auto = as != null && Boolean.TRUE.equals(as.getEnable());
        int min = auto && as.getMinInstances() != null ? as.getMinInstances().intValue() : desired;
        int max = auto && as.getMaxInstances() != null ? as.getMaxInstances().intValue() : desired;
        String spec = sg == null || sg.getInstanceTypes() == null || sg.getInstanceTypes().isEmpty() ? null : sg.getInstanceTypes().getFirst();
        String image = sg == null || sg.getImageId() == null || sg.getImageId().isEmpty() ? null : sg.getImageId();
        String key = sg == null || sg.getKeyPair() == null || sg.getKeyPair().isEmpty() ? null : sg.getKeyPair();
        int disk = sg == null || sg.getSystemDiskSize() == null ? 0 : sg.getSystemDiskSize().intValue();
        String state = p.getStatus() == null ? null : p.getStatus().getState();
        return new NodeGroup(AlibabaNames.of(info.getName(), info.getNodepoolId()), info.getNodepoolId(), spec, image, min, max, desired,
                poolStatus(state), key, disk);
    }

    @Override
    public Cluster create(ClusterRequest request) {
        String name = request.name();
        if (rawClusters(name).stream().anyMatch(c -> name.equals(c.name()))) {
            throw new AlreadyExistsException(ctx.error(KIND, name), "an ACK cluster of this name exists");
        }
        AlibabaNetworks.RawVpc vpc = networks.requireVpc(request.vpc());
        List<String> switchIds = request.subnets().stream().map(s -> networks.requireSwitch(vpc, s).id()).toList();
        if (request.securityGroups().size() > 1) {
            throw new InvalidRequestException(ctx.error(KIND, name), "security groups", "an ACK cluster takes one security group, not "
                    + request.securityGroups().size());
        }
        String[] blocks = blocks(name, vpc.cidr());
        var create = new com.aliyun.cs20151215.models.CreateClusterRequest().setName(name).setRegionId(ctx.region())
                .setClusterType("ManagedKubernetes").setProfile("Default").setClusterSpec(ctx.config().property(SPEC).orElse(DEFAULT_SPEC))
                .setVpcid(vpc.id()).setVswitchIds(switchIds).setContainerCidr(blocks[0]).setServiceCidr(blocks[1])
                .setEndpointPublicAccess(true).setAddons(List.of(new com.aliyun.cs20151215.models.Addon().setName("flannel")));
        if (request.version() != null) {
            create.setKubernetesVersion(version(name, request.version()));
        }
        if (!request.securityGroups().isEmpty()) {
            create.setSecurityGroupId(groups.require(request.securityGroups().getFirst()).id());
        }
        Map<String, String> cloudTags = new java.util.LinkedHashMap<>(AlibabaTags.encode(request.tags(), AlibabaTags.CS));
        String token = java.util.UUID.randomUUID().toString();
        cloudTags.put(AlibabaTags.CREATE_TOKEN, token);
        if (cloudTags.size() > AlibabaTags.MAX_TAGS) {
            throw new InvalidRequestException(ctx.error(KIND, name), "tags", "Alibaba Cloud keeps at most " + AlibabaTags.MAX_TAGS
                    + " tags on a cluster and the driver takes one for its create token; these take " + cloudTags.size());
        }
        List<com.aliyun.cs20151215.models.Tag> tags = new ArrayList<>();
        cloudTags.forEach((k, v) -> tags.add(new com.aliyun.cs20151215.models.Tag().setKey(k).setValue(v)));
        create.setTags(tags);
        String id = createOnce(name, token, create);
        if (!request.nodeGroups().isEmpty()) {
            // ACK adds node pools to a running cluster only.
            ctx.await(KIND, name, "running", RUNNING, () -> raw(id).filter(c -> {
                if (status(c.state()) == ClusterStatus.FAILED) {
                    throw new io.multicloud.api.ConflictException(ctx.error(KIND, name).provider(c.state(), null),
                            "the new cluster failed (" + c.state() + ") before its node pools could be added");
                }
                return "running".equals(c.state());
            }));
            for (NodeGroupRequest group : request.nodeGroups()) {
                createPool(name, id, switchIds, group);
            }
        }
        return find(id).orElseThrow(() -> new NotFoundException(ctx.error(KIND, name), "the new cluster is not listed"));
    }

    /**
     * CreateCluster, which takes no client token: after a transient failure (a lost answer) the
     * cluster this call made is found by its name and the driver's token tag, else the call is
     * tried again, up to {@value #CREATE_TRIES} times.
     */
    private String createOnce(String name, String token, com.aliyun.cs20151215.models.CreateClusterRequest create) {
        for (int attempt = 1; ; attempt++) {
            try {
                return ctx.call(KIND, name, () -> cs().createCluster(create).getBody().getClusterId());
            } catch (io.multicloud.api.TransientCloudException e) {
                Optional<RawCluster> made = rawClusters(name).stream()
                        .filter(c -> name.equals(c.name()) && token.equals(c.cloudTags().get(AlibabaTags.CREATE_TOKEN))).findFirst();
                if (made.isPresent()) {
                    return made.get().id();
                }
                if (attempt >= CREATE_TRIES) {
                    throw e;
                }
            }
        }
    }

    /** The pod and service blocks: the connection's, else the first pair that does not overlap the VPC's. */
    private String[] blocks(String name, String vpcCidr) {
        Optional<String> pods = ctx.config().property(POD_CIDR);
        Optional<String> services = ctx.config().property(SERVICE_CIDR);
        Cidr vpc = Cidr.parse(vpcCidr);
        for (String[] pair : BLOCKS) {
            String p = pods.orElse(pair[0]);
            String s = services.orElse(pair[1]);
            if (!vpc.overlaps(Cidr.parse(p)) && !vpc.overlaps(Cidr.parse(s)) && !Cidr.parse(p).overlaps(Cidr.parse(s))) {
                return new String[]{p, s};
            }
        }
        throw new InvalidRequestException(ctx.error(KIND, name), "vpc", "no pod and service address blocks left beside the VPC's "
                + vpcCidr + "; set the connection properties " + POD_CIDR + " and " + SERVICE_CIDR);
    }

    /** The newest ACK release of a version such as 1.30 (or the exact release asked for). */
    private String version(String name, String wanted) {
        var metas = ctx.call(KIND, name, () -> cs().describeKubernetesVersionMetadata(
                new com.aliyun.cs20151215.models.DescribeKubernetesVersionMetadataRequest().setRegion(ctx.region())
                        .setClusterType("ManagedKubernetes").setProfile("Default")).getBody());
        List<String> known = metas == null ? List.of() : metas.stream().map(m -> m.getVersion()).filter(v -> v != null).toList();
        return known.stream().filter(v -> v.equals(wanted) || v.startsWith(wanted + ".") || v.startsWith(wanted + "-"))
                .max(AlibabaClusters::compareVersions)
                .orElseThrow(() -> new InvalidRequestException(ctx.error(KIND, name), "cluster version", "ACK offers no Kubernetes "
                        + wanted + " here; it offers " + known));
    }

    static int compareVersions(String a, String b) {
        String[] x = a.split("[.-]");
        String[] y = b.split("[.-]");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = x[i].matches("\\d+") && y[i].matches("\\d+") ? Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]))
                    : x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private void createPool(String cluster, String clusterId, List<String> switchIds, NodeGroupRequest g) {
        var sg = new com.aliyun.cs20151215.models.CreateClusterNodePoolRequest.CreateClusterNodePoolRequestScalingGroup()
                .setVswitchIds(switchIds).setInstanceTypes(List.of(g.spec())).setInstanceChargeType("PostPaid")
                .setSystemDiskCategory("cloud_essd").setDesiredSize((long) g.desiredSize());
        if (g.rootDiskGB() > 0) {
            sg.setSystemDiskSize((long) g.rootDiskGB());
        }
        if (g.image() != null) {
            sg.setImageId(images.resolve(g.image()).orElseThrow(() -> new NotFoundException(ctx.error(ResourceKind.IMAGE, g.image()),
                    "no alias, image id or image name matches")).id());
        }
        if (g.keyPair() != null) {
            sg.setKeyPair(g.keyPair());
        } else {
            sg.setLoginPassword(randomPassword());
        }
        var request = new com.aliyun.cs20151215.models.CreateClusterNodePoolRequest()
                .setNodepoolInfo(new com.aliyun.cs20151215.models.CreateClusterNodePoolRequest.CreateClusterNodePoolRequestNodepoolInfo()
                        .setName(g.name()))
                .setAutoScaling(new com.aliyun.cs20151215.models.CreateClusterNodePoolRequest.CreateClusterNodePoolRequestAutoScaling()
                        .setEnable(g.minSize() < g.maxSize()).setMinInstances((long) g.minSize()).setMaxInstances((long) g.maxSize()))
                .setScalingGroup(sg);
        ctx.call(ResourceKind.NODE_GROUP, g.name(), () -> cs().createClusterNodePool(clusterId, request));
    }

    /** A password of ACK's rules (8–30 characters of three kinds) that nobody is told. */
    private static String randomPassword() {
        String lower = "abcdefghijkmnpqrstuvwxyz";
        String upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        String digits = "23456789";
        String all = lower + upper + digits;
        StringBuilder out = new StringBuilder();
        out.append(lower.charAt(RANDOM.nextInt(lower.length()))).append(upper.charAt(RANDOM.nextInt(upper.length())))
                .append(digits.charAt(RANDOM.nextInt(digits.length())));
        for (int i = 0; i < 21; i++) {
            out.append(all.charAt(RANDOM.nextInt(all.length())));
        }
        return out.toString();
    }

    @Override
    public void delete(String name) {
        RawCluster c = require(name);
        if (status(c.state()) != ClusterStatus.DELETING) {
            ctx.call(KIND, name, () -> cs().deleteCluster(c.id(), new com.aliyun.cs20151215.models.DeleteClusterRequest()));
        }
    }

    @Override
    public Cluster addNodeGroup(String cluster, NodeGroupRequest nodeGroup) {
        RawCluster c = require(cluster);
        if (pools(c.id(), cluster).stream().anyMatch(p -> nodeGroup.name().equals(p.getNodepoolInfo().getName()))) {
            throw new AlreadyExistsException(ctx.error(ResourceKind.NODE_GROUP, nodeGroup.name()), "cluster '" + cluster
                    + "' has a node pool of this name");
        }
        createPool(cluster, c.id(), c.switchIds(), nodeGroup);
        return find(c.id()).orElseThrow();
    }

    private String requirePool(RawCluster c, String cluster, String nodeGroup) {
        return pools(c.id(), cluster).stream().map(p -> p.getNodepoolInfo())
                .filter(i -> nodeGroup.equals(i.getName()) || nodeGroup.equals(i.getNodepoolId())).findFirst()
                .map(i -> i.getNodepoolId())
                .orElseThrow(() -> new NotFoundException(ctx.error(ResourceKind.NODE_GROUP, nodeGroup), "cluster '" + cluster
                        + "' has no node pool of this name"));
    }

    @Override
    public Cluster removeNodeGroup(String cluster, String nodeGroup) {
        RawCluster c = require(cluster);
        String poolId = requirePool(c, cluster, nodeGroup);
        ctx.call(ResourceKind.NODE_GROUP, nodeGroup, () -> cs().deleteClusterNodepool(c.id(), poolId,
                new com.aliyun.cs20151215.models.DeleteClusterNodepoolRequest().setForce(true)));
        return find(c.id()).orElseThrow();
    }

    @Override
    public Cluster scaleNodeGroup(String cluster, String nodeGroup, int minSize, int maxSize, int desiredSize) {
        NodeGroupRequest.checkSizes(minSize, maxSize, desiredSize);
        RawCluster c = require(cluster);
        String poolId = requirePool(c, cluster, nodeGroup);
        var request = new com.aliyun.cs20151215.models.ModifyClusterNodePoolRequest()
                .setAutoScaling(new com.aliyun.cs20151215.models.ModifyClusterNodePoolRequest.ModifyClusterNodePoolRequestAutoScaling()
                        .setEnable(minSize < maxSize).setMinInstances((long) minSize).setMaxInstances((long) maxSize))
                .setScalingGroup(new com.aliyun.cs20151215.models.ModifyClusterNodePoolRequest.ModifyClusterNodePoolRequestScalingGroup()
                        .setDesiredSize((long) desiredSize));
        ctx.call(ResourceKind.NODE_GROUP, nodeGroup, () -> cs().modifyClusterNodePool(c.id(), poolId, request));
        return find(c.id()).orElseThrow();
    }

    /** User names of clusters by id, from one listing (for the tag service). */
    Map<String, String> names(java.util.Set<String> ids) {
        Map<String, String> out = new HashMap<>();
        rawClusters(null).forEach(c -> out.put(c.id(), AlibabaNames.of(c.name(), c.id())));
        return out;
    }
}
