package io.multicloud.api;

import java.util.Map;

/**
 * A resource found by its tags.
 *
 * @param kind its kind
 * @param name the user's name
 * @param id the cloud's id
 * @param tags all its tags
 */
public record TaggedResource(ResourceKind kind, String name, String id, Map<String, String> tags) implements Tagged {
    public TaggedResource {
        tags = Map.copyOf(tags);
    }
}
