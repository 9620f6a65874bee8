package io.multicloud.spi;

import io.multicloud.api.Cluster;
import io.multicloud.api.ClusterRequest;
import io.multicloud.api.NodeGroupRequest;

/** Managed Kubernetes clusters and their node groups. */
public interface ClusterService extends ResourceService<Cluster, ClusterRequest> {
    Cluster addNodeGroup(String cluster, NodeGroupRequest nodeGroup);

    Cluster removeNodeGroup(String cluster, String nodeGroup);

    Cluster scaleNodeGroup(String cluster, String nodeGroup, int minSize, int maxSize, int desiredSize);
}
