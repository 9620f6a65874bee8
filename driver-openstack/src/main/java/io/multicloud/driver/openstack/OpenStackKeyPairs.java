package io.multicloud.driver.openstack;

/** Placeholder: being written. */
final class OpenStackKeyPairs implements io.multicloud.spi.KeyPairService {
    private final OpenStackContext ctx;

    OpenStackKeyPairs(OpenStackContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public java.util.List<io.multicloud.api.KeyPair> list() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public io.multicloud.api.KeyPair create(io.multicloud.api.KeyPairRequest request) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void delete(String name) {
        throw new UnsupportedOperationException("not yet");
    }
}
