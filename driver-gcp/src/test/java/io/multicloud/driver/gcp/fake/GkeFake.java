package io.multicloud.driver.gcp.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.testkit.fake.FakeClock;
import io.multicloud.testkit.fake.FakeRequest;
import io.multicloud.testkit.fake.FakeResponse;
import io.multicloud.testkit.fake.Store;

/**
 * GKE clusters and node pools ({@code projects.locations.*}): a cluster is PROVISIONING, then
 * RUNNING; while a pool is added, resized or removed the cluster is RECONCILING. Each node pool
 * has a managed instance group in the compute fake ({@code instanceGroupUrls}), whose
 * {@code targetSize} is the pool's size, as GKE keeps it. A cluster needs a node pool (or an
 * initial node count) and an existing network and subnetwork. Operations are GKE's own
 * (RUNNING → DONE, {@code targetLink}).
 */
final class GkeFake {
    private static final String BASE = "https://container.googleapis.com/v1/";
    private final GcpFake fake;
    private final FakeClock clock;
    private final Store<ObjectNode> clusters = new Store<>();
    private final Store<ObjectNode> operations = new Store<>();
    /** zone/name → a node pool's instance group manager. */
    final Store<ObjectNode> groups = new Store<>(7_700_000_000_000_000L);

    GkeFake(GcpFake fake, FakeClock clock) {
        this.fake = fake;
        this.clock = clock;
        String c = "container.projects.locations.clusters.";
        fake.on(c + "create", this::create);
        fake.on(c + "get", r -> FakeResponse.ok(cluster(r).deepCopy()));
        fake.on(c + "list", r -> {
            String location = r.path("locationsId");
            ObjectNode body = Gce.object();
            ArrayNode list = body.putArray("clusters");
            clusters.values(x -> location.equals("-") || x.get("location").asText().equals(location)).forEach(x -> list.add(x.deepCopy()));
            return FakeResponse.ok(body);
        });
        fake.on(c + "delete", r -> {
            ObjectNode cluster = cluster(r);
            cluster.put("status", "STOPPING");
            return FakeResponse.ok(operation(r, "DELETE_CLUSTER", cluster.get("selfLink").asText(), () -> {
                clusters.remove(key(r));
                cluster.path("nodePools").forEach(p -> removeGroup(p));
            }));
        });
        fake.on(c + "nodePools.create", this::createPool);
        fake.on(c + "nodePools.get", r -> FakeResponse.ok(pool(r).deepCopy()));
        fake.on(c + "nodePools.delete", r -> {
            ObjectNode cluster = cluster(r);
            ObjectNode pool = pool(r);
            busy(cluster);
            pool.put("status", "STOPPING");
            return FakeResponse.ok(operation(r, "DELETE_NODE_POOL", pool.get("selfLink").asText(), () -> {
                ArrayNode pools = (ArrayNode) cluster.get("nodePools");
                for (int i = 0; i < pools.size(); i++) {
                    if (pools.get(i).get("name").asText().equals(r.path("nodePoolsId"))) {
                        removeGroup(pools.get(i));
                        pools.remove(i);
                        break;
                    }
                }
                cluster.put("status", "RUNNING");
            }));
        });
        fake.on(c + "nodePools.setSize", r -> {
            ObjectNode cluster = cluster(r);
            ObjectNode pool = pool(r);
            busy(cluster);
            int size = r.json().path("nodeCount").asInt(-1);
            if (size < 0) {
                throw Gce.error(400, "badRequest", "node_count must be zero or more");
            }
            pool.put("status", "RECONCILING");
            return FakeResponse.ok(operation(r, "SET_NODE_POOL_SIZE", pool.get("selfLink").asText(), () -> {
                group(pool).put("targetSize", size);
                pool.put("status", "RUNNING");
                cluster.put("status", "RUNNING");
            }));
        });
        fake.on(c + "nodePools.setAutoscaling", r -> {
            ObjectNode cluster = cluster(r);
            ObjectNode pool = pool(r);
            busy(cluster);
            pool.set("autoscaling", r.json().path("autoscaling").deepCopy());
            return FakeResponse.ok(operation(r, "SET_NODE_POOL_MANAGEMENT", pool.get("selfLink").asText(), () -> cluster.put("status", "RUNNING")));
        });
        fake.on("container.projects.locations.operations.get", r -> FakeResponse.ok(operations.require(
                r.path("locationsId") + "/" + r.path("operationsId"), () -> notFound("operation " + r.path("operationsId"))).deepCopy()));
        fake.on("compute.instanceGroupManagers.get", r -> FakeResponse.ok(groups.require(r.path("zone") + "/" + r.path("instanceGroupManager"),
                () -> Gce.notFound("projects/" + GcpFake.PROJECT + "/zones/" + r.path("zone") + "/instanceGroupManagers/" + r.path("instanceGroupManager"))).deepCopy()));
    }

