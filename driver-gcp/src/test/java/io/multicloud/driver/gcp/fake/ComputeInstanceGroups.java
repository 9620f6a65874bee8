package io.multicloud.driver.gcp.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.testkit.fake.FakeRequest;
import io.multicloud.testkit.fake.FakeResponse;
import io.multicloud.testkit.fake.Store;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Unmanaged instance groups: a zonal set of instances of one network. An instance joins only a
 * group of its own zone and network (the first member sets the network of a group made without
 * one); a member is not added twice; a deleted instance leaves its groups, as in GCE. A group a
 * regional backend service uses cannot be deleted ({@code resourceInUseByAnotherResource}).
 */
final class ComputeInstanceGroups {
    private static final String P = "projects/" + GcpFake.PROJECT;
    private final GcpFake fake;
    final Store<ObjectNode> groups = new Store<>(9_300_000_000_000_000L);
    /** Member instance links by group key ({@code zone/name}); kept apart since the resource has no such field. */
    private final Map<String, Set<String>> members = new HashMap<>();

    ComputeInstanceGroups(GcpFake fake) {
        this.fake = fake;
        ComputeOps ops = fake.ops;
        fake.on("compute.instanceGroups.list", r -> FakeResponse.ok(fake.list("compute#instanceGroupList",
                P + "/zones/" + fake.catalog.requireZone(r) + "/instanceGroups",
                groups.values(g -> Gce.last(g.get("zone").asText()).equals(r.path("zone"))).stream().map(this::withSize).toList(), r)));
        fake.on("compute.instanceGroups.get", r -> FakeResponse.ok(withSize(group(r))));
        fake.on("compute.instanceGroups.insert", ops.mutation("compute.instanceGroups.insert", "insert", r -> "zones/" + r.path("zone"), this::insert));
        fake.on("compute.instanceGroups.delete", ops.mutation("compute.instanceGroups.delete", "delete", r -> "zones/" + r.path("zone"), this::delete));
        fake.on("compute.instanceGroups.addInstances", ops.mutation("compute.instanceGroups.addInstances", "compute.instanceGroups.addInstances",
                r -> "zones/" + r.path("zone"), r -> change(r, true)));
        fake.on("compute.instanceGroups.removeInstances", ops.mutation("compute.instanceGroups.removeInstances", "compute.instanceGroups.removeInstances",
                r -> "zones/" + r.path("zone"), r -> change(r, false)));
        fake.on("compute.instanceGroups.listInstances", this::listInstances);
    }

    private static String key(String zone, String name) {
        return zone + "/" + name;
    }

    private ObjectNode group(FakeRequest r) {
        return groups.require(key(r.path("zone"), r.path("instanceGroup")),
                () -> Gce.notFound(P + "/zones/" + r.path("zone") + "/instanceGroups/" + r.path("instanceGroup")));
    }

    /** The group whose (full or partial) link this is, if any. */
    Optional<ObjectNode> byLink(String link) {
        String[] parts = link.split("/");
        if (parts.length < 4 || !"instanceGroups".equals(parts[parts.length - 2]) || !"zones".equals(parts[parts.length - 4])) {
            return Optional.empty();
        }
        return groups.find(key(parts[parts.length - 3], parts[parts.length - 1]));
    }

    /** The existing instances of a group, in the order they joined (a deleted instance has left). */
    List<ObjectNode> instancesOf(ObjectNode group) {
        List<ObjectNode> out = new ArrayList<>();
        for (String link : members.getOrDefault(key(Gce.last(group.get("zone").asText()), group.get("name").asText()), Set.of())) {
            instance(link).ifPresent(out::add);
        }
        return out;
    }

    private Optional<ObjectNode> instance(String link) {
        String[] parts = link.split("/");
        return parts.length < 4 ? Optional.empty() : fake.instances.instances.find(key(parts[parts.length - 3], parts[parts.length - 1]));
    }

    private ObjectNode withSize(ObjectNode group) {
        return group.deepCopy().put("size", instancesOf(group).size());
    }

