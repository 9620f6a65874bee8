package io.multicloud.api;

/** The managed Kubernetes clusters of a connection. */
public interface Clusters extends Resources<Cluster, ClusterRequest> {
    /** Adds a node group. */
    Cluster addNodeGroup(String cluster, NodeGroupRequest nodeGroup);

    /** Removes a node group. */
    Cluster removeNodeGroup(String cluster, String nodeGroup);

    /** Changes a node group's sizes (min ≤ desired ≤ max). */
    Cluster scaleNodeGroup(String cluster, String nodeGroup, int minSize, int maxSize, int desiredSize);
}
