package io.multicloud.driver.aws;

/** PLACEHOLDER, being written: replace this whole file. */
final class AwsClusters implements io.multicloud.spi.ClusterService {
    AwsClusters(AwsContext ctx) {
    }

    @Override
    public java.util.List<io.multicloud.api.Cluster> list() {
        throw new UnsupportedOperationException("AWS AwsClusters not written yet");
    }

    @Override
    public io.multicloud.api.Cluster create(io.multicloud.api.ClusterRequest request) {
        throw new UnsupportedOperationException("AWS AwsClusters not written yet");
    }

    @Override
    public void delete(String name) {
        throw new UnsupportedOperationException("AWS AwsClusters not written yet");
    }

    @Override
    public io.multicloud.api.Cluster addNodeGroup(String cluster, io.multicloud.api.NodeGroupRequest nodeGroup) {
        throw new UnsupportedOperationException("AWS AwsClusters not written yet");
    }

    @Override
    public io.multicloud.api.Cluster removeNodeGroup(String cluster, String nodeGroup) {
        throw new UnsupportedOperationException("AWS AwsClusters not written yet");
    }

    @Override
    public io.multicloud.api.Cluster scaleNodeGroup(String cluster, String nodeGroup, int minSize, int maxSize, int desiredSize) {
        throw new UnsupportedOperationException("AWS AwsClusters not written yet");
    }

}
