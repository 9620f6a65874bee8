package io.multicloud.driver.openstack;

/** Placeholder: being written. */
final class OpenStackTags implements io.multicloud.spi.TagService {
    private final OpenStackContext ctx;

    OpenStackTags(OpenStackContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public java.util.Map<String, String> list(io.multicloud.api.ResourceKind kind, String name) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void add(io.multicloud.api.ResourceKind kind, String name, java.util.Map<String, String> tags) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void remove(io.multicloud.api.ResourceKind kind, String name, java.util.Set<String> keys) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public java.util.List<io.multicloud.api.TaggedResource> find(String key, String value) {
        throw new UnsupportedOperationException("not yet");
    }
}
