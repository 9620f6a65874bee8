package io.multicloud.driver.aws;

/** PLACEHOLDER, being written: replace this whole file. */
final class AwsNetworks implements io.multicloud.spi.VpcService {
    AwsNetworks(AwsContext ctx) {
    }

    @Override
    public java.util.List<io.multicloud.api.Vpc> list() {
        throw new UnsupportedOperationException("AWS AwsNetworks not written yet");
    }

    @Override
    public io.multicloud.api.Vpc create(io.multicloud.api.VpcRequest request) {
        throw new UnsupportedOperationException("AWS AwsNetworks not written yet");
    }

    @Override
    public void delete(String name) {
        throw new UnsupportedOperationException("AWS AwsNetworks not written yet");
    }

    @Override
    public io.multicloud.api.Vpc addSubnet(String vpc, io.multicloud.api.SubnetRequest subnet) {
        throw new UnsupportedOperationException("AWS AwsNetworks not written yet");
    }

    @Override
    public io.multicloud.api.Vpc removeSubnet(String vpc, String subnet) {
        throw new UnsupportedOperationException("AWS AwsNetworks not written yet");
    }

}
