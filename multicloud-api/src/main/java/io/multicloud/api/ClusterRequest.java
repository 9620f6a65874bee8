package io.multicloud.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A managed Kubernetes cluster to create.
 * <pre>{@code ClusterRequest.named("k1").version("1.30").vpc("vpc-1").subnets("sn-1", "sn-2")
 *     .nodeGroup(NodeGroupRequest.of("ng-1", "t3.medium", 2))}</pre>
 *
 * @param name the cluster's name
 * @param version the Kubernetes version, or null for the cloud's default
 * @param vpc its VPC's name
 * @param subnets names of its subnets
 * @param securityGroups names of its security groups
 * @param nodeGroups node groups to create with it
 * @param tags its tags
 */
public record ClusterRequest(String name, String version, String vpc, List<String> subnets, List<String> securityGroups,
                             List<NodeGroupRequest> nodeGroups, Map<String, String> tags) implements CreateRequest, TaggedRequest<ClusterRequest> {
    public ClusterRequest {
        Validate.name("cluster name", name);
        if (version != null && !version.matches("\\d+\\.\\d+(\\.\\d+)?")) {
            throw new InvalidRequestException("cluster version", "'" + version + "' is not a version like 1.30");
        }
        subnets = List.copyOf(subnets);
        subnets.forEach(s -> Validate.name("subnet", s));
        securityGroups = List.copyOf(securityGroups);
        securityGroups.forEach(s -> Validate.name("security group", s));
        nodeGroups = List.copyOf(nodeGroups);
        Set<String> names = new HashSet<>();
        nodeGroups.forEach(g -> {
            if (!names.add(g.name())) {
                throw new InvalidRequestException("node group name", "'" + g.name() + "' is used twice");
            }
        });
        tags = Validate.tags("cluster tags", tags);
    }

    /** A request with only a name. */
    public static ClusterRequest named(String name) {
        return new ClusterRequest(name, null, null, List.of(), List.of(), List.of(), Map.of());
    }

    /** A copy with this Kubernetes version. */
    public ClusterRequest version(String newVersion) {
        return new ClusterRequest(name, newVersion, vpc, subnets, securityGroups, nodeGroups, tags);
    }

    /** A copy in this VPC. */
    public ClusterRequest vpc(String vpcName) {
        Validate.name("vpc", vpcName);
        return new ClusterRequest(name, version, vpcName, subnets, securityGroups, nodeGroups, tags);
    }

    /** A copy on these subnets. */
    public ClusterRequest subnets(String... names) {
        return new ClusterRequest(name, version, vpc, List.of(names), securityGroups, nodeGroups, tags);
    }

    /** A copy with these security groups. */
    public ClusterRequest securityGroups(String... names) {
        return new ClusterRequest(name, version, vpc, subnets, List.of(names), nodeGroups, tags);
    }

    /** A copy with one more node group. */
    public ClusterRequest nodeGroup(NodeGroupRequest group) {
        List<NodeGroupRequest> copy = new ArrayList<>(nodeGroups);
        copy.add(group);
        return new ClusterRequest(name, version, vpc, subnets, securityGroups, copy, tags);
    }

    /** A copy with one more tag. */
    public ClusterRequest tag(String key, String value) {
        return new ClusterRequest(name, version, vpc, subnets, securityGroups, nodeGroups, TagMaps.with(tags, key, value));
    }

    @Override
    public void requireComplete() {
        Validate.notBlank("vpc", vpc);
        Validate.notEmpty("subnets", subnets);
        nodeGroups.forEach(NodeGroupRequest::requireComplete);
    }
}
