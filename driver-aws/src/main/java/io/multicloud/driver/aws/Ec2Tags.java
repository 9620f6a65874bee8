package io.multicloud.driver.aws;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * EC2 tag and filter helpers: the {@code Name} tag carries the user's name (when it is a valid
 * one, see {@link AwsNames}), the library's own tags are kept out of the user's tags, and
 * look-ups go through DescribeX filters.
 */
final class Ec2Tags {
    private Ec2Tags() {
    }

    /** The value of the {@code Name} tag when it is a valid user name (else the resource is named otherwise). */
    static Optional<String> name(List<Tag> tags) {
        return value(tags, AwsTagNames.NAME).filter(AwsNames::valid);
    }

    /**
     * The user's tags: every tag but the library's own. The {@code Name} tag is left out when it
     * is the resource's name, and shown when it is not a valid name (the resource is then named
     * by its id, and this is where its name in the console still shows).
     */
    static Map<String, String> user(List<Tag> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        tags.stream().filter(t -> t.key() != null)
                .filter(t -> AwsTagNames.NAME.equals(t.key()) ? !AwsNames.valid(t.value()) : !AwsTagNames.isOwn(t.key()))
                .forEach(t -> out.put(t.key(), t.value() == null ? "" : t.value()));
        return out;
    }

    /** The value of one tag, if any. */
    static Optional<String> value(List<Tag> tags, String key) {
        return tags.stream().filter(t -> key.equals(t.key()) && t.value() != null).map(Tag::value).findFirst();
    }

    /** The tags of a resource this library creates: Name, the managed mark, then the user's. */
    static List<Tag> forCreate(String name, Map<String, String> user, Map<String, String> own) {
        List<Tag> tags = new ArrayList<>();
        tags.add(tag(AwsTagNames.NAME, name));
        tags.add(tag(AwsTagNames.MANAGED, AwsTagNames.MANAGED_VALUE));
        own.forEach((k, v) -> tags.add(tag(k, v)));
        user.forEach((k, v) -> {
            if (!AwsTagNames.NAME.equals(k) && !AwsTagNames.MANAGED.equals(k) && !own.containsKey(k)) {
                tags.add(tag(k, v));
            }
        });
        return tags;
    }

    /** A tag specification for a create call. */
    static TagSpecification spec(ResourceType type, String name, Map<String, String> user) {
        return spec(type, name, user, Map.of());
    }

    /** A tag specification for a create call, with extra library tags. */
    static TagSpecification spec(ResourceType type, String name, Map<String, String> user, Map<String, String> own) {
        return TagSpecification.builder().resourceType(type).tags(forCreate(name, user, own)).build();
    }

    static List<Tag> tags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> tag(e.getKey(), e.getValue())).toList();
    }

    static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    static Filter filter(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }

    static Filter filter(String name, Collection<String> values) {
        return Filter.builder().name(name).values(values).build();
    }

    /** Filter on the user's name. */
    static Filter named(String name) {
        return filter("tag:" + AwsTagNames.NAME, name);
    }
}
