package io.multicloud.driver.openstack;

/** Placeholder: being written. */
final class OpenStackMyImages implements io.multicloud.spi.MyImageService {
    private final OpenStackContext ctx;

    OpenStackMyImages(OpenStackContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public java.util.List<io.multicloud.api.MyImage> list() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public io.multicloud.api.MyImage create(io.multicloud.api.MyImageRequest request) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void delete(String name) {
        throw new UnsupportedOperationException("not yet");
    }
}
