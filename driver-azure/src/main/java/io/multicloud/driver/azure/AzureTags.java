package io.multicloud.driver.azure;

import com.azure.resourcemanager.resources.fluent.models.GenericResourceExpandedInner;
import com.azure.resourcemanager.resources.models.Tags;
import com.azure.resourcemanager.resources.models.TagsPatchOperation;
import com.azure.resourcemanager.resources.models.TagsPatchResource;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.TaggedResource;
import io.multicloud.spi.TagService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Tags on any taggable resource (by its id in any group of the subscription, by its name in the
 * connection's group), through Resource Manager's tags-at-scope API (one
 * PATCH, {@code Merge} to add and {@code Delete} to remove; one GET to read). {@link #find}
 * searches the whole subscription with Resource Manager's tag filter.
 */
final class AzureTags implements TagService {
    /** The Azure resource type of each taggable kind. */
    static final Map<ResourceKind, String> TYPES = Map.of(
            ResourceKind.VPC, "Microsoft.Network/virtualNetworks",
            ResourceKind.SECURITY_GROUP, "Microsoft.Network/networkSecurityGroups",
            ResourceKind.KEY_PAIR, "Microsoft.Compute/sshPublicKeys",
            ResourceKind.VM, "Microsoft.Compute/virtualMachines",
            ResourceKind.DISK, "Microsoft.Compute/disks",
            ResourceKind.MY_IMAGE, "Microsoft.Compute/images",
            ResourceKind.NLB, "Microsoft.Network/loadBalancers",
            ResourceKind.CLUSTER, "Microsoft.ContainerService/managedClusters");

    private final AzureContext ctx;

    AzureTags(AzureContext ctx) {
        this.ctx = ctx;
    }

    private String scope(ResourceKind kind, String name) {
        String type = TYPES.get(kind);
        if (type == null) {
            throw new InvalidRequestException(ctx.context(kind, name), "kind", "Azure cannot tag a " + kind.label() + " here");
        }
        String id = AzureIds.isId(name) ? name : AzureIds.id(ctx, type, name);
        // The SDK puts the scope after a slash of its own: a leading slash would make "//subscriptions/...".
        return id.substring(1);
    }

    @Override
    public Map<String, String> list(ResourceKind kind, String name) {
        String scope = scope(kind, name);
        var tags = ctx.errors().call(kind, name, () -> ctx.clients().resources().getTagOperations().getAtScope(scope));
        return AzureTagNames.user(tags.properties() == null ? Map.of() : tags.properties().tags());
    }

    @Override
    public void add(ResourceKind kind, String name, Map<String, String> tags) {
        String scope = scope(kind, name);
        Map<String, String> encoded = AzureTagNames.forAzure(tags, Map.of());
        ctx.errors().call(kind, name, () -> ctx.clients().resources().getTagOperations().updateAtScope(scope,
                new TagsPatchResource().withOperation(TagsPatchOperation.MERGE).withProperties(new Tags().withTags(encoded))));
    }

    @Override
    public void remove(ResourceKind kind, String name, Set<String> keys) {
        String scope = scope(kind, name);
        Map<String, String> current = ctx.errors().call(kind, name,
                () -> ctx.clients().resources().getTagOperations().getAtScope(scope)).properties().tags();
        Map<String, String> gone = new HashMap<>();
        for (String key : keys) {
            String stored = AzureTagNames.encode(key);
            if (current != null && current.containsKey(stored)) {
                gone.put(stored, current.get(stored));
            }
        }
        if (gone.isEmpty()) {
            return;
        }
        ctx.errors().call(kind, name, () -> ctx.clients().resources().getTagOperations().updateAtScope(scope,
                new TagsPatchResource().withOperation(TagsPatchOperation.DELETE).withProperties(new Tags().withTags(gone))));
    }

    /**
     * One tag-filtered listing of the subscription's resources gives the ids that carry the tag;
     * ARM leaves the tags out of it, so the groups holding them are listed (one paged listing
     * each, tags included) and the matches kept: never a call per resource, and a group without
     * a match is not read.
     */
    @Override
    public List<TaggedResource> find(String key, String value) {
        String stored = AzureTagNames.encode(key);
        Set<String> ids = ctx.lookup().taggedIds(null, null, stored, value);
        Set<String> groups = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        ids.forEach(id -> groups.add(AzureIds.group(id)));
        List<TaggedResource> found = new ArrayList<>();
        for (String group : groups) {
            ctx.whereGroupExists(null, () -> {
                for (GenericResourceExpandedInner r : ctx.clients().resources().getResources().listByResourceGroup(group)) {
                    Map<String, String> tags = r.tags();
                    ResourceKind kind = kindOf(r.type());
                    boolean tagged = tags != null && tags.containsKey(stored) && (value == null || value.equals(tags.get(stored)));
                    if (kind != null && tagged && ids.contains(r.id().toLowerCase(Locale.ROOT))) {
                        found.add(new TaggedResource(kind, AzureIds.shown(r.name(), r.id()), r.id(), AzureTagNames.user(tags)));
                    }
                }
                return found;
            });
        }
        found.sort(Comparator.comparing(TaggedResource::name));
        return List.copyOf(found);
    }

    static ResourceKind kindOf(String type) {
        if (type == null) {
            return null;
        }
        for (Map.Entry<ResourceKind, String> e : TYPES.entrySet()) {
            if (e.getValue().toLowerCase(Locale.ROOT).equals(type.toLowerCase(Locale.ROOT))) {
                return e.getKey();
            }
        }
        return null;
    }
}
