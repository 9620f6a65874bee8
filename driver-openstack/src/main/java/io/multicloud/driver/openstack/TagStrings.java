package io.multicloud.driver.openstack;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Key-value tags as OpenStack's string tags (Nova server tags, Neutron and Glance tags):
 * {@code key=value}, or the bare key for an empty value. The resource's name is the OpenStack
 * name; {@link #MANAGED} marks what this library created.
 */
final class TagStrings {
    /** The tag on everything this library creates. */
    static final String MANAGED = "multicloud:managed=true";
    /** The key of {@link #MANAGED}, for key-value stores (Nova metadata, Glance properties). */
    static final String MANAGED_KEY = "multicloud:managed";
    /** Nova and Neutron allow 60 characters a tag (Neutron newer releases 255). */
    static final int MAX_LENGTH = 60;

    private TagStrings() {
    }

    /** The string tags for a map, plus the managed marker. */
    static List<String> encodeWithMarker(Map<String, String> tags) {
        List<String> out = new java.util.ArrayList<>(encode(tags));
        if (!out.contains(MANAGED)) {
            out.add(MANAGED);
        }
        return out;
    }

    /** The string tags for a map. */
    static List<String> encode(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> encode(e.getKey(), e.getValue())).toList();
    }

    /** One string tag. */
    static String encode(String key, String value) {
        return value == null || value.isEmpty() ? key : key + "=" + value;
    }

    /** The user's tags among string tags: the library's own ({@link #isOwn}) left out. */
    static Map<String, String> decode(Collection<String> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        decodeAll(tags).forEach((k, v) -> {
            if (!isOwn(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** Every tag as a map, the library's own included. */
    static Map<String, String> decodeAll(Collection<String> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        if (tags == null) {
            return out;
        }
        for (String tag : tags) {
            int eq = tag.indexOf('=');
            if (eq < 0) {
                out.put(tag, "");
            } else {
                out.put(tag.substring(0, eq), tag.substring(eq + 1));
            }
        }
        return out;
    }

    /** The driver's own keys: kept out of the record's tags. */
    private static final java.util.Set<String> OWN = java.util.Set.of(OpenStackVms.IMAGE_KEY,
            OpenStackVms.LOGIN_USER_KEY, OpenStackLoadBalancers.VM_PORT_TAG, OpenStackLoadBalancers.CHECK_PORT_TAG,
            OpenStackMyImages.SOURCE_VM, OpenStackMyImages.TAG_KEYS, OpenStackNetworks.CIDR_TAG, OpenStackNetworks.ZONE_TAG,
            OpenStackSecurityGroups.VPC_TAG);

    /**
     * Whether a key is this driver's own, kept out of the user's tags. Only these keys: other
     * {@code multicloud:} tags (an MCI's, which rebuild it from the cloud) are the caller's.
     */
    static boolean isOwn(String key) {
        return OWN.contains(key);
    }

    /** Whether a string tag carries this key. */
    static boolean hasKey(String tag, String key) {
        return tag.equals(key) || tag.startsWith(key + "=");
    }
}
