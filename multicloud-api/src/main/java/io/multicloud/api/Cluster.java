package io.multicloud.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A managed Kubernetes cluster.
 *
 * @param name the user's name
 * @param id the cloud's id
 * @param version the Kubernetes version
 * @param vpc its VPC's name
 * @param subnets names of its subnets
 * @param securityGroups names of its security groups
 * @param status its status
 * @param endpoint the API server's URL, once known
 * @param nodeGroups its node groups
 * @param tags its tags
 */
public record Cluster(String name, String id, String version, String vpc, List<String> subnets,
                      List<String> securityGroups, ClusterStatus status, String endpoint,
                      List<NodeGroup> nodeGroups, Map<String, String> tags) implements Tagged {
    public Cluster {
        subnets = List.copyOf(subnets);
        securityGroups = List.copyOf(securityGroups);
        nodeGroups = List.copyOf(nodeGroups);
        tags = Map.copyOf(tags);
    }

    /** The node group of that name, if any. */
    public Optional<NodeGroup> nodeGroup(String nodeGroupName) {
        return nodeGroups.stream().filter(g -> g.name().equals(nodeGroupName)).findFirst();
    }
}
