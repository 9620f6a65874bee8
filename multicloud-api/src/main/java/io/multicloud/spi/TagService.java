package io.multicloud.spi;

import io.multicloud.api.ResourceKind;
import io.multicloud.api.TaggedResource;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Tags on any taggable resource. A kind the cloud cannot tag is InvalidRequest. */
public interface TagService {
    Map<String, String> list(ResourceKind kind, String name);

    void add(ResourceKind kind, String name, Map<String, String> tags);

    void remove(ResourceKind kind, String name, Set<String> keys);

    /** Resources carrying the key (and value, unless null). */
    List<TaggedResource> find(String key, String value);
}
