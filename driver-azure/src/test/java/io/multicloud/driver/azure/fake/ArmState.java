package io.multicloud.driver.azure.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the fake's Resource Manager holds: resource groups, and resources by id (ids compared
 * without case, as ARM does), in creation order.
 */
final class ArmState {
    final String subscription;
    private final Map<String, ObjectNode> groups = new LinkedHashMap<>();
    private final Map<String, ObjectNode> resources = new LinkedHashMap<>();

    ArmState(String subscription) {
        this.subscription = subscription;
    }

    Optional<ObjectNode> group(String name) {
        return Optional.ofNullable(groups.get(key(name)));
    }

    void putGroup(String name, ObjectNode group) {
        groups.put(key(name), group);
    }

    List<ObjectNode> groups() {
        return new ArrayList<>(groups.values());
    }

    /** The id of a resource of a group: {@code /subscriptions/S/resourceGroups/G/providers/T/N}. */
    String id(ObjectNode group, String type, String name) {
        return "/subscriptions/" + subscription + "/resourceGroups/" + group.path("name").asText() + "/providers/" + type + "/" + name;
    }

    Optional<ObjectNode> get(String id) {
        return Optional.ofNullable(resources.get(key(id)));
    }

    void put(ObjectNode resource) {
        resources.put(key(resource.path("id").asText()), resource);
    }

    Optional<ObjectNode> remove(String id) {
        return Optional.ofNullable(resources.remove(key(id)));
    }

    /** Every resource, in creation order. */
    List<ObjectNode> all() {
        return new ArrayList<>(resources.values());
    }

    /** Every resource of a type (such as {@code Microsoft.Compute/virtualMachines}), in creation order. */
    List<ObjectNode> all(String type) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode r : resources.values()) {
            if (r.path("type").asText().equalsIgnoreCase(type)) {
                out.add(r);
            }
        }
        return out;
    }

    /** Every resource of a type in a group. */
    List<ObjectNode> inGroup(ObjectNode group, String type) {
        String prefix = key("/subscriptions/" + subscription + "/resourceGroups/" + group.path("name").asText() + "/");
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode r : all(type)) {
            if (key(r.path("id").asText()).startsWith(prefix)) {
                out.add(r);
            }
        }
        return out;
    }

    /** Every resource of a group, any type. */
    List<ObjectNode> inGroup(ObjectNode group) {
        String prefix = key("/subscriptions/" + subscription + "/resourceGroups/" + group.path("name").asText() + "/");
        List<ObjectNode> out = new ArrayList<>();
        for (Map.Entry<String, ObjectNode> e : resources.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                out.add(e.getValue());
            }
        }
        return out;
    }

    static String key(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
