package io.multicloud.driver.aws;

/** PLACEHOLDER, being written: replace this whole file. */
final class AwsTags implements io.multicloud.spi.TagService {
    AwsTags(AwsContext ctx) {
    }

    @Override
    public java.util.Map<String, String> list(io.multicloud.api.ResourceKind kind, String name) {
        throw new UnsupportedOperationException("AWS AwsTags not written yet");
    }

    @Override
    public void add(io.multicloud.api.ResourceKind kind, String name, java.util.Map<String, String> tags) {
        throw new UnsupportedOperationException("AWS AwsTags not written yet");
    }

    @Override
    public void remove(io.multicloud.api.ResourceKind kind, String name, java.util.Set<String> keys) {
        throw new UnsupportedOperationException("AWS AwsTags not written yet");
    }

    @Override
    public java.util.List<io.multicloud.api.TaggedResource> find(String key, String value) {
        throw new UnsupportedOperationException("AWS AwsTags not written yet");
    }

}
