package io.multicloud.driver.openstack;

import io.multicloud.api.ResourceKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openstack4j.model.network.Resource;
import org.openstack4j.openstack.networking.domain.NeutronResourceTag;

/**
 * Key-value tags on Neutron networks, subnets and security groups, kept as Neutron's string tags
 * (see {@link TagStrings}). openstack4j's models do not carry the tags a listing returns, so each
 * read is one call.
 */
final class NeutronTags {
    private final OpenStackContext ctx;

    NeutronTags(OpenStackContext ctx) {
        this.ctx = ctx;
    }

    /** The user's tags of a resource (the managed marker left out). */
    Map<String, String> read(Resource type, String id, ResourceKind kind, String name) {
        NeutronResourceTag tags = ctx.errors().call(kind, name, () -> ctx.client().networking().resourceTags().list(type, id));
        return TagStrings.decode(tags == null ? List.of() : tags.getTags());
    }

    /** Whether the resource carries the managed marker. */
    boolean managed(Resource type, String id, ResourceKind kind, String name) {
        NeutronResourceTag tags = ctx.errors().call(kind, name, () -> ctx.client().networking().resourceTags().list(type, id));
        return tags != null && tags.getTags() != null && tags.getTags().contains(TagStrings.MANAGED);
    }

    /** Sets the resource's tags to these plus the managed marker. */
    void replace(Resource type, String id, ResourceKind kind, String name, Map<String, String> userTags) {
        NeutronResourceTag tags = new NeutronResourceTag();
        tags.setTags(new ArrayList<>(TagStrings.encodeWithMarker(userTags)));
        ctx.errors().call(kind, name, () -> ctx.client().networking().resourceTags().replace(type, id, tags));
    }

    /** Adds or overwrites tags, keeping the others. */
    void add(Resource type, String id, ResourceKind kind, String name, Map<String, String> added) {
        Map<String, String> merged = new LinkedHashMap<>(read(type, id, kind, name));
        merged.putAll(added);
        replace(type, id, kind, name, merged);
    }

    /** Removes the tags with these keys, keeping the others. */
    void remove(Resource type, String id, ResourceKind kind, String name, Set<String> keys) {
        Map<String, String> left = new LinkedHashMap<>(read(type, id, kind, name));
        left.keySet().removeAll(keys);
        replace(type, id, kind, name, left);
    }
}
