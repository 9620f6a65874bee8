package io.multicloud.driver.openstack;

/** Placeholder: being written. */
final class OpenStackNetworks implements io.multicloud.spi.VpcService {
    private final OpenStackContext ctx;

    OpenStackNetworks(OpenStackContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public java.util.List<io.multicloud.api.Vpc> list() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public io.multicloud.api.Vpc create(io.multicloud.api.VpcRequest request) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void delete(String name) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public io.multicloud.api.Vpc addSubnet(String vpc, io.multicloud.api.SubnetRequest subnet) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public io.multicloud.api.Vpc removeSubnet(String vpc, String subnet) {
        throw new UnsupportedOperationException("not yet");
    }
}
