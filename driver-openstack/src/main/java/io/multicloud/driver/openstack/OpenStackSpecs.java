package io.multicloud.driver.openstack;

/** Placeholder: being written. */
final class OpenStackSpecs implements io.multicloud.spi.CatalogService<io.multicloud.api.Spec> {
    private final OpenStackContext ctx;

    OpenStackSpecs(OpenStackContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public java.util.List<io.multicloud.api.Spec> list() {
        throw new UnsupportedOperationException("not yet");
    }

    /** The flavor of this name; NotFound otherwise. */
    org.openstack4j.model.compute.Flavor flavor(String name) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The name of the flavor with this id, when it still exists. */
    java.util.Optional<String> flavorName(String flavorId) {
        throw new UnsupportedOperationException("not yet");
    }
}
