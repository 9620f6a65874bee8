package io.multicloud.driver.aws;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.Cluster;
import io.multicloud.api.ClusterRequest;
import io.multicloud.api.ClusterStatus;
import io.multicloud.api.ConflictException;
import io.multicloud.api.ErrorContext;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.NodeGroup;
import io.multicloud.api.NodeGroupRequest;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.ResourceKind;
import io.multicloud.spi.ClusterService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.AMITypes;
import software.amazon.awssdk.services.eks.model.Nodegroup;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;

/**
 * Kubernetes clusters on EKS. A cluster's name is its native EKS name; its subnets and
 * security groups are given by the user's names and resolved through EC2. Node groups are EKS
 * managed node groups on the cluster's subnets.
 *
 * <p>Connection properties: {@value #ROLE_ARN} (required to create a cluster: the IAM role EKS
 * assumes for the control plane) and {@value #NODE_ROLE_ARN} (required to create a node group:
 * the IAM role of the worker nodes).
 */
final class AwsClusters implements ClusterService {
    /** Property: the IAM role ARN of EKS clusters' control plane. */
    public static final String ROLE_ARN = "eks_role_arn";
    /** Property: the IAM role ARN of EKS node groups' nodes. */
    public static final String NODE_ROLE_ARN = "eks_node_role_arn";
    private static final ResourceKind KIND = ResourceKind.CLUSTER;
    /** EKS's node disk when none is asked for. */
    private static final int DEFAULT_DISK_GB = 20;

    private final AwsContext ctx;
    private final Ec2Lookups lookups;

    AwsClusters(AwsContext ctx) {
        this.ctx = ctx;
        this.lookups = new Ec2Lookups(ctx);
    }

    private EksClient eks() {
        return ctx.clients().eks();
    }

    @Override
    public List<Cluster> list() {
        List<String> names = ctx.errors().call(KIND, null, () -> eks().listClustersPaginator(r -> { }).clusters().stream().toList());
        // A cluster deleted between the listing and its description is simply left out.
        return names.stream().map(this::describe).flatMap(Optional::stream).map(this::toRecord).toList();
    }

    @Override
    public Optional<Cluster> find(String name) {
        return describe(name).map(this::toRecord);
    }

    @Override
    public Cluster create(ClusterRequest request) {
        request.requireComplete();
        String name = request.name();
        String role = property(ROLE_ARN, name);
        if (describe(name).isPresent()) {
            throw new AlreadyExistsException(context(KIND, name), "an EKS cluster of this name exists");
        }
        String vpcId = lookups.vpcId(request.vpc());
        List<String> subnets = lookups.subnetIds(vpcId, request.subnets());
        List<String> groups = lookups.securityGroupIds(vpcId, request.securityGroups());
        try {
            ctx.errors().run(KIND, name, () -> eks().createCluster(r -> {
                r.name(name).roleArn(role).tags(tags(name, request.tags()))
                        .resourcesVpcConfig(v -> v.subnetIds(subnets).securityGroupIds(groups));
                if (request.version() != null) {
                    r.version(request.version());
                }
            }));
        } catch (ConflictException e) {
            // EKS answers ResourceInUseException when the name was taken meanwhile.
            throw new AlreadyExistsException(e.context(), "an EKS cluster of this name exists", e);
        }
        for (NodeGroupRequest group : request.nodeGroups()) {
            createNodeGroup(name, subnets, group);
        }
        return require(name);
    }

    @Override
    public void delete(String name) {
        Cluster cluster = require(name);
        if (!cluster.nodeGroups().isEmpty()) {
            throw new ConflictException(context(KIND, name).provider("ResourceInUseException", null),
                    "has node group(s) " + cluster.nodeGroups().stream().map(NodeGroup::name).toList()
                            + "; remove them before you delete the cluster");
        }
        if (cluster.status() != ClusterStatus.DELETING) {
            ctx.errors().run(KIND, name, () -> eks().deleteCluster(r -> r.name(name)));
        }
    }

    @Override
    public Cluster addNodeGroup(String cluster, NodeGroupRequest nodeGroup) {
        nodeGroup.requireComplete();
        Cluster found = require(cluster);
        if (found.nodeGroup(nodeGroup.name()).isPresent()) {
            throw new AlreadyExistsException(context(ResourceKind.NODE_GROUP, nodeGroup.name()),
                    "cluster '" + cluster + "' has a node group of that name");
        }
        var subnets = ctx.errors().call(KIND, cluster, () -> eks().describeCluster(r -> r.name(cluster)).cluster()
                .resourcesVpcConfig().subnetIds());
        createNodeGroup(cluster, subnets, nodeGroup);
        return require(cluster);
    }

