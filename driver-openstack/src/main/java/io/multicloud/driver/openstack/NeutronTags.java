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
 * (see {@link TagStrings}), beside the library's own ({@code multicloud:*}) which the user's
 * edits never touch. openstack4j's models do not carry the tags a listing returns, so each read
 * is one call.
 */
final class NeutronTags {
    private final OpenStackContext ctx;

    NeutronTags(OpenStackContext ctx) {
        this.ctx = ctx;
    }

    /** Every tag of a resource, the library's own included. */
    Map<String, String> readAll(Resource type, String id, ResourceKind kind, String name) {
        NeutronResourceTag tags = ctx.errors().call(kind, name, () -> ctx.client().networking().resourceTags().list(type, id));
        return TagStrings.decodeAll(tags == null ? List.of() : tags.getTags());
    }

    /** The user's tags of a resource (the library's own left out). */
    Map<String, String> read(Resource type, String id, ResourceKind kind, String name) {
        Map<String, String> user = new LinkedHashMap<>(readAll(type, id, kind, name));
        user.keySet().removeIf(TagStrings::isOwn);
        return user;
    }

    /** Tags a new resource: the caller's tags (the core's managed marker among them) and the driver's own. */
    void tagNew(Resource type, String id, ResourceKind kind, String name, Map<String, String> user, Map<String, String> own) {
        Map<String, String> all = new LinkedHashMap<>(withoutOwn(user));
        all.putAll(own);
        write(type, id, kind, name, all);
    }

    /** Adds or overwrites user tags, keeping the others. */
    void add(Resource type, String id, ResourceKind kind, String name, Map<String, String> added) {
        Map<String, String> all = new LinkedHashMap<>(readAll(type, id, kind, name));
        all.putAll(withoutOwn(added));
        write(type, id, kind, name, all);
    }

    /** Removes the user tags with these keys, keeping the others. */
    void remove(Resource type, String id, ResourceKind kind, String name, Set<String> keys) {
        Map<String, String> all = new LinkedHashMap<>(readAll(type, id, kind, name));
        all.keySet().removeIf(key -> keys.contains(key) && !TagStrings.isOwn(key));
        write(type, id, kind, name, all);
    }

    private void write(Resource type, String id, ResourceKind kind, String name, Map<String, String> all) {
        NeutronResourceTag tags = new NeutronResourceTag();
        tags.setTags(new ArrayList<>(TagStrings.encode(all)));
        ctx.errors().call(kind, name, () -> ctx.client().networking().resourceTags().replace(type, id, tags));
    }

    private static Map<String, String> withoutOwn(Map<String, String> tags) {
        Map<String, String> out = new LinkedHashMap<>(tags);
        out.keySet().removeIf(TagStrings::isOwn);
        return out;
    }
}
