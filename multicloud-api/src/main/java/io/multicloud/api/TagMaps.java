package io.multicloud.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** Helpers for the tag maps of requests. */
final class TagMaps {
    private TagMaps() {
    }

    static Map<String, String> withAll(Map<String, String> tags, Map<String, String> more) {
        Map<String, String> copy = new LinkedHashMap<>(tags);
        copy.putAll(more);
        return Validate.tags("tags", copy);
    }

    static Map<String, String> with(Map<String, String> tags, String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(tags);
        copy.put(key, value);
        return Validate.tags("tags", copy);
    }
}
