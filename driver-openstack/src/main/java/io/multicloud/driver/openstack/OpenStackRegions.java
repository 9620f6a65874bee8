package io.multicloud.driver.openstack;

/** Placeholder: being written. */
final class OpenStackRegions implements io.multicloud.spi.CatalogService<io.multicloud.api.Region> {
    private final OpenStackContext ctx;

    OpenStackRegions(OpenStackContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public java.util.List<io.multicloud.api.Region> list() {
        throw new UnsupportedOperationException("not yet");
    }
}