    private static io.multicloud.testkit.fake.FakeError notFound(String what) {
        return Gce.error(404, "notFound", "Not found: " + what + ".");
    }

    private static String key(FakeRequest r) {
        return r.path("locationsId") + "/" + r.path("clustersId");
    }

    private ObjectNode cluster(FakeRequest r) {
        return clusters.require(key(r), () -> notFound("projects/" + r.path("projectsId") + "/locations/" + r.path("locationsId")
                + "/clusters/" + r.path("clustersId")));
    }

    private ObjectNode pool(FakeRequest r) {
        for (JsonNode p : cluster(r).path("nodePools")) {
            if (p.get("name").asText().equals(r.path("nodePoolsId"))) {
                return (ObjectNode) p;
            }
        }
        throw notFound("node pool " + r.path("nodePoolsId"));
    }

    /** GKE refuses a change while another runs on the cluster. */
    private static void busy(ObjectNode cluster) {
        if (!"RUNNING".equals(cluster.get("status").asText())) {
            throw Gce.error(400, "failedPrecondition", "Cluster is running incompatible operation (status " + cluster.get("status").asText() + ").");
        }
        cluster.put("status", "RECONCILING");
    }

    private FakeResponse create(FakeRequest r) {
        String location = r.path("locationsId");
        fake.catalog.zone(location);
        JsonNode spec = r.json().path("cluster");
        String name = spec.path("name").asText(null);
        Gce.requireName(name);
        if (spec.path("nodePools").isEmpty() && spec.path("initialNodeCount").asInt(0) <= 0) {
            throw Gce.error(400, "badRequest", "Cluster.initial_node_count must be greater than zero.");
        }
        String network = spec.path("network").asText("default");
        fake.networks.networks.find(Gce.last(network)).orElseThrow(() -> Gce.error(400, "badRequest", "Network \"" + network + "\" does not exist."));
        String subnetwork = spec.path("subnetwork").asText("");
        if (!subnetwork.isEmpty()) {
            fake.networks.subnetworks.find(ComputeCatalog.regionOf(location) + "/" + Gce.last(subnetwork))
                    .orElseThrow(() -> Gce.error(400, "badRequest", "Subnetwork \"" + subnetwork + "\" does not exist."));
        }
        String self = BASE + "projects/" + GcpFake.PROJECT + "/locations/" + location + "/clusters/" + name;
        if (clusters.contains(location + "/" + name)) {
            throw Gce.error(409, "alreadyExists", "Already exists: " + self.replace(BASE, "") + ".");
        }
        ObjectNode cluster = ((ObjectNode) spec.deepCopy()).put("selfLink", self).put("location", location).put("zone", location)
                .put("status", "PROVISIONING").put("endpoint", "34.118.0." + (clusters.size() + 2)).put("id", Long.toHexString(System.nanoTime()))
                .put("currentMasterVersion", spec.path("initialClusterVersion").asText("1.30") + ".5-gke.1014000")
                .put("createTime", java.time.Instant.now().toString()).put("network", Gce.last(network))
                .put("labelFingerprint", "lf-0");
        if (!subnetwork.isEmpty()) {
            cluster.put("subnetwork", Gce.last(subnetwork));
        }
        ArrayNode pools = cluster.putArray("nodePools");
        for (JsonNode p : spec.path("nodePools")) {
            pools.add(newPool(cluster, p));
        }
        cluster.putArray("locations").add(location);
        clusters.put(location + "/" + name, cluster);
        return FakeResponse.ok(operation(r, "CREATE_CLUSTER", self, () -> {
            cluster.put("status", "RUNNING");
            cluster.path("nodePools").forEach(p -> ((ObjectNode) p).put("status", "RUNNING"));
        }));
    }

