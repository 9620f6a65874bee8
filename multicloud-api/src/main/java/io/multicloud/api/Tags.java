package io.multicloud.api;

import java.util.List;
import java.util.Map;

/** Tags on any taggable resource of a connection. */
public interface Tags {
    /** The tags of a resource. */
    Map<String, String> list(ResourceKind kind, String name);

    /** Adds or replaces tags on a resource. */
    void add(ResourceKind kind, String name, Map<String, String> tags);

    /** Removes tags by key; keys the resource does not carry are ignored. */
    void remove(ResourceKind kind, String name, String... keys);

    /** Every resource that carries the tag key (with this value, unless value is null). */
    List<TaggedResource> find(String key, String value);
}
