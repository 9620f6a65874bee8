package io.multicloud.driver.azure;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Azure resource ids ({@code /subscriptions/S/resourceGroups/G/providers/NS/type/name[/child/name]})
 * and the names the common model shows: an Azure name that is a valid name of this library
 * (lower case, digits, hyphens) is shown as it is; any other (Azure allows upper case,
 * underscores, dots) is shown as the resource's id, by which it can still be found.
 */
final class AzureIds {
    private static final Pattern NAME = Pattern.compile("[a-z]([a-z0-9-]{0,61}[a-z0-9])?");

    private AzureIds() {
    }

    /** The id of a resource of the connection's group. */
    static String id(AzureContext ctx, String providerType, String name) {
        return "/subscriptions/" + ctx.subscription() + "/resourceGroups/" + ctx.resourceGroup() + "/providers/" + providerType + "/" + name;
    }

    /** The last segment of an id (the resource's own name), or null. */
    static String last(String id) {
        if (id == null) {
            return null;
        }
        int slash = id.lastIndexOf('/');
        return slash < 0 ? id : id.substring(slash + 1);
    }

    /** The segment after {@code key} in an id (any case), such as the VNet of a subnet id; null when absent. */
    static String after(String id, String key) {
        if (id == null) {
            return null;
        }
        String[] parts = id.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            if (parts[i].equalsIgnoreCase(key)) {
                return parts[i + 1];
            }
        }
        return null;
    }

    /** The resource group of an id, or null. */
    static String group(String id) {
        return after(id, "resourceGroups");
    }

    /** Whether the id lies in the connection's resource group. */
    static boolean inGroup(AzureContext ctx, String id) {
        String group = after(id, "resourceGroups");
        return group != null && group.toLowerCase(Locale.ROOT).equals(ctx.resourceGroup().toLowerCase(Locale.ROOT));
    }

    /** Whether a text is an Azure resource id rather than a name. */
    static boolean isId(String nameOrId) {
        return nameOrId != null && nameOrId.startsWith("/subscriptions/");
    }

    /** The name the common model shows for an Azure resource. */
    static String shown(String name, String id) {
        return name != null && NAME.matcher(name).matches() ? name : id;
    }

    /** The Azure name to address for a name or id the user gave. */
    static String azureName(String nameOrId) {
        return isId(nameOrId) ? last(nameOrId) : nameOrId;
    }
}
