package io.multicloud.driver.tencent.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.testkit.fake.FakeClock;
import io.multicloud.testkit.fake.FakeError;
import io.multicloud.testkit.fake.FakeRequest;
import io.multicloud.testkit.fake.FakeResponse;
import io.multicloud.testkit.fake.FakeServer;
import io.multicloud.testkit.fake.Route;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful fake of Tencent Cloud API 3.0 (CVM, VPC, CBS, CLB, TKE and the tag service) on 127.0.0.1, built on
 * the testkit's fake-server core and on Tencent's own API metadata ({@link TencentSpec}, from
 * {@code shared/cloud-specs/tencent}): every request is {@code POST /}, dispatched on the product
 * (the service in the TC3 signature's credential scope) and the {@code X-TC-Action} header; the
 * body is checked against the action's input object (a missing required member is
 * {@code MissingParameter}), and every answer against its output object (the server's
 * {@link io.multicloud.testkit.fake.ResponseCheck}: a violation fails the test that caused it).
 * Resources are built from the example answers of {@code examples.json} with their fields set
 * from the state. The tag service and CBS have no metadata in the specs: CBS answers are checked
 * against the SDK's own response models instead ({@link SdkModelCheck}); the tag service's
 * answers (shaped from Tencent's documentation; no SDK artifact here) go unchecked.
 *
 * <p>Like the cloud: instances go PENDING → RUNNING (or LAUNCH_FAILED on demand), STOPPING →
 * STOPPED, STARTING → RUNNING, REBOOTING → RUNNING, TERMINATING → gone, a few clock steps
 * later; {@code ClientToken} makes RunInstances idempotent; lists come in pages of at most
 * {@link #pageSize()} items whatever {@code Limit} asks (the real cap is 100), with
 * {@code TotalCount}; a VPC, subnet or security group in use is refused with {@code ResourceInUse};
 * errors come as HTTP 200 with {@code Response.Error}. On demand: refusals by action with any code
 * ({@link #refuse}), lost answers ({@link #loseAnswer}: applied, then a 503 page), throttling.
 */
public final class TencentFake implements AutoCloseable {
    /** The route name of every request (the action is in {@link #actions()}). */
    public static final String ROUTE = "tencent";
    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/[^/]+/([a-z]+)/tc3_request");
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Products whose metadata is not in the specs (their answers are not checked against it). */
    static final java.util.Set<String> UNCHECKED = java.util.Set.of("tag", "cbs");
    /** CBS answers are checked against the SDK's response models, for want of metadata. */
    static final SdkModelCheck CBS_MODELS = new SdkModelCheck("com.tencentcloudapi.cbs.v20170312.models");

    /** One action's handler. */
    @FunctionalInterface
    interface Action {
        ObjectNode handle(String region, JsonNode body);
    }

    private record Refusal(String action, String code, String message, int[] left) {
    }

    private final FakeServer server;
    private final Map<String, Action> handlers = new HashMap<>();
    private final List<String> actions = Collections.synchronizedList(new ArrayList<>());
    private final List<Refusal> refusals = new ArrayList<>();
    private int pageSize = 3;
    final FakeState state;

    private TencentFake(Duration step) {
        this.state = new FakeState(this);
        new CvmActions(state).register(handlers);
        new VpcActions(state).register(handlers);
        new TagActions(state).register(handlers);
        new CbsActions(state).register(handlers);
        new ClbActions(state).register(handlers);
        new TkeActions(state).register(handlers);
        this.server = FakeServer.builder()
                .route("POST", "/", ROUTE, this::serve)
                .check(this::check)
                .clock(step == null ? FakeClock.byRequests() : FakeClock.byTime(step))
                .start();
    }

    /** A fake whose changes happen in steps of 5 ms. */
    public static TencentFake start() {
        return new TencentFake(Duration.ofMillis(5));
    }

    /** A fake whose changes happen in steps of requests served (deterministic, for counting). */
    public static TencentFake startCountingRequests() {
        return new TencentFake(null);
    }

    public FakeServer server() {
        return server;
    }

    /** {@code 127.0.0.1:port}, for the SDK's HttpProfile endpoint. */
    public String endpoint() {
        return "127.0.0.1:" + server.port();
    }

    /**
     * A connection to the fake: fake credentials, plain HTTP, quick retries, and the fake as the
     * HTTP proxy, so each product keeps its own host ({@code cvm.tencentcloudapi.com}) and signing
     * scope; nothing leaves 127.0.0.1.
     */
    public ConnectionConfig config(String region) {
        return ConnectionConfig.of("tencent", region).credential("secret_id", "AKIDfake0000000000000000000000000000")
                .credential("secret_key", "fake-secret-key-not-a-real-one")
                .property("proxy", endpoint()).property("protocol", "http").property("retry_base_ms", "1");
    }

    public int pageSize() {
        return pageSize;
    }

    /** Sets the most items a page holds. */
    public TencentFake pageSize(int size) {
        this.pageSize = size;
        return this;
    }

    /** Every action served so far, as {@code service:Action}, in order. */
    public List<String> actions() {
        synchronized (actions) {
            return List.copyOf(actions);
        }
    }

    /** How many requests of this action ({@code RunInstances} or {@code cvm:RunInstances}) were served. */
    public int count(String action) {
        synchronized (actions) {
            return (int) actions.stream().filter(a -> a.equals(action) || a.endsWith(":" + action)).count();
        }
    }

    /** Forgets the served actions and the server's log. */
    public void clearLog() {
        actions.clear();
        server.log().clear();
    }

    /** Answers the next {@code times} requests of the action with the error, without acting. */
    public void refuse(String action, int times, String code, String message) {
        server.locked(() -> refusals.add(new Refusal(action, code, message, new int[] {times})));
    }

    /** Acts on the next {@code times} requests of the action, then loses the answer (a 503 page). */
    public void loseAnswer(String action, int times) {
        server.faults().loseAnswer(ROUTE, r -> action.equals(r.header("X-TC-Action").orElse("")), times,
                FakeResponse.text(503, "<html><body>503 Service Temporarily Unavailable</body></html>"));
    }

    /** Makes the next instances of this name fail to launch with this reason (null name: every next one). */
    public void failLaunch(String instanceName, String reason) {
        server.locked(() -> state.launchFailures.put(instanceName == null ? "*" : instanceName, reason));
    }

    /** Runs something on the fake's state between requests. */
    public <T> T locked(Function<FakeState, T> action) {
        return server.locked(() -> action.apply(state));
    }

    /**
     * Runs an action inside the fake, without HTTP and without logging it (to seed state quickly,
     * such as a thousand instances): what the cloud would hold had they been made through the API.
     */
    public JsonNode invoke(String service, String action, String region, JsonNode body) {
        return server.locked(() -> handlers.get(service + ":" + action).handle(region, body));
    }

    /** The actions this fake serves, as {@code service:Action}. */
    public java.util.Set<String> served() {
        return java.util.Set.copyOf(handlers.keySet());
    }

    @Override
    public void close() {
        server.close();
    }

    private static String service(FakeRequest request) {
        Matcher m = SCOPE.matcher(request.header("Authorization").orElse(""));
        return m.find() ? m.group(1) : "";
    }

    private FakeResponse serve(FakeRequest request) {
        String action = request.header("X-TC-Action").orElse("");
        String service = service(request);
        String region = request.header("X-TC-Region").orElse("");
        actions.add(service + ":" + action);
        if (!request.header("Authorization").orElse("").startsWith("TC3-HMAC-SHA256 ")) {
            throw error("AuthFailure.SignatureFailure", "the request is not signed with TC3-HMAC-SHA256");
        }
        Action handler = handlers.get(service + ":" + action);
        if (handler == null) {
            throw error("InvalidAction", "the " + service + " fake has no action " + action);
        }
        if (!UNCHECKED.contains(service)) {
            TencentSpec spec = TencentSpec.of(service);
            String version = request.header("X-TC-Version").orElse("");
            if (!version.equals(spec.version())) {
                throw error("InvalidParameter", "X-TC-Version " + version + " is not " + spec.version());
            }
            String[] wrong = spec.checkInput(action, request.json());
            if (wrong != null) {
                throw error(wrong[0], wrong[1]);
            }
        }
        for (Iterator<Refusal> it = refusals.iterator(); it.hasNext(); ) {
            Refusal r = it.next();
            if (r.action().equals(action)) {
                if (--r.left()[0] == 0) {
                    it.remove();
                }
                throw error(r.code(), r.message());
            }
        }
        ObjectNode answer = handler.handle(region, request.json());
        answer.put("RequestId", UUID.randomUUID().toString());
        ObjectNode body = NODES.objectNode();
        body.set("Response", answer);
        return FakeResponse.ok(body);
    }

    private List<String> check(Route route, FakeRequest request, FakeResponse response) {
        if (route == null || response.json() == null || !response.json().has("Response")) {
            return List.of();
        }
        String service = service(request);
        String action = request.header("X-TC-Action").orElse("");
        if (service.equals("cbs")) {
            return CBS_MODELS.checkOutput(action, response.json().get("Response"));
        }
        if (UNCHECKED.contains(service) || service.isEmpty()) {
            return List.of();
        }
        TencentSpec spec = TencentSpec.of(service);
        if (!spec.hasAction(action)) {
            return List.of();
        }
        return spec.checkOutput(action, response.json().get("Response"));
    }

    /** The cloud's error answer (HTTP 200, {@code Response.Error}). */
    static FakeError error(String code, String message) {
        ObjectNode body = NODES.objectNode();
        ObjectNode response = body.putObject("Response");
        ObjectNode error = response.putObject("Error");
        error.put("Code", code);
        error.put("Message", message);
        response.put("RequestId", UUID.randomUUID().toString());
        return new FakeError(FakeResponse.ok(body));
    }

    /** A page of items (Offset/Limit as numbers or strings) with its TotalCount. */
    ObjectNode page(JsonNode body, List<? extends JsonNode> all, String setField) {
        int offset = body.path("Offset").asInt(0);
        int limit = body.has("Limit") ? body.path("Limit").asInt(20) : 20;
        if (offset < 0 || limit < 0 || limit > 100) {
            throw error("InvalidParameterValue.LimitExceeded", "Offset/Limit out of range: " + offset + "/" + limit);
        }
        int n = Math.min(limit, pageSize);
        ObjectNode answer = NODES.objectNode();
        answer.put("TotalCount", all.size());
        ArrayNode set = answer.putArray(setField);
        for (int i = offset; i < Math.min(all.size(), offset + n); i++) {
            set.add(all.get(i).deepCopy());
        }
        return answer;
    }

    /** Tencent's Tags as a map. */
    static Map<String, String> tags(JsonNode tags) {
        Map<String, String> out = new LinkedHashMap<>();
        tags.forEach(t -> out.put(t.path("Key").asText(), t.path("Value").asText()));
        return out;
    }

    /** Whether the tags pass every {@code tag-key} and {@code tag:<key>} filter of the request. */
    static boolean tagFilters(JsonNode filters, JsonNode tags) {
        Map<String, String> map = tags(tags);
        for (JsonNode f : filters) {
            String name = f.path("Name").asText();
            List<String> values = new ArrayList<>();
            f.path("Values").forEach(v -> values.add(v.asText()));
            if (name.equals("tag-key") && values.stream().noneMatch(map::containsKey)) {
                return false;
            }
            if (name.startsWith("tag:") && !values.contains(map.get(name.substring(4)))) {
                return false;
            }
        }
        return true;
    }

    /** The values of one filter, or null when the request has none of that name. */
    static List<String> filter(JsonNode body, String name) {
        for (JsonNode f : body.path("Filters")) {
            if (f.path("Name").asText().equals(name)) {
                List<String> values = new ArrayList<>();
                f.path("Values").forEach(v -> values.add(v.asText()));
                return values;
            }
        }
        return null;
    }

    /** Whether a value passes a filter (absent: everything passes). */
    static boolean passes(JsonNode body, String name, String value) {
        List<String> values = filter(body, name);
        return values == null || values.contains(value);
    }

    /** A list of strings from a request member. */
    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
