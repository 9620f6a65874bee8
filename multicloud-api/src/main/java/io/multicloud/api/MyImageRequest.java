package io.multicloud.api;

import java.util.Map;

/**
 * A user's image to make from a VM.
 *
 * @param name the image's name
 * @param sourceVm the VM's name
 * @param tags its tags
 */
public record MyImageRequest(String name, String sourceVm, Map<String, String> tags) implements CreateRequest, TaggedRequest<MyImageRequest> {
    public MyImageRequest {
        Validate.name("my-image name", name);
        Validate.name("source vm", sourceVm);
        tags = Validate.tags("my-image tags", tags);
    }

    /** An image of this VM. */
    public static MyImageRequest of(String name, String sourceVm) {
        return new MyImageRequest(name, sourceVm, Map.of());
    }

    /** A copy with one more tag. */
    public MyImageRequest tag(String key, String value) {
        return new MyImageRequest(name, sourceVm, TagMaps.with(tags, key, value));
    }

    @Override
    public void requireComplete() {
        // every field is checked when built
    }
}