    private ObjectNode newPool(ObjectNode cluster, JsonNode spec) {
        String zone = cluster.get("location").asText();
        String name = spec.path("name").asText(null);
        Gce.requireName(name);
        String machineType = spec.path("config").path("machineType").asText("e2-medium");
        if (fake.catalog.machineTypes(zone).stream().noneMatch(m -> m.get("name").asText().equals(machineType))) {
            throw Gce.error(400, "badRequest", "Machine type \"" + machineType + "\" is not available in zone " + zone + ".");
        }
        ObjectNode pool = ((ObjectNode) spec.deepCopy()).put("status", "PROVISIONING")
                .put("selfLink", cluster.get("selfLink").asText() + "/nodePools/" + name).put("version", cluster.get("currentMasterVersion").asText());
        String group = "gke-" + cluster.get("name").asText() + "-" + name + "-grp";
        group = group.length() > 63 ? group.substring(0, 63) : group;
        String link = Gce.link("projects/" + GcpFake.PROJECT + "/zones/" + zone + "/instanceGroupManagers/" + group);
        ObjectNode igm = Gce.object();
        igm.putObject("status").put("isStable", true);
        groups.put(zone + "/" + group, igm.put("kind", "compute#instanceGroupManager").put("id", groups.nextId())
                .put("creationTimestamp", Gce.now()).put("name", group).put("zone", Gce.link("projects/" + GcpFake.PROJECT + "/zones/" + zone))
                .put("selfLink", link).put("baseInstanceName", group).put("targetSize", spec.path("initialNodeCount").asInt(1))
                .put("instanceGroup", link.replace("instanceGroupManagers", "instanceGroups")).put("fingerprint", "igm-0"));
        pool.putArray("instanceGroupUrls").add(link);
        pool.putArray("locations").add(zone);
        return pool;
    }

    private ObjectNode group(JsonNode pool) {
        String url = pool.path("instanceGroupUrls").path(0).asText();
        String[] parts = url.split("/");
        return groups.find(parts[parts.length - 3] + "/" + parts[parts.length - 1]).orElseThrow();
    }

    private void removeGroup(JsonNode pool) {
        String url = pool.path("instanceGroupUrls").path(0).asText();
        String[] parts = url.split("/");
        groups.remove(parts[parts.length - 3] + "/" + parts[parts.length - 1]);
    }

    private FakeResponse createPool(FakeRequest r) {
        ObjectNode cluster = cluster(r);
        JsonNode spec = r.json().path("nodePool");
        for (JsonNode p : cluster.path("nodePools")) {
            if (p.get("name").asText().equals(spec.path("name").asText())) {
                throw Gce.error(409, "alreadyExists", "Already exists: node pool " + spec.path("name").asText() + ".");
            }
        }
        ObjectNode pool = newPool(cluster, spec);
        busy(cluster);
        ((ArrayNode) cluster.get("nodePools")).add(pool);
        return FakeResponse.ok(operation(r, "CREATE_NODE_POOL", pool.get("selfLink").asText(), () -> {
            pool.put("status", "RUNNING");
            cluster.put("status", "RUNNING");
        }));
    }

    private ObjectNode operation(FakeRequest r, String type, String target, Runnable done) {
        String location = r.path("locationsId");
        String name = "operation-" + System.currentTimeMillis() + "-" + operations.nextId();
        ObjectNode op = Gce.object().put("name", name).put("zone", location).put("location", location).put("operationType", type)
                .put("status", "RUNNING").put("selfLink", BASE + "projects/" + GcpFake.PROJECT + "/locations/" + location + "/operations/" + name)
                .put("targetLink", target).put("startTime", java.time.Instant.now().toString());
        operations.put(location + "/" + name, op);
        clock.later(3, () -> {
            done.run();
            op.put("status", "DONE").put("endTime", java.time.Instant.now().toString());
        });
        return op.deepCopy();
    }
}
