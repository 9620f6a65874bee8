package io.multicloud.driver.gcp.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.testkit.fake.FakeClock;
import io.multicloud.testkit.fake.FakeHandler;
import io.multicloud.testkit.fake.FakeRequest;
import io.multicloud.testkit.fake.FakeResponse;
import io.multicloud.testkit.fake.FakeServer;
import io.multicloud.testkit.fake.Pages;
import io.multicloud.testkit.fake.ResponseCheck;
import io.multicloud.testkit.fake.Route;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A stateful fake of Compute Engine, GKE, Cloud TPU and the Cloud Billing Catalog on 127.0.0.1,
 * built on the testkit's fake-server core. Its routes come from Google's discovery documents in
 * {@code shared/cloud-specs/gcp/} (compute.v1.json, container.v1.json, tpu.v2.json,
 * cloudbilling.v1.json): each handled method is routed at its document's path, its query
 * parameters and request body are checked against the document, and every answer is checked
 * against the method's response schema (a violation fails the test when the fake closes).
 *
 * <p>State is kept as GCE keeps it: compute mutations answer an Operation that goes PENDING →
 * RUNNING → DONE (a step is 10 ms by default), instances go PROVISIONING → STAGING → RUNNING, a
 * {@code requestId} seen before answers its first operation without doing anything again, lists
 * come in pages of 3 ({@code nextPageToken}), and a network with subnetworks, or a subnetwork with
 * instances, cannot be deleted ({@code resourceInUseByAnotherResource}); nor can a health check,
 * instance group or backend service a load balancer uses. Load balancers' health comes from
 * state ({@link HealthProbes}: the instance runs and a firewall rule admits Google's probe
 * ranges on the checked port). Faults on demand:
 * {@link #failNextOperation} (an operation that ends with a quota or stockout error),
 * {@link #throttle} (429 {@code rateLimitExceeded}), {@link #loseAnswer} (the change applied, then 503).
 */
public final class GcpFake implements AutoCloseable {
    /** The project every connection to the fake uses. */
    public static final String PROJECT = "fake-project";
    /** Standard query parameters every Google API accepts. */
    private static final Set<String> STANDARD = Set.of("$alt", "alt", "fields", "key", "prettyPrint", "quotaUser", "userIp",
            "access_token", "$.xgafv", "callback", "oauth_token", "upload_protocol", "uploadType", "$fields");

    private final Map<String, Discovery> docs = new LinkedHashMap<>();
    private final Map<String, FakeHandler> handlers = new LinkedHashMap<>();
    final Pages pages = new Pages(3);
    final ComputeOps ops;
    final ComputeCatalog catalog;
    final ComputeNetworks networks;
    final ComputeInstances instances;
    final ComputeLoadBalancing loadBalancing;
    final ComputeInstanceGroups instanceGroups;
    final ComputeBackendServices backendServices;
    final GkeFake gke;
    final TpuFake tpu;
    final BillingFake billing;
    private final FakeServer server;

    private GcpFake(Duration step) {
        for (String file : List.of("compute.v1.json", "container.v1.json", "tpu.v2.json", "cloudbilling.v1.json")) {
            Discovery d = Discovery.load(file);
            docs.put(file.substring(0, file.indexOf('.')), d);
        }
        FakeClock clock = step == null ? FakeClock.byRequests() : FakeClock.byTime(step);
        this.ops = new ComputeOps(this, clock);
        this.catalog = new ComputeCatalog(this);
        this.networks = new ComputeNetworks(this);
        this.instances = new ComputeInstances(this);
        this.loadBalancing = new ComputeLoadBalancing(this);
        this.instanceGroups = new ComputeInstanceGroups(this);
        this.backendServices = new ComputeBackendServices(this);
        this.gke = new GkeFake(this, clock);
        this.tpu = new TpuFake(this, clock);
        this.billing = new BillingFake(this);
        FakeServer.Builder builder = FakeServer.builder().clock(clock).check(this::check)
                .notFound(r -> Gce.errorResponse(404, "notFound", "The requested URL " + r.path() + " was not found on this server."));
        handlers.forEach((id, handler) -> {
            Discovery.Method m = doc(id).method(id);
            builder.route(m.httpMethod(), m.template(), id, request -> validateThenHandle(m, handler, request));
        });
        this.server = builder.start();
    }

    /** A fake whose operations and instances move on every 10 ms. */
    public static GcpFake start() {
        return new GcpFake(Duration.ofMillis(10));
    }

    /** A fake whose steps are requests served, whatever the time. */
    public static GcpFake startByRequests() {
        return new GcpFake(null);
    }

    /** The endpoint to give the driver ({@code http://127.0.0.1:PORT}). */
    public String url() {
        return server.url();
    }

    public FakeServer server() {
        return server;
    }

    /** Registers the handler of a discovery method, such as {@code compute.instances.insert}. */
    void on(String methodId, FakeHandler handler) {
        handlers.put(methodId, handler);
    }

    private Discovery doc(String methodId) {
        Discovery d = docs.get(methodId.substring(0, methodId.indexOf('.')));
        if (d == null) {
            throw new IllegalArgumentException("no discovery document for " + methodId);
        }
        return d;
    }

    private FakeResponse validateThenHandle(Discovery.Method m, FakeHandler handler, FakeRequest request) {
        for (String param : request.query().keySet()) {
            if (!m.queryParameters().contains(param) && !STANDARD.contains(param)) {
                throw Gce.error(400, "invalidParameter", "Invalid JSON payload received. Unknown name \"" + param
                        + "\": Cannot bind query parameter. Field '" + param + "' could not be found in request message.");
            }
        }
        if (m.request() != null) {
            List<String> wrong = doc(m.id()).checkRequest(m.request(), request.json(), m.id());
            if (!wrong.isEmpty()) {
                throw Gce.error(400, "invalid", "Invalid JSON payload received. " + String.join("; ", wrong));
            }
        }
        return handler.handle(request);
    }

    private List<String> check(Route route, FakeRequest request, FakeResponse response) {
        if (response.json() == null) {
            return response.status() == 204 || response.status() == 404 && route == null ? List.of()
                    : List.of("a Google API answers JSON, not " + response.bodyText());
        }
        if (response.status() >= 400) {
            return checkError(response.json());
        }
        if (route == null) {
            return List.of("an answer without a route");
        }
        Discovery.Method m = doc(route.name()).method(route.name());
        if (m.response() == null) {
            return response.json().isEmpty() ? List.of() : List.of("the method answers no body");
        }
        return doc(route.name()).checkResponse(m.response(), response.json());
    }

    /** Google's error envelope (discovery documents do not describe it). */
    private static List<String> checkError(JsonNode body) {
        List<String> wrong = new ArrayList<>();
        JsonNode error = body.get("error");
        if (error == null || body.size() != 1) {
            return List.of("an error answer must be {\"error\": {...}} alone");
        }
        Set<String> known = Set.of("code", "message", "errors", "status", "details");
        error.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                wrong.add("error." + f + ": unknown field");
            }
        });
        if (!error.path("code").isInt() || !error.path("message").isTextual()) {
            wrong.add("error.code (int) and error.message (string) are required");
        }
        for (JsonNode e : error.path("errors")) {
            if (!e.path("reason").isTextual() || !e.path("message").isTextual()) {
                wrong.add("error.errors[]: reason and message are required");
            }
        }
        return wrong;
    }

    // ---- lists ----

    /** A compute list answer: the items that pass the request's filter, one page of them. */
    ObjectNode list(String kind, String selfLink, List<ObjectNode> all, FakeRequest request) {
        String filter = request.query("filter").orElse(null);
        List<ObjectNode> matching = all.stream().filter(i -> Gce.matches(i, filter)).toList();
        Pages.Page<ObjectNode> page = pages.page(matching, request.query("pageToken").orElse(null),
                request.query("maxResults").map(Integer::parseInt).orElse(0), GcpFake::badToken);
        ObjectNode body = Gce.object().put("kind", kind).put("id", selfLink).put("selfLink", Gce.link(selfLink));
        body.putArray("items").addAll(page.items().stream().map(ObjectNode::deepCopy).toList());
        if (page.nextToken() != null) {
            body.put("nextPageToken", page.nextToken());
        }
        return body;
    }

    /**
     * A compute aggregated list answer: {@code items} keyed by {@code zones/<zone>} (or
     * {@code regions/<region>}), the filtered items paged across every scope.
     *
     * @param scopeOf the scope key of an item
     */
    ObjectNode aggregated(String kind, String field, String selfLink, List<ObjectNode> all,
                          java.util.function.Function<ObjectNode, String> scopeOf, FakeRequest request) {
        String filter = request.query("filter").orElse(null);
        List<ObjectNode> matching = all.stream().filter(i -> Gce.matches(i, filter)).toList();
        Pages.Page<ObjectNode> page = pages.page(matching, request.query("pageToken").orElse(null),
                request.query("maxResults").map(Integer::parseInt).orElse(0), GcpFake::badToken);
        ObjectNode body = Gce.object().put("kind", kind).put("id", selfLink).put("selfLink", Gce.link(selfLink));
        ObjectNode items = body.putObject("items");
        for (ObjectNode item : page.items()) {
            ObjectNode scoped = items.has(scopeOf.apply(item)) ? (ObjectNode) items.get(scopeOf.apply(item))
                    : items.putObject(scopeOf.apply(item));
            (scoped.has(field) ? (com.fasterxml.jackson.databind.node.ArrayNode) scoped.get(field) : scoped.putArray(field))
                    .add(item.deepCopy());
        }
        if (page.nextToken() != null) {
            body.put("nextPageToken", page.nextToken());
        }
        return body;
    }

    static io.multicloud.testkit.fake.FakeError badToken(String token) {
        return Gce.error(400, "invalid", "Invalid value for field 'pageToken': '" + token + "'. Invalid page token.");
    }

    // ---- faults ----

    /** The next {@code times} calls of a method answer 429 {@code rateLimitExceeded}, Google's way. */
    public void throttle(String methodId, int times) {
        server.faults().refuse(methodId, times, Gce.errorResponse(429, "rateLimitExceeded",
                "Rate Limit Exceeded: Quota exceeded for quota metric 'Queries' and limit 'Queries per minute' of service 'compute.googleapis.com'"));
    }

    /** The next {@code times} calls of a method are applied, then answered 503 {@code backendError}. */
    public void loseAnswer(String methodId, int times) {
        server.faults().loseAnswer(methodId, times, Gce.errorResponse(503, "backendError", "Internal error. Please try again."));
    }

    /**
     * The next operation a compute method starts ends DONE with this error (as quota and stockout
     * errors come), and what it made is removed again.
     *
     * @param code such as {@code QUOTA_EXCEEDED}, {@code ZONE_RESOURCE_POOL_EXHAUSTED}
     * @param quotaMetric for a quota error, the metric ({@code CPUS}, {@code GPUS_ALL_REGIONS}), else null
     */
    public void failNextOperation(String methodId, String code, String message, String quotaMetric) {
        server.locked(() -> {
            ops.failNext(methodId, code, message, quotaMetric);
            return null;
        });
    }

    /** Seeds {@code n} instances in a zone directly (for paging tests), named {@code prefix-0..n-1}. */
    public void seedInstances(String zone, String prefix, int n) {
        server.locked(() -> {
            for (int i = 0; i < n; i++) {
                instances.seed(zone, prefix + "-" + i);
            }
            return null;
        });
    }

    /** How many instances the project holds. */
    public int instanceCount() {
        return server.locked(() -> instances.count());
    }

    /** A copy of an instance as the fake holds it, or null. */
    public ObjectNode instance(String zone, String name) {
        return server.locked(() -> instances.get(zone, name));
    }

    /**
     * The links of every load-balancing resource the project holds (health checks, instance
     * groups, backend services, target pools, forwarding rules), sorted: what a test expects
     * to be empty once a load balancer is gone.
     */
    public List<String> loadBalancingResources() {
        return server.locked(() -> {
            List<String> out = new ArrayList<>();
            for (var store : List.of(loadBalancing.healthChecks, loadBalancing.pools, loadBalancing.rules, instanceGroups.groups,
                    backendServices.healthChecks, backendServices.services)) {
                store.values().forEach(item -> out.add(item.get("selfLink").asText().replace(Gce.BASE, "")));
            }
            out.sort(null);
            return out;
        });
    }

    @Override
    public void close() {
        server.close();
    }
}
