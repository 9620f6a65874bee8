package io.multicloud.driver.alibaba.fake;

import java.util.Locale;
import java.util.Map;

/**
 * Alibaba's tag rules, as each product's API documents them for its tag keys and values. ECS and
 * VPC: a key of 1-128 characters that does not start with {@code aliyun} or {@code acs:}, a value
 * of 0-128 characters that does not start with {@code acs:}, neither containing {@code http://} or
 * {@code https://}. SLB: keys of at most 64 characters and no value starting with {@code aliyun}
 * either. ACK: as SLB, and TagResources takes no empty value. At most 20 tags on a resource.
 */
final class TagRules {
    static final int MAX = 128;
    static final int MAX_TAGS = 20;

    /** A product's limits and the codes it answers when they are broken. */
    record Limits(int keyMax, boolean valueNoAliyun, boolean valueNotEmpty, String keyCode, String valueCode, String countCode) {
    }

    static final Limits ECS = new Limits(MAX, false, false, "InvalidTagKey.Malformed", "InvalidTagValue.Malformed", "InvalidTagCount");
    static final Limits SLB = new Limits(64, true, false, "InvalidParam.TagKey", "InvalidParam.TagValue", "QuotaLimitExceeds");
    static final Limits CS = new Limits(64, true, true, "InvalidParameter", "InvalidParameter", "QuotaExceeded.Tag");

    private TagRules() {
    }

    static void check(Map<String, String> tags) {
        check(tags, ECS);
    }

    static void check(Map<String, String> tags, Limits limits) {
        tags.forEach((k, v) -> {
            String lk = k.toLowerCase(Locale.ROOT);
            if (k.isEmpty() || k.length() > limits.keyMax() || lk.startsWith("aliyun") || lk.startsWith("acs:") || lk.contains("http://")
                    || lk.contains("https://")) {
                throw AlibabaFake.error(400, limits.keyCode(), "The specified tag key is not valid: " + k);
            }
            String lv = v.toLowerCase(Locale.ROOT);
            if (v.length() > MAX || lv.startsWith("acs:") || lv.contains("http://") || lv.contains("https://")
                    || (limits.valueNoAliyun() && lv.startsWith("aliyun")) || (limits.valueNotEmpty() && v.isEmpty())) {
                throw AlibabaFake.error(400, limits.valueCode(), "The specified tag value is not valid: " + v);
            }
        });
    }

    /** Adds tags to a resource's, refusing more than 20 in all. */
    static void add(Map<String, String> existing, Map<String, String> added) {
        add(existing, added, ECS);
    }

    static void add(Map<String, String> existing, Map<String, String> added, Limits limits) {
        check(added, limits);
        Map<String, String> merged = new java.util.LinkedHashMap<>(existing);
        merged.putAll(added);
        if (merged.size() > MAX_TAGS) {
            throw AlibabaFake.error(400, limits.countCode(), "The specified tags are beyond the permitted range.");
        }
        existing.putAll(added);
    }

    /** Whether the resource's tags match every Tag.N filter (an empty value matches any). */
    static boolean matches(Map<String, String> tags, Map<String, String> filter) {
        return filter.entrySet().stream().allMatch(f -> tags.containsKey(f.getKey())
                && (f.getValue().isEmpty() || f.getValue().equals(tags.get(f.getKey()))));
    }
}
