package io.multicloud.core.cloud;

import io.multicloud.api.Cluster;
import io.multicloud.api.ClusterRequest;
import io.multicloud.api.Clusters;
import io.multicloud.api.NodeGroupRequest;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Validate;
import io.multicloud.spi.ClusterService;
import java.util.function.Supplier;

/** Managed Kubernetes clusters and their node groups. */
final class ClusterCollection extends ResourceCollection<Cluster, ClusterRequest, ClusterService> implements Clusters {

    ClusterCollection(CloudContext context, Supplier<ClusterService> service) {
        super(context, ResourceKind.CLUSTER, service);
    }

    @Override
    public Cluster addNodeGroup(String cluster, NodeGroupRequest nodeGroup) {
        Validate.notBlank("cluster name", cluster);
        Validate.required("node group", nodeGroup).requireComplete();
        return service().addNodeGroup(cluster, nodeGroup);
    }

    @Override
    public Cluster removeNodeGroup(String cluster, String nodeGroup) {
        return service().removeNodeGroup(Validate.notBlank("cluster name", cluster), Validate.notBlank("node group name", nodeGroup));
    }

    @Override
    public Cluster scaleNodeGroup(String cluster, String nodeGroup, int minSize, int maxSize, int desiredSize) {
        Validate.notBlank("cluster name", cluster);
        Validate.notBlank("node group name", nodeGroup);
        NodeGroupRequest.checkSizes(minSize, maxSize, desiredSize);
        return service().scaleNodeGroup(cluster, nodeGroup, minSize, maxSize, desiredSize);
    }
}