    @Override
    public Cluster removeNodeGroup(String cluster, String nodeGroup) {
        requireGroup(cluster, nodeGroup);
        ctx.errors().run(ResourceKind.NODE_GROUP, nodeGroup, () -> eks().deleteNodegroup(r -> r.clusterName(cluster)
                .nodegroupName(nodeGroup)));
        return require(cluster);
    }

    @Override
    public Cluster scaleNodeGroup(String cluster, String nodeGroup, int minSize, int maxSize, int desiredSize) {
        NodeGroupRequest.checkSizes(minSize, maxSize, desiredSize);
        requireGroup(cluster, nodeGroup);
        ctx.errors().run(ResourceKind.NODE_GROUP, nodeGroup, () -> eks().updateNodegroupConfig(r -> r.clusterName(cluster)
                .nodegroupName(nodeGroup).scalingConfig(s -> s.minSize(minSize).maxSize(maxSize).desiredSize(desiredSize))));
        return require(cluster);
    }

    // ---- tags, for AwsTags ----

    /** The user's tags of a cluster (the library's own tags left out). */
    Map<String, String> tagsOf(String name) {
        return userTags(rawCluster(name).tags());
    }

    /** Adds or replaces tags on a cluster. */
    void tag(String name, Map<String, String> tags) {
        String arn = rawCluster(name).arn();
        ctx.errors().run(KIND, name, () -> eks().tagResource(r -> r.resourceArn(arn).tags(tags)));
    }

    /** Removes tags from a cluster. */
    void untag(String name, Set<String> keys) {
        String arn = rawCluster(name).arn();
        ctx.errors().run(KIND, name, () -> eks().untagResource(r -> r.resourceArn(arn).tagKeys(keys)));
    }

    // ---- parts ----

    private void createNodeGroup(String cluster, List<String> subnets, NodeGroupRequest group) {
        group.requireComplete();
        String nodeRole = property(NODE_ROLE_ARN, group.name());
        AMITypes amiType = amiType(group);
        ctx.errors().run(ResourceKind.NODE_GROUP, group.name(), () -> eks().createNodegroup(r -> {
            r.clusterName(cluster).nodegroupName(group.name()).nodeRole(nodeRole).subnets(subnets)
                    .instanceTypes(group.spec()).tags(tags(group.name(), Map.of()))
                    .scalingConfig(s -> s.minSize(group.minSize()).maxSize(group.maxSize()).desiredSize(group.desiredSize()));
            if (amiType != null) {
                r.amiType(amiType);
            }
            if (group.keyPair() != null) {
                r.remoteAccess(a -> a.ec2SshKey(group.keyPair()));
            }
            if (group.rootDiskGB() > 0) {
                r.diskSize(group.rootDiskGB());
            }
        }));
    }

    /** EKS managed node groups boot an EKS AMI type (such as {@code AL2023_x86_64_STANDARD}), not any image. */
    private AMITypes amiType(NodeGroupRequest group) {
        if (group.image() == null) {
            return null;
        }
        AMITypes type = AMITypes.fromValue(group.image());
        if (type == AMITypes.UNKNOWN_TO_SDK_VERSION) {
            throw new InvalidRequestException(context(ResourceKind.NODE_GROUP, group.name()), "image",
                    "EKS node groups take an AMI type, one of " + AMITypes.knownValues());
        }
        return type;
    }

    private Optional<software.amazon.awssdk.services.eks.model.Cluster> describe(String name) {
        try {
            return Optional.of(eks().describeCluster(r -> r.name(name)).cluster());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            throw ctx.errors().map(e, KIND, name);
        }
    }

    private software.amazon.awssdk.services.eks.model.Cluster rawCluster(String name) {
        return describe(name).orElseThrow(() -> new NotFoundException(context(KIND, name), "no EKS cluster of this name"));
    }

    private Cluster require(String name) {
        return toRecord(rawCluster(name));
    }

    private void requireGroup(String cluster, String nodeGroup) {
        if (require(cluster).nodeGroup(nodeGroup).isEmpty()) {
            throw new NotFoundException(context(ResourceKind.NODE_GROUP, nodeGroup),
                    "does not exist in cluster '" + cluster + "'");
        }
    }

