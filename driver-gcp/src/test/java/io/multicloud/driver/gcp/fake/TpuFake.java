package io.multicloud.driver.gcp.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.testkit.fake.FakeClock;
import io.multicloud.testkit.fake.FakeRequest;
import io.multicloud.testkit.fake.FakeResponse;
import io.multicloud.testkit.fake.Pages;
import io.multicloud.testkit.fake.Store;
import java.util.List;

/**
 * Cloud TPU v2: locations, accelerator types, and TPU VM nodes (CREATING → READY, DELETING →
 * gone) through long-running operations of {@code google.longrunning} form
 * ({@code done}, {@code response} with its {@code @type}).
 */
final class TpuFake {
    private static final List<String> TPU_ZONES = List.of("us-central1-a", "us-central1-b", "us-central1-f", "europe-west4-a", "asia-northeast1-b");
    private static final List<String> TYPES = List.of("v2-8", "v3-8", "v4-8", "v5litepod-8");
    private final GcpFake fake;
    private final FakeClock clock;
    private final Store<ObjectNode> nodes = new Store<>();
    private final Store<ObjectNode> operations = new Store<>();

    TpuFake(GcpFake fake, FakeClock clock) {
        this.fake = fake;
        this.clock = clock;
        fake.on("tpu.projects.locations.list", r -> {
            List<ObjectNode> all = TPU_ZONES.stream().map(z -> Gce.object().put("name", "projects/" + GcpFake.PROJECT + "/locations/" + z)
                    .put("locationId", z).put("displayName", z)).toList();
            // Google answers every location at once unless the client asks for pages (the client
            // library's locations mixin sends no page token, so it must not be paged unasked).
            Pages.Page<ObjectNode> page = r.query("pageSize").isPresent() || r.query("pageToken").isPresent()
                    ? page(all, r) : new Pages.Page<>(all, null);
            ObjectNode body = Gce.object();
            body.putArray("locations").addAll(page.items());
            if (page.nextToken() != null) {
                body.put("nextPageToken", page.nextToken());
            }
            return FakeResponse.ok(body);
        });
        fake.on("tpu.projects.locations.acceleratorTypes.list", r -> {
            ObjectNode body = Gce.object();
            TYPES.forEach(t -> body.withArray("acceleratorTypes").addObject()
                    .put("name", "projects/" + r.path("projectsId") + "/locations/" + r.path("locationsId") + "/acceleratorTypes/" + t).put("type", t));
            return FakeResponse.ok(body);
        });
        fake.on("tpu.projects.locations.nodes.list", r -> {
            String parent = "projects/" + r.path("projectsId") + "/locations/" + r.path("locationsId");
            Pages.Page<ObjectNode> page = page(nodes.values(n -> n.get("name").asText().startsWith(parent + "/")), r);
            ObjectNode body = Gce.object();
            body.putArray("nodes").addAll(page.items().stream().map(ObjectNode::deepCopy).toList());
            if (page.nextToken() != null) {
                body.put("nextPageToken", page.nextToken());
            }
            return FakeResponse.ok(body);
        });
        fake.on("tpu.projects.locations.nodes.get", r -> FakeResponse.ok(node(r).deepCopy()));
        fake.on("tpu.projects.locations.nodes.create", this::create);
        fake.on("tpu.projects.locations.nodes.delete", this::delete);
        fake.on("tpu.projects.locations.operations.get", r -> FakeResponse.ok(operations.require(name(r, "operations", "operationsId"),
                () -> notFound(name(r, "operations", "operationsId"))).deepCopy()));
    }

    private Pages.Page<ObjectNode> page(List<ObjectNode> all, FakeRequest r) {
        return fake.pages.page(all, r.query("pageToken").orElse(null), r.query("pageSize").map(Integer::parseInt).orElse(0),
                t -> Gce.error(400, "badRequest", "Invalid page token."));
    }

    private static String name(FakeRequest r, String collection, String idVariable) {
        return "projects/" + r.path("projectsId") + "/locations/" + r.path("locationsId") + "/" + collection + "/" + r.path(idVariable);
    }

    private static io.multicloud.testkit.fake.FakeError notFound(String name) {
        return Gce.error(404, "notFound", "Resource '" + name + "' was not found");
    }

    private ObjectNode node(FakeRequest r) {
        String name = name(r, "nodes", "nodesId");
        return nodes.require(name, () -> notFound(name));
    }

    private FakeResponse create(FakeRequest r) {
        String zone = r.path("locationsId");
        if (!TPU_ZONES.contains(zone)) {
            throw Gce.error(400, "badRequest", "Location " + zone + " does not offer Cloud TPU.");
        }
        String id = r.query("nodeId").orElseThrow(() -> Gce.error(400, "badRequest", "nodeId is required"));
        Gce.requireName(id);
        JsonNode body = r.json();
        if (!TYPES.contains(body.path("acceleratorType").asText())) {
            throw Gce.error(400, "badRequest", "Accelerator type '" + body.path("acceleratorType").asText() + "' is not available in " + zone);
        }
        String name = "projects/" + r.path("projectsId") + "/locations/" + zone + "/nodes/" + id;
        ObjectNode node = ((ObjectNode) body.deepCopy()).put("name", name).put("state", "CREATING").put("createTime", java.time.Instant.now().toString())
                .put("id", nodes.nextId()).put("apiVersion", "V2").put("health", "HEALTHY");
        if (!node.has("runtimeVersion")) {
            throw Gce.error(400, "badRequest", "runtimeVersion is required");
        }
        node.putArray("networkEndpoints").addObject().put("ipAddress", "10.130.0." + (nodes.size() + 2)).put("port", 8470);
        nodes.insert(name, node, () -> Gce.error(409, "alreadyExists", "Resource '" + name + "' already exists"));
        return FakeResponse.ok(operation(zone, "create", name, () -> node.put("state", "READY"), node));
    }

    private FakeResponse delete(FakeRequest r) {
        ObjectNode node = node(r);
        node.put("state", "DELETING");
        String name = node.get("name").asText();
        return FakeResponse.ok(operation(r.path("locationsId"), "delete", name, () -> nodes.remove(name), null));
    }

    private ObjectNode operation(String zone, String verb, String target, Runnable done, ObjectNode result) {
        String name = "projects/" + GcpFake.PROJECT + "/locations/" + zone + "/operations/operation-" + operations.nextId();
        ObjectNode op = Gce.object().put("name", name).put("done", false);
        op.putObject("metadata").put("@type", "type.googleapis.com/google.cloud.tpu.v2.OperationMetadata")
                .put("createTime", java.time.Instant.now().toString()).put("target", target).put("verb", verb).put("apiVersion", "v2");
        operations.put(name, op);
        clock.later(3, () -> {
            done.run();
            op.put("done", true);
            ObjectNode response = op.putObject("response");
            if (result == null) {
                response.put("@type", "type.googleapis.com/google.protobuf.Empty");
            } else {
                response.put("@type", "type.googleapis.com/google.cloud.tpu.v2.Node");
                result.fields().forEachRemaining(e -> response.set(e.getKey(), e.getValue().deepCopy()));
            }
        });
        return op.deepCopy();
    }
}
