package io.multicloud.driver.alibaba.fake;

import java.util.Locale;
import java.util.Map;

/**
 * Alibaba's tag rules, as the API documents them for Tag.N.Key and Tag.N.Value: a key of 1-128
 * characters that does not start with {@code aliyun} or {@code acs:}, a value of 0-128 characters
 * that does not start with {@code acs:}, neither containing {@code http://} or {@code https://};
 * at most 20 tags on a resource.
 */
final class TagRules {
    static final int MAX = 128;
    static final int MAX_TAGS = 20;

    private TagRules() {
    }

    static void check(Map<String, String> tags) {
        tags.forEach((k, v) -> {
            String lk = k.toLowerCase(Locale.ROOT);
            if (k.isEmpty() || k.length() > MAX || lk.startsWith("aliyun") || lk.startsWith("acs:") || lk.contains("http://")
                    || lk.contains("https://")) {
                throw AlibabaFake.error(400, "InvalidTagKey.Malformed", "The specified Tag.n.Key is not valid.");
            }
            String lv = v.toLowerCase(Locale.ROOT);
            if (v.length() > MAX || lv.startsWith("acs:") || lv.contains("http://") || lv.contains("https://")) {
                throw AlibabaFake.error(400, "InvalidTagValue.Malformed", "The specified Tag.n.Value is not valid.");
            }
        });
    }

    /** Adds tags to a resource's, refusing more than 20 in all. */
    static void add(Map<String, String> existing, Map<String, String> added) {
        check(added);
        Map<String, String> merged = new java.util.LinkedHashMap<>(existing);
        merged.putAll(added);
        if (merged.size() > MAX_TAGS) {
            throw AlibabaFake.error(400, "InvalidTagCount", "The specified tags are beyond the permitted range.");
        }
        existing.putAll(added);
    }

    /** Whether the resource's tags match every Tag.N filter (an empty value matches any). */
    static boolean matches(Map<String, String> tags, Map<String, String> filter) {
        return filter.entrySet().stream().allMatch(f -> tags.containsKey(f.getKey())
                && (f.getValue().isEmpty() || f.getValue().equals(tags.get(f.getKey()))));
    }
}
