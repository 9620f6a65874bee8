package io.multicloud.driver.azure.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.testkit.fake.FakeClock;
import io.multicloud.testkit.fake.FakeError;
import io.multicloud.testkit.fake.FakeHandler;
import io.multicloud.testkit.fake.FakeRequest;
import io.multicloud.testkit.fake.FakeResponse;
import io.multicloud.testkit.fake.FakeServer;
import io.multicloud.testkit.fake.Pages;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * A stateful fake of Azure Resource Manager on 127.0.0.1, built on the testkit's fake-server core
 * and on Azure's own swagger files in {@code ../shared/cloud-specs/azure}: each route is an
 * operation of the swagger (its {@code operationId}, method and path template), and every answer
 * is checked against the operation's response schema ({@link SwaggerResponseCheck}); a violation
 * fails the test when the fake closes.
 *
 * <p>State the way ARM keeps it: resources by id in resource groups; PUT creates or replaces a
 * whole resource; long-running operations answer 201/202 with an {@code Azure-AsyncOperation} URL
 * and {@code Retry-After: 0}, their status going InProgress → Succeeded (or Failed) a few clock
 * steps later, when the resource's provisioning state turns Succeeded; references between
 * resources (a VM's NIC, IP and disk; a NIC's subnet and NSG; a disk's VM) and the refusals they
 * cause; lists paged by {@code nextLink} (3 items a page); errors in ARM's format
 * ({@code {"error":{"code","message"}}}). Faults (throttling, quota, capacity, lost answers) come
 * from the core's {@code faults()} with the bodies of {@link #error}.
 */
public final class AzureFake implements AutoCloseable {
    public static final String SUBSCRIPTION = "00000000-1111-2222-3333-444444444444";
    public static final String TENANT = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** How many clock steps a long-running operation takes. */
    static final int LRO_STEPS = 2;

    private final Swagger swagger = Swagger.get();
    private final Pages pages;
    private final FakeServer server;
    final ArmState state;
    private final Map<String, ObjectNode> operations = new LinkedHashMap<>();
    /** The results of finished long-running POSTs, read at their {@code Location}, by operation id. */
    private final Map<String, JsonNode> results = new LinkedHashMap<>();
    /** The network part, which the compute part asks for NICs. */
    NetworkFake network;
    /** The compute part. */
    ComputeFake compute;
    /** The load balancers' probes. */
    ProbeFake probes;

    private AzureFake(FakeClock clock, int pageSize) {
        this.pages = new Pages(pageSize);
        this.state = new ArmState(SUBSCRIPTION);
        FakeServer.Builder b = FakeServer.builder().clock(clock).check(new SwaggerResponseCheck(swagger))
                .notFound(r -> error(404, "NoRegisteredProviderFound", "no route for " + r.method() + " " + r.path()));
        Routes routes = new Routes(b);
        new ResourceManagerFake(this).register(routes);
        new ComputeFake(this).register(routes);
        new NetworkFake(this).register(routes);
        new AksFake(this).register(routes);
        new ProbeFake(this).register(routes);
        routes.raw("GET", "/subscriptions/{subscriptionId}/providers/{namespace}/locations/{location}/operations/{operationId}",
                "Operations_Status", this::operationStatus);
        routes.raw("GET", "/subscriptions/{subscriptionId}/providers/{namespace}/locations/{location}/operationResults/{operationId}",
                "Operations_Result", this::operationResult);
        new PricesFake().register(routes);
        this.server = b.start();
    }

    /** A fake whose clock moves every 5 ms. */
    public static AzureFake start() {
        return new AzureFake(FakeClock.byTime(Duration.ofMillis(5)), 3);
    }

    /** A fake with this clock and page size. */
    public static AzureFake start(FakeClock clock, int pageSize) {
        return new AzureFake(clock, pageSize);
    }

    public FakeServer server() {
        return server;
    }

    public String url() {
        return server.url();
    }

    @Override
    public void close() {
        server.close();
    }

    /** Runs an action on the fake's state between requests. */
    public <T> T locked(java.util.function.Supplier<T> action) {
        return server.locked(action);
    }

    /** The ids of every resource of a type (any case), for tests. */
    public List<String> ids(String type) {
        return locked(() -> state.all(type).stream().map(r -> r.path("id").asText()).toList());
    }

    /**
     * Seeds {@code count} running VMs (each with its NIC, public IP and OS disk, as a PUT makes
     * them) in a group and network made for them, without requests: a large account for call
     * counts. Names are {@code prefix-0}, {@code prefix-1}, ...
     */
    public void seedVms(String resourceGroup, String prefix, int count) {
        locked(() -> {
            ObjectNode group = state.group(resourceGroup).orElseGet(() -> {
                ObjectNode g = NODES.objectNode().put("id", "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + resourceGroup)
                        .put("name", resourceGroup).put("type", "Microsoft.Resources/resourceGroups").put("location", "eastus");
                g.putObject("properties").put("provisioningState", "Succeeded");
                state.putGroup(resourceGroup, g);
                return g;
            });
            String vnetId = state.id(group, NetworkFake.VNET, prefix + "-vnet");
            ObjectNode vnet = NODES.objectNode().put("id", vnetId).put("name", prefix + "-vnet").put("type", NetworkFake.VNET)
                    .put("location", "eastus");
            ObjectNode props = vnet.putObject("properties").put("provisioningState", "Succeeded");
            props.putObject("addressSpace").putArray("addressPrefixes").add("10.128.0.0/9");
            ObjectNode subnet = props.putArray("subnets").addObject().put("id", vnetId + "/subnets/sn").put("name", "sn");
            subnet.putObject("properties").put("addressPrefix", "10.128.0.0/9").put("provisioningState", "Succeeded");
            state.put(vnet);
            for (int i = 0; i < count; i++) {
                String name = prefix + "-" + i;
                ObjectNode body = NODES.objectNode().put("location", "eastus");
                body.putObject("tags").put("seed", prefix);
                ObjectNode p = body.putObject("properties");
                p.putObject("hardwareProfile").put("vmSize", "Standard_B1s");
                p.putObject("storageProfile").putObject("imageReference").put("publisher", "Canonical")
                        .put("offer", "0001-com-ubuntu-server-jammy").put("sku", "22_04-lts-gen2").put("version", "latest");
                ((ObjectNode) p.path("storageProfile")).putObject("osDisk").put("name", name + "-osdisk").put("deleteOption", "Delete");
                p.putObject("osProfile").put("computerName", name).put("adminUsername", "multicloud");
                ObjectNode nic = p.putObject("networkProfile").putArray("networkInterfaceConfigurations").addObject().put("name", name + "-nic");
                ObjectNode ip = nic.putObject("properties").put("primary", true).put("deleteOption", "Delete").putArray("ipConfigurations")
                        .addObject().put("name", "ipconfig1");
                ObjectNode ipProps = ip.putObject("properties").put("primary", true);
                ipProps.putObject("subnet").put("id", vnetId + "/subnets/sn");
                ipProps.putObject("publicIPAddressConfiguration").put("name", name + "-ip").putObject("properties").put("deleteOption", "Delete");
                compute.seedVm(group, name, body);
            }
            return null;
        });
    }

    // ---- routes ----

    /** Registers routes by operation id, with the method and path the swagger gives. */
    final class Routes {
        private final FakeServer.Builder builder;

        Routes(FakeServer.Builder builder) {
            this.builder = builder;
        }

        void op(String operationId, FakeHandler handler) {
            Swagger.Operation op = swagger.operation(operationId)
                    .orElseThrow(() -> new IllegalStateException("no operation " + operationId + " in the swagger files"));
            // {scope} spans several segments (x-ms-skip-url-encoding): the core's {+scope}.
            builder.route(op.method(), op.path().replace("{scope}", "{+scope}"), operationId, handler);
        }

        void raw(String method, String template, String name, FakeHandler handler) {
            builder.route(method, template, name, handler);
        }
    }

    // ---- answers ----

    /** ARM's error answer. */
    public static FakeResponse error(int status, String code, String message) {
        ObjectNode body = NODES.objectNode();
        body.putObject("error").put("code", code).put("message", message);
        return FakeResponse.json(status, body);
    }

    /** ARM's error, thrown from any depth of a handler. */
    static FakeError refuse(int status, String code, String message) {
        return new FakeError(error(status, code, message));
    }

    /** A throttling answer with {@code Retry-After}. */
    public static FakeResponse throttled(int retryAfterSeconds) {
        return error(429, "TooManyRequests", "The request is being throttled as the limit has been reached for operation type - Write.")
                .header("Retry-After", Integer.toString(retryAfterSeconds));
    }

    /** A page of a list: {@code {value:[...], nextLink}}, the next link absolute, with {@code $skiptoken}. */
    FakeResponse page(FakeRequest request, List<? extends JsonNode> items) {
        Pages.Page<? extends JsonNode> page = pages.page(items, request.query("$skiptoken").orElse(null), 0,
                token -> refuse(400, "InvalidSkipToken", "the skip token " + token + " is not valid"));
        ObjectNode body = NODES.objectNode();
        ArrayNode value = body.putArray("value");
        page.items().forEach(value::add);
        if (page.nextToken() != null) {
            StringBuilder link = new StringBuilder(url()).append(request.path()).append('?');
            request.query().forEach((k, vs) -> {
                if (!k.equals("$skiptoken")) {
                    vs.forEach(v -> link.append(enc(k)).append('=').append(enc(v)).append('&'));
                }
            });
            link.append("%24skiptoken=").append(page.nextToken());
            body.put("nextLink", link.toString());
        }
        return FakeResponse.ok(body);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * Answers a long-running operation: {@code status} (201 or 202, or 200) with the body, an
     * {@code Azure-AsyncOperation} URL and {@code Retry-After: 0}; {@code done} runs when the
     * operation succeeds, {@link #LRO_STEPS} clock steps later.
     */
    FakeResponse longRunning(FakeRequest request, int status, JsonNode body, String namespace, Runnable done) {
        return longRunning(request, status, body, namespace, done, null);
    }

    /** As {@link #longRunning(FakeRequest, int, JsonNode, String, Runnable)}; a non-null {@code failure} fails it. */
    FakeResponse longRunning(FakeRequest request, int status, JsonNode body, String namespace, Runnable done, FakeResponse failure) {
        String id = UUID.randomUUID().toString();
        ObjectNode op = NODES.objectNode().put("name", id).put("status", "InProgress").put("startTime", Instant.now().toString());
        operations.put(id, op);
        server.clock().later(LRO_STEPS, () -> {
            if (done != null) {
                done.run();
            }
            if (failure != null) {
                op.put("status", "Failed").set("error", failure.json().get("error"));
            } else {
                op.put("status", "Succeeded");
            }
            op.put("endTime", Instant.now().toString());
        });
        String asyncUrl = url() + "/subscriptions/" + SUBSCRIPTION + "/providers/" + namespace + "/locations/eastus/operations/" + id
                + "?api-version=" + request.query("api-version").orElse("2024-03-01");
        FakeResponse response = body == null ? FakeResponse.empty(status) : FakeResponse.json(status, body);
        return response.header("Azure-AsyncOperation", asyncUrl).header("Retry-After", "0");
    }

    /**
     * Answers a long-running POST whose result is read at its {@code Location} once it finished
     * (ARM's {@code final-state-via: location}): 202 with an {@code Azure-AsyncOperation} URL, the
     * {@code Location} of the result and {@code Retry-After: 0}; the result is computed when the
     * operation finishes, {@link #LRO_STEPS} clock steps later.
     */
    FakeResponse longRunningResult(FakeRequest request, String namespace, java.util.function.Supplier<JsonNode> result) {
        String id = UUID.randomUUID().toString();
        ObjectNode op = NODES.objectNode().put("name", id).put("status", "InProgress").put("startTime", Instant.now().toString());
        operations.put(id, op);
        server.clock().later(LRO_STEPS, () -> {
            results.put(id, result.get());
            op.put("status", "Succeeded").put("endTime", Instant.now().toString());
        });
        String base = url() + "/subscriptions/" + SUBSCRIPTION + "/providers/" + namespace + "/locations/eastus/";
        String version = "?api-version=" + request.query("api-version").orElse("2024-03-01");
        return FakeResponse.empty(202).header("Azure-AsyncOperation", base + "operations/" + id + version)
                .header("Location", base + "operationResults/" + id + version).header("Retry-After", "0");
    }

    private FakeResponse operationResult(FakeRequest request) {
        String id = request.path("operationId");
        JsonNode result = results.get(id);
        if (result != null) {
            return FakeResponse.ok(result.deepCopy());
        }
        if (operations.containsKey(id)) {
            return FakeResponse.empty(202).header("Location", url() + request.path() + "?api-version="
                    + request.query("api-version").orElse("2024-03-01")).header("Retry-After", "0");
        }
        throw refuse(404, "NotFound", "no operation " + id);
    }

    /** Makes the probes of a VM's port fail (nothing answers there any more) or answer again: a switch of the fake, for tests. */
    public void portAnswers(String vmId, int port, boolean answers) {
        locked(() -> {
            probes.portAnswers(vmId, port, answers);
            return null;
        });
    }

    private FakeResponse operationStatus(FakeRequest request) {
        ObjectNode op = operations.get(request.path("operationId"));
        if (op == null) {
            throw refuse(404, "NotFound", "no operation " + request.path("operationId"));
        }
        return FakeResponse.ok(op.deepCopy());
    }

    /**
     * The failure a test asks of a resource's long-running create, through its tag
     * {@code fake-failure} ({@code "Code: message"}), or null.
     */
    static FakeResponse failureAsked(ObjectNode resource) {
        String asked = resource.path("tags").path("fake-failure").asText(null);
        if (asked == null) {
            return null;
        }
        int colon = asked.indexOf(':');
        return colon < 0 ? error(200, "InternalServerError", asked)
                : error(200, asked.substring(0, colon).trim(), asked.substring(colon + 1).trim());
    }

    // ---- helpers for the resource fakes ----

    /** The resource group of a request, which must exist. */
    ObjectNode group(FakeRequest request) {
        String name = request.path("resourceGroupName");
        return state.group(name).orElseThrow(() -> refuse(404, "ResourceGroupNotFound", "Resource group '" + name + "' could not be found."));
    }

    /** The request's body as an object (a 400 InvalidRequestFormat otherwise). */
    static ObjectNode body(FakeRequest request) {
        JsonNode json = request.json();
        if (!json.isObject()) {
            throw refuse(400, "InvalidRequestFormat", "the request body is not a JSON object");
        }
        return (ObjectNode) json;
    }

    static ObjectNode object(ObjectNode parent, String field) {
        JsonNode node = parent.get(field);
        return node instanceof ObjectNode o ? o : parent.putObject(field);
    }

    static String text(JsonNode node, String pointer) {
        JsonNode n = node.at(pointer);
        return n.isMissingNode() || n.isNull() ? null : n.asText();
    }

    /** A 404 of ARM for a missing resource. */
    static FakeError notFound(String type, String name) {
        return refuse(404, "ResourceNotFound", "The Resource '" + type + "/" + name + "' under resource group was not found.");
    }

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    static List<ObjectNode> filter(List<ObjectNode> items, Predicate<ObjectNode> which) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode i : items) {
            if (which.test(i)) {
                out.add(i);
            }
        }
        return out;
    }

    static Optional<ObjectNode> optional(JsonNode node) {
        return node instanceof ObjectNode o ? Optional.of(o) : Optional.empty();
    }
}
