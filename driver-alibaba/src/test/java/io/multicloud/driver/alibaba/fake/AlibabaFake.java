package io.multicloud.driver.alibaba.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.Credential;
import io.multicloud.testkit.fake.FakeClock;
import io.multicloud.testkit.fake.FakeError;
import io.multicloud.testkit.fake.FakeRequest;
import io.multicloud.testkit.fake.FakeResponse;
import io.multicloud.testkit.fake.FakeServer;
import io.multicloud.testkit.fake.Route;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * A stateful fake of Alibaba Cloud's ECS, VPC, SLB and ACK (CS) APIs on 127.0.0.1, built on the test kit's
 * fake-server core and on Alibaba's own OpenAPI metadata (see {@link ApiSpec}, read from
 * {@code shared/cloud-specs/alibaba}). The SDK reaches it with its endpoint override over HTTP.
 *
 * <p>RPC requests all go to {@code /} (GET or POST): the action is the {@code x-acs-action}
 * header (signature V3, the tea SDK's default) or the {@code Action} parameter (signature V2),
 * the product is told by the API version. One route serves them and dispatches on the action;
 * every answer is checked against the action's response schema ({@link ApiSpec#check}), and a
 * parameter the action does not declare is refused. ACK's API is REST-style (ROA): its routes are
 * made from the metadata's paths and methods, one per operation ({@code cs.<Action>}); an answer
 * is checked against the schema of the operation the path and method matched, and a query
 * parameter or body field the operation does not declare is refused. The fake's own call log counts each action
 * ({@link #calls(String)}); faults ({@link #refuse}, {@link #loseAnswer}) are the core's, keyed
 * by action. Lists come in pages of 3 (NextToken or PageNumber). Changes over time (an instance
 * booting, a VPC becoming Available) move with the requests served ({@link FakeClock#byRequests()}).
 */
public final class AlibabaFake implements AutoCloseable {
    static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    public static final String REGION = "cn-hangzhou";
    public static final String ZONE = "cn-hangzhou-h";
    public static final String ZONE_2 = "cn-hangzhou-i";
    /** The route every RPC call goes through. */
    public static final String RPC = "rpc";
    static final String ACCESS_KEY_ID = "LTAI5tFakeAccessKeyId";
    static final String ACCESS_KEY_SECRET = "fake-secret-never-printed-9f8e7d";

    private final FakeServer server;
    private final ApiSpec spec = ApiSpec.get();
    final EcsFake ecs;
    final VpcFake vpc;
    final SlbFake slb;
    final CsFake cs;
    private final List<String> actions = Collections.synchronizedList(new ArrayList<>());
    private final List<String> requestViolations = Collections.synchronizedList(new ArrayList<>());
    int pageSize = 3;

    private AlibabaFake() {
        FakeClock clock = FakeClock.byRequests();
        this.vpc = new VpcFake(this, clock);
        this.ecs = new EcsFake(this, clock, vpc);
        this.slb = new SlbFake(this, clock);
        this.cs = new CsFake(this, clock);
        FakeServer.Builder builder = FakeServer.builder()
                .route("GET", "/", RPC, this::dispatch)
                .route("POST", "/", RPC, this::dispatch);
        for (String[] op : spec.operations("cs")) {
            builder.route(op[1], op[2], ROA + op[0], r -> dispatchRoa(op[0], r));
        }
        this.server = builder.clock(clock).check(this::check).start();
    }

    /** The prefix of ACK's routes ({@code cs.DescribeClusterDetail}). */
    public static final String ROA = "cs.";

    private FakeResponse dispatchRoa(String action, FakeRequest request) {
        actions.add(action);
        List<String> unknown = spec.unknownQuery("cs", action, request.query().keySet());
        if (!unknown.isEmpty()) {
            requestViolations.add(action + " sent undeclared query parameters " + unknown);
            throw CsFake.error(400, "InvalidParameter", "The parameters " + unknown + " are not parameters of " + action + ".");
        }
        com.fasterxml.jackson.databind.JsonNode body = request.json();
        List<String> wrong = spec.checkBody("cs", action, body);
        if (!wrong.isEmpty()) {
            requestViolations.add(action + " sent a body that breaks its schema: " + wrong);
            throw CsFake.error(400, "InvalidParameter", "The request body is not valid: " + wrong);
        }
        Function<CsFake.Call, com.fasterxml.jackson.databind.JsonNode> handler = cs.handler(action);
        if (handler == null) {
            throw CsFake.error(400, "UnsupportedOperation", "The fake does not serve cs " + action + ".");
        }
        try {
            return FakeResponse.json("DeleteCluster".equals(action) ? 202 : 200, handler.apply(new CsFake.Call(request, body)));
        } catch (FakeError e) {
            com.fasterxml.jackson.databind.JsonNode rpc = e.response().json();
            if (rpc != null && rpc.has("Code")) {
                // An error of a shared helper (tag rules) in the RPC products' shape: ACK answers in its own.
                throw CsFake.error(e.response().status(), rpc.get("Code").asText(), rpc.path("Message").asText());
            }
            throw e;
        }
    }

    public static AlibabaFake start() {
        return new AlibabaFake();
    }

    public FakeServer server() {
        return server;
    }

    /**
     * A connection to the fake: region {@value #REGION}, zone {@value #ZONE}, a fake access key, and
     * polls at most 50 ms apart (the fake's time moves with the requests, not the clock).
     */
    public ConnectionConfig config() {
        return ConnectionConfig.of("alibaba", REGION).named("alibaba-fake").zone(ZONE)
                .credential(Credential.of("access_key_id", ACCESS_KEY_ID).with("access_key_secret", ACCESS_KEY_SECRET))
                .property("endpoint", server.url()).property("poll_max_ms", "50");
    }

    /** The secret of the fake's access key (to check that it is printed nowhere). */
    public static String secret() {
        return ACCESS_KEY_SECRET;
    }

    /** Lists come in pages of this many items (3 unless changed). */
    public AlibabaFake pageSize(int size) {
        this.pageSize = size;
        return this;
    }

    static String action(FakeRequest r) {
        return r.header("x-acs-action").or(() -> r.query("Action")).orElse("");
    }

    static String product(FakeRequest r) {
        String version = r.header("x-acs-version").or(() -> r.query("Version")).orElse("");
        return ApiSpec.productOfVersion(version).orElse("");
    }

    private FakeResponse dispatch(FakeRequest request) {
        String action = action(request);
        String product = product(request);
        actions.add(action);
        if (!spec.has(product, action)) {
            throw error(404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.");
        }
        Params p = new Params(request);
        List<String> unknown = spec.unknownParameters(product, action, p.values.keySet());
        if (!unknown.isEmpty()) {
            requestViolations.add(action + " sent undeclared parameters " + unknown);
            throw error(400, "InvalidParameter", "The parameters " + unknown + " are not parameters of " + action + ".");
        }
        Function<Params, ObjectNode> handler = switch (product) {
            case "vpc" -> vpc.handler(action);
            case "ecs" -> ecs.handler(action);
            case "slb" -> slb.handler(action);
            default -> null;
        };
        if (handler == null) {
            throw error(400, "UnsupportedOperation", "The fake does not serve " + product + " " + action + ".");
        }
        ObjectNode body = handler.apply(p);
        body.put("RequestId", UUID.randomUUID().toString().toUpperCase());
        return FakeResponse.ok(body);
    }

    private List<String> check(Route route, FakeRequest request, FakeResponse response) {
        if (route != null && route.name().startsWith(ROA)) {
            return spec.check("cs", route.name().substring(ROA.length()), response.status(), response.json());
        }
        String product = product(request);
        String action = action(request);
        if (route == null || !spec.has(product, action)) {
            return response.status() >= 400 && response.json() != null
                    ? spec.check("ecs", "DescribeRegions", response.status(), response.json()) : List.of();
        }
        return spec.check(product, action, response.status(), response.json());
    }

    /** Alibaba's error answer. */
    public static FakeError error(int status, String code, String message) {
        return new FakeError(errorResponse(status, code, message));
    }

    public static FakeResponse errorResponse(int status, String code, String message) {
        ObjectNode body = JSON.objectNode();
        body.put("RequestId", UUID.randomUUID().toString().toUpperCase());
        body.put("HostId", "ecs.aliyuncs.com");
        body.put("Code", code);
        body.put("Message", message);
        body.put("Recommend", "https://api.aliyun.com/troubleshoot?q=" + code);
        return FakeResponse.json(status, body);
    }

    /** Answers the next {@code times} calls of the action with Alibaba's error, without acting. */
    public void refuse(String action, int times, int status, String code, String message) {
        server.faults().refuse(RPC, r -> {
            boolean match = action.equals(action(r));
            if (match) {
                actions.add(action); // refused before dispatch: counted here
            }
            return match;
        }, times, errorResponse(status, code, message));
    }

    /** Acts on the next {@code times} calls of the action, then answers 503 ServiceUnavailable instead. */
    public void loseAnswer(String action, int times) {
        server.faults().loseAnswer(RPC, r -> action.equals(action(r)), times,
                errorResponse(503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server."));
    }

    /** Answers the next {@code times} calls of the ACK operation with ACK's error, without acting. */
    public void refuseAck(String action, int times, int status, String code, String message) {
        server.faults().refuse(ROA + action, r -> {
            actions.add(action); // refused before dispatch: counted here
            return true;
        }, times, CsFake.errorResponse(status, code, message));
    }

    /** Acts on the next {@code times} calls of the ACK operation, then answers 503 instead. */
    public void loseAckAnswer(String action, int times) {
        server.faults().loseAnswer(ROA + action, r -> true, times,
                CsFake.errorResponse(503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server."));
    }

    /** How many calls of the action the fake has seen (refusals included). */
    public int calls(String action) {
        synchronized (actions) {
            return (int) actions.stream().filter(action::equals).count();
        }
    }

    /** Every action called so far, in order. */
    public List<String> actions() {
        synchronized (actions) {
            return List.copyOf(actions);
        }
    }

    /** Forgets the calls so far (to count the calls of one step of a test). */
    public void clearCalls() {
        actions.clear();
        server.log().clear();
    }

    /** Runs an action on the fake's state between requests. */
    public <T> T locked(java.util.function.Supplier<T> action) {
        return server.locked(action);
    }

    /** The instances the fake holds. */
    public int instanceCount() {
        return locked(() -> ecs.instances.size());
    }

    /** The next RunInstances makes an instance that Alibaba rolls back (releases) while it is Pending. */
    public void rollBackNextInstance(String reason) {
        locked(() -> {
            ecs.rollBackNext = reason;
            return null;
        });
    }

    /** Seeds {@code count} running instances in a new VPC (for the paging and call-count tests). */
    public void seedInstances(int count, Map<String, String> tags) {
        locked(() -> {
            ecs.seed(count, tags);
            return null;
        });
    }

    /**
     * Binds a new elastic IP to the instance, as another tool would ({@code EcsInstance}: an ECS
     * instance of a VPC; {@code SlbInstance}: an intranet load balancer); returns its address.
     */
    public String bindEip(String instanceType, String instanceId) {
        return locked(() -> vpc.eips.bind(instanceType, instanceId));
    }

    /** Makes load balancers in the fake's state as other tools would, not through the driver. */
    public SlbSeeder slbSeeder() {
        return new SlbSeeder(this);
    }

    /** What requests broke the API description (undeclared parameters). */
    public List<String> requestViolations() {
        return List.copyOf(requestViolations);
    }

    Optional<String> demoString(String product, String action, String pointer) {
        JsonNode demo = spec.demo(product, action);
        return demo == null ? Optional.empty() : Optional.ofNullable(demo.at(pointer).asText(null));
    }

    ApiSpec spec() {
        return spec;
    }

    @Override
    public void close() {
        server.close();
        if (!requestViolations.isEmpty()) {
            throw new AssertionError("requests broke the API description: " + requestViolations);
        }
    }
}
