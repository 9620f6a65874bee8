package io.multicloud.driver.azure;

import com.azure.core.util.Context;
import com.azure.resourcemanager.resources.fluent.models.GenericResourceExpandedInner;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.ResourceKind;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds one resource by the name or id a user gave, anywhere in the subscription. Azure names are
 * unique only per resource group, so: a full resource id names any resource; a name refers to the
 * connection's resource group first (one GET); a name absent there is looked up in the whole
 * subscription with one filtered listing of Resource Manager ({@code resourceType eq 'T' and
 * substringof('name', name)}, the combination its {@code $filter} accepts), and a name that more
 * than one other group holds is refused, naming the groups, for the user to give the id. Also
 * finds the ids of tagged resources with Resource Manager's tag filter.
 */
final class AzureLookup {
    /** Reads one resource of a kind from a group by name. */
    @FunctionalInterface
    interface Getter<T> {
        T get(String group, String name);
    }

    private final AzureContext ctx;

    AzureLookup(AzureContext ctx) {
        this.ctx = ctx;
    }

    /** The resource of a name or id, empty when there is none. */
    <T> Optional<T> find(ResourceKind kind, String type, String nameOrId, Getter<T> get) {
        if (AzureIds.isId(nameOrId)) {
            String group = AzureIds.group(nameOrId);
            String name = AzureIds.last(nameOrId);
            if (group == null || name == null || name.isEmpty()) {
                throw new InvalidRequestException(ctx.context(kind, nameOrId), "name", "'" + nameOrId + "' is not a resource id of a resource group");
            }
            return ctx.find(kind, name, () -> get.get(group, name));
        }
        Optional<T> own = inOwnGroup(kind, nameOrId, get);
        if (own.isPresent()) {
            return own;
        }
        List<String> groups = groupsHolding(kind, type, nameOrId);
        if (groups.isEmpty()) {
            return Optional.empty();
        }
        if (groups.size() > 1) {
            throw new InvalidRequestException(ctx.context(kind, nameOrId), "name", "'" + nameOrId + "' names a " + kind.label()
                    + " in several resource groups (" + String.join(", ", groups) + ") and none in " + ctx.resourceGroup()
                    + ": give its resource id");
        }
        return ctx.find(kind, nameOrId, () -> get.get(groups.getFirst(), nameOrId));
    }

    /** The resource of this name in the connection's group only (what a create must not collide with). */
    <T> Optional<T> inOwnGroup(ResourceKind kind, String name, Getter<T> get) {
        return ctx.find(kind, name, () -> get.get(ctx.resourceGroup(), name));
    }

    /**
     * The ids (lower-cased) of the resources of a type (any type when null) carrying a tag (any value when {@code value}
     * is null), through Resource Manager's own tag filter on the whole subscription
     * ({@code tagName eq 'k' [and tagValue eq 'v']}); one paged listing. ARM leaves the tags out of
     * such a listing, so the caller reads the resources themselves.
     */
    Set<String> taggedIds(ResourceKind kind, String type, String storedKey, String value) {
        String filter = "tagName eq '" + quoted(storedKey) + "'" + (value == null ? "" : " and tagValue eq '" + quoted(value) + "'");
        Set<String> ids = new HashSet<>();
        ctx.errors().call(kind, null, () -> {
            for (GenericResourceExpandedInner r : ctx.clients().resources().getResources().list(filter, null, null, Context.NONE)) {
                if ((type == null || type.equalsIgnoreCase(r.type())) && r.id() != null) {
                    ids.add(r.id().toLowerCase(Locale.ROOT));
                }
            }
            return ids;
        });
        return ids;
    }

    /** A text as an OData string literal's content (a quote doubled). */
    private static String quoted(String text) {
        return text.replace("'", "''");
    }

    /** The groups other than the connection's holding a resource of the type with exactly this name (any case, as ARM compares). */
    private List<String> groupsHolding(ResourceKind kind, String type, String name) {
        String filter = "resourceType eq '" + type + "' and substringof('" + quoted(name) + "', name)";
        TreeSet<String> groups = new TreeSet<>();
        ctx.errors().call(kind, name, () -> {
            for (GenericResourceExpandedInner r : ctx.clients().resources().getResources().list(filter, null, null, Context.NONE)) {
                // the connection's group was asked already (a resource made there since is found on the next look)
                if (r.name() != null && r.name().equalsIgnoreCase(name) && !AzureIds.inGroup(ctx, r.id())) {
                    groups.add(AzureIds.group(r.id()));
                }
            }
            return groups;
        });
        return List.copyOf(groups);
    }
}
