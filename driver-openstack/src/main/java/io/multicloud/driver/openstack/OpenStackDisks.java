package io.multicloud.driver.openstack;

/** Placeholder: being written. */
final class OpenStackDisks implements io.multicloud.spi.DiskService {
    private final OpenStackContext ctx;

    OpenStackDisks(OpenStackContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public java.util.List<io.multicloud.api.Disk> list() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public io.multicloud.api.Disk create(io.multicloud.api.DiskRequest request) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void delete(String name) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public io.multicloud.api.Disk attach(String disk, String vm) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public io.multicloud.api.Disk detach(String disk) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public io.multicloud.api.Disk resize(String disk, int newSizeGB) {
        throw new UnsupportedOperationException("not yet");
    }
}
