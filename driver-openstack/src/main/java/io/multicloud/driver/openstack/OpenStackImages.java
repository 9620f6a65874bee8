package io.multicloud.driver.openstack;

/** Placeholder: being written. */
final class OpenStackImages implements io.multicloud.spi.CatalogService<io.multicloud.api.Image> {
    private final OpenStackContext ctx;

    OpenStackImages(OpenStackContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public java.util.List<io.multicloud.api.Image> list() {
        throw new UnsupportedOperationException("not yet");
    }

    /** The Glance image for an alias (ubuntu-22.04), an exact image name or an id; NotFound otherwise. */
    org.openstack4j.model.image.v2.Image resolve(String nameOrAlias) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The common record of a Glance image (OS, architecture and login user from its properties). */
    io.multicloud.api.Image toRecord(org.openstack4j.model.image.v2.Image image) {
        throw new UnsupportedOperationException("not yet");
    }
}