    private Cluster toRecord(software.amazon.awssdk.services.eks.model.Cluster c) {
        var vpc = c.resourcesVpcConfig();
        List<String> subnetIds = vpc == null ? List.of() : vpc.subnetIds();
        List<String> groupIds = vpc == null ? List.of() : vpc.securityGroupIds();
        // EKS reports the VPC id; emulators (moto) may not, and the subnets tell it too.
        String vpcId = vpc == null ? null : vpc.vpcId() != null ? vpc.vpcId() : lookups.vpcIdOfSubnets(subnetIds);
        Map<String, String> subnetNames = lookups.subnetNames(subnetIds);
        return new Cluster(c.name(), c.arn(), c.version(), lookups.vpcName(vpcId),
                subnetIds.stream().map(id -> subnetNames.getOrDefault(id, id)).toList(), lookups.securityGroupNames(groupIds), status(c.statusAsString()),
                c.endpoint(), nodeGroups(c.name()), userTags(c.tags()));
    }

    private List<NodeGroup> nodeGroups(String cluster) {
        List<String> names;
        try {
            names = eks().listNodegroupsPaginator(r -> r.clusterName(cluster)).nodegroups().stream().toList();
        } catch (ResourceNotFoundException gone) {
            return List.of();
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            throw ctx.errors().map(e, KIND, cluster);
        }
        return names.stream().map(n -> {
            try {
                return Optional.of(eks().describeNodegroup(r -> r.clusterName(cluster).nodegroupName(n)).nodegroup());
            } catch (ResourceNotFoundException gone) {
                return Optional.<Nodegroup>empty();
            } catch (software.amazon.awssdk.core.exception.SdkException e) {
                throw ctx.errors().map(e, ResourceKind.NODE_GROUP, n);
            }
        }).flatMap(Optional::stream).map(AwsClusters::toRecord).toList();
    }

    private static NodeGroup toRecord(Nodegroup g) {
        var scaling = g.scalingConfig();
        return new NodeGroup(g.nodegroupName(), g.nodegroupArn(),
                g.instanceTypes().isEmpty() ? null : g.instanceTypes().get(0),
                g.amiType() == null ? null : g.amiTypeAsString(),
                scaling == null ? 0 : scaling.minSize(), scaling == null ? 0 : scaling.maxSize(),
                scaling == null ? 0 : scaling.desiredSize(), status(g.statusAsString()),
                g.remoteAccess() == null ? null : g.remoteAccess().ec2SshKey(),
                g.diskSize() == null ? DEFAULT_DISK_GB : g.diskSize());
    }

    /** EKS's cluster and node group statuses on the common model. */
    static ClusterStatus status(String eks) {
        if (eks == null) {
            return ClusterStatus.CREATING;
        }
        return switch (eks) {
            case "ACTIVE" -> ClusterStatus.ACTIVE;
            // A degraded node group still runs its nodes; the health issues are in the native API.
            case "DEGRADED" -> ClusterStatus.ACTIVE;
            case "UPDATING" -> ClusterStatus.UPDATING;
            case "DELETING" -> ClusterStatus.DELETING;
            case "FAILED", "CREATE_FAILED", "DELETE_FAILED" -> ClusterStatus.FAILED;
            default -> ClusterStatus.CREATING; // CREATING, PENDING
        };
    }

    private static Map<String, String> tags(String name, Map<String, String> user) {
        Map<String, String> tags = new LinkedHashMap<>(user);
        tags.put(AwsTagNames.NAME, name);
        tags.put(AwsTagNames.MANAGED, AwsTagNames.MANAGED_VALUE);
        return tags;
    }

    private static Map<String, String> userTags(Map<String, String> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        if (tags != null) {
            tags.forEach((k, v) -> {
                if (!AwsTagNames.isOwn(k)) {
                    out.put(k, v);
                }
            });
        }
        return out;
    }

    private String property(String key, String name) {
        return ctx.config().property(key).filter(v -> !v.isBlank()).orElseThrow(() -> new InvalidRequestException(
                context(KIND, name), key, "set the connection property '" + key + "' to the IAM role ARN EKS needs"));
    }

    private ErrorContext context(ResourceKind kind, String name) {
        return ErrorContext.of(ctx.config().name(), kind, name);
    }
}