    private ComputeOps.Target insert(FakeRequest r) {
        String zone = fake.catalog.requireZone(r);
        JsonNode body = r.json();
        String name = body.path("name").asText(null);
        Gce.requireName(name);
        String link = P + "/zones/" + zone + "/instanceGroups/" + name;
        ObjectNode g = Gce.object().put("kind", "compute#instanceGroup").put("id", groups.nextId()).put("creationTimestamp", Gce.now())
                .put("name", name).put("zone", Gce.link(P + "/zones/" + zone)).put("selfLink", Gce.link(link))
                .put("fingerprint", "42WmSpB8rSM=");
        if (body.has("description")) {
            g.put("description", body.get("description").asText());
        }
        if (body.has("network")) {
            String network = body.get("network").asText();
            ObjectNode n = fake.networks.networks.find(Gce.last(network)).orElseThrow(() -> Gce.invalid(
                    "Invalid value for field 'resource.network': '" + network + "'. The referenced network resource cannot be found."));
            g.put("network", n.get("selfLink").asText());
        }
        if (body.has("namedPorts")) {
            g.set("namedPorts", body.get("namedPorts").deepCopy());
        }
        groups.insert(key(zone, name), g, () -> Gce.alreadyExists(link));
        members.put(key(zone, name), new LinkedHashSet<>());
        return new ComputeOps.Target(link, g.get("id").asText(), () -> { }, () -> {
            groups.remove(key(zone, name));
            members.remove(key(zone, name));
        });
    }

    private ComputeOps.Target delete(FakeRequest r) {
        ObjectNode g = group(r);
        String link = g.get("selfLink").asText();
        fake.backendServices.usingGroup(link).ifPresent(by -> {
            throw Gce.inUse(link.replace(Gce.BASE, ""), by.replace(Gce.BASE, ""));
        });
        groups.remove(key(r.path("zone"), r.path("instanceGroup")));
        members.remove(key(r.path("zone"), r.path("instanceGroup")));
        return new ComputeOps.Target(link.replace(Gce.BASE, ""), g.get("id").asText());
    }

    private ComputeOps.Target change(FakeRequest r, boolean add) {
        ObjectNode g = group(r);
        Set<String> current = members.get(key(r.path("zone"), r.path("instanceGroup")));
        current.removeIf(link -> instance(link).isEmpty());
        List<String> links = new ArrayList<>();
        for (JsonNode ref : r.json().path("instances")) {
            String url = ref.path("instance").asText("");
            ObjectNode i = instance(url).orElseThrow(() -> Gce.invalid(
                    "Invalid value for field 'resource.instances': '" + url + "'. The referenced instance resource cannot be found."));
            String link = i.get("selfLink").asText();
            if (add) {
                if (!i.get("zone").asText().equals(g.get("zone").asText())) {
                    throw Gce.invalid("Invalid value for field 'resource.instances': '" + url + "'. The instance is not in the zone of instance group '"
                            + g.get("name").asText() + "'.");
                }
                String network = i.path("networkInterfaces").path(0).path("network").asText();
                if (g.has("network") && !g.get("network").asText().equals(network)) {
                    throw Gce.invalid("Invalid value for field 'resource.instances': '" + url + "'. Instance must be in network '"
                            + g.get("network").asText() + "' of instance group '" + g.get("name").asText() + "'.");
                }
                if (current.contains(link) || links.contains(link)) {
                    throw Gce.error(400, "memberAlreadyExists", "The resource '" + link.replace(Gce.BASE, "")
                            + "' is already a member of '" + g.get("selfLink").asText().replace(Gce.BASE, "") + "'");
                }
            } else if (!current.contains(link)) {
                throw Gce.error(400, "memberNotFound", "The resource '" + link.replace(Gce.BASE, "")
                        + "' is not a member of '" + g.get("selfLink").asText().replace(Gce.BASE, "") + "'");
            }
            links.add(link);
        }
        if (add) {
            if (!g.has("network") && !links.isEmpty()) {
                g.put("network", instance(links.get(0)).orElseThrow().path("networkInterfaces").path(0).path("network").asText());
            }
            current.addAll(links);
        } else {
            links.forEach(current::remove);
        }
        return new ComputeOps.Target(g.get("selfLink").asText().replace(Gce.BASE, ""), g.get("id").asText());
    }

    private FakeResponse listInstances(FakeRequest r) {
        ObjectNode g = group(r);
        boolean runningOnly = "RUNNING".equals(r.json().path("instanceState").asText("ALL"));
        List<ObjectNode> items = new ArrayList<>();
        for (ObjectNode i : instancesOf(g)) {
            String status = i.get("status").asText();
            if (!runningOnly || "RUNNING".equals(status)) {
                items.add(Gce.object().put("instance", i.get("selfLink").asText()).put("status", status));
            }
        }
        String self = g.get("selfLink").asText().replace(Gce.BASE, "") + "/listInstances";
        return FakeResponse.ok(fake.list("compute#instanceGroupsListInstances", self, items, r));
    }
}
