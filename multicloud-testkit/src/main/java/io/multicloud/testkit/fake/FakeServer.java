package io.multicloud.testkit.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP server on 127.0.0.1 (a free port) for a cloud's fake. Built with routes, it answers
 * each request in these steps, one request at a time under one lock:
 * <ol>
 *   <li>the {@link FakeClock} runs the changes that are due;</li>
 *   <li>the route is found (the most literal template first); none: the {@code notFound} answer;</li>
 *   <li>a {@link Faults#refuse refusal} answers instead of the handler, if one takes the request;</li>
 *   <li>the handler answers (or throws {@link FakeError});</li>
 *   <li>a {@link Faults#loseAnswer lost answer} replaces the answer, if one takes the request;</li>
 *   <li>the {@link ResponseCheck} checks the answer the handler gave (refusals and lost answers
 *       included), and the exchange goes into the {@link RequestLog}.</li>
 * </ol>
 * <pre>{@code
 * FakeServer server = FakeServer.builder()
 *         .route("GET", "/v1/projects/{project}/things", "things.list", req -> FakeResponse.ok(...))
 *         .check(myDiscoveryCheck).clock(FakeClock.byTime(Duration.ofMillis(20)))
 *         .start();
 * server.faults().loseAnswer("things.insert", 1, FakeResponse.json(503, ...));
 * ... server.log().count("things.list") ...
 * server.close();   // fails when an answer broke the API description
 * }</pre>
 */
public final class FakeServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FakeServer.class);

    private final List<Route> routes;
    private final ResponseCheck check;
    private final FakeClock clock;
    private final FakeHandler notFound;
    private final Faults faults = new Faults();
    private final RequestLog log = new RequestLog();
    private final List<String> violations = new ArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final HttpServer http;
    private final ExecutorService executor;

    private FakeServer(Builder b) throws IOException {
        this.routes = b.routes.stream().sorted(Comparator.comparingInt(Route::literalLength).reversed()).toList();
        this.check = b.check;
        this.clock = b.clock;
        this.notFound = b.notFound;
        this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        http.setExecutor(executor);
        http.createContext("/", this::serve);
        http.start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The base URL, such as {@code http://127.0.0.1:41234} (no trailing slash). */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return http.getAddress().getPort();
    }

    public Faults faults() {
        return faults;
    }

    public RequestLog log() {
        return log;
    }

    public FakeClock clock() {
        return clock;
    }

    /**
     * Runs an action on the fake's state under the server's lock, between requests: how a test
     * seeds or inspects state without racing the handlers.
     */
    public <T> T locked(java.util.function.Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    /** The answers that broke the API description so far. */
    public List<String> violations() {
        synchronized (violations) {
            return List.copyOf(violations);
        }
    }

    /** Fails when an answer broke the API description. */
    public void assertNoViolations() {
        List<String> seen = violations();
        if (!seen.isEmpty()) {
            throw new AssertionError(seen.size() + " answer(s) of the fake broke the API description:\n  "
                    + String.join("\n  ", seen.subList(0, Math.min(20, seen.size()))));
        }
    }

    /** Stops the server, then fails when an answer broke the API description. */
    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
        assertNoViolations();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            FakeRequest request = read(exchange);
            Route route;
            FakeResponse response;
            String fault = null;
            lock.lock();
            try {
                clock.tick();
                Map.Entry<Route, Map<String, String>> found = find(request.method(), request.path());
                route = found == null ? null : found.getKey();
                if (found != null) {
                    request = new FakeRequest(request.method(), request.path(), found.getValue(), request.query(),
                            request.headers(), request.body());
                }
                Optional<FakeResponse> refused = faults.take(Faults.Phase.REFUSE, route, request);
                if (refused.isPresent()) {
                    response = refused.get();
                    fault = "refused";
                } else {
                    response = handle(route, request);
                    Optional<FakeResponse> lost = faults.take(Faults.Phase.LOSE_ANSWER, route, request);
                    if (lost.isPresent()) {
                        checkAnswer(route, request, response);
                        response = lost.get();
                        fault = "lost";
                    }
                }
            } finally {
                lock.unlock();
            }
            checkAnswer(route, request, response);
            log.add(new RequestLog.Entry(request.method(), request.path(), exchange.getRequestURI().getRawQuery(),
                    route == null ? null : route.name(), response.status(), fault));
            write(exchange, response);
        } catch (RuntimeException e) {
            LOG.error("the fake failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            synchronized (violations) {
                violations.add("the fake itself failed on " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + ": " + e);
            }
            write(exchange, FakeResponse.text(500, "the fake failed: " + e));
        }
    }

    private FakeResponse handle(Route route, FakeRequest request) {
        try {
            return route == null ? notFound.handle(request) : route.handler().handle(request);
        } catch (FakeError e) {
            return e.response();
        }
    }

    private void checkAnswer(Route route, FakeRequest request, FakeResponse response) {
        List<String> wrong = check.check(route, request, response);
        if (!wrong.isEmpty()) {
            String where = (route == null ? request.method() + " " + request.path() : route.name()) + " → " + response.status();
            synchronized (violations) {
                wrong.forEach(w -> violations.add(where + ": " + w));
            }
            LOG.error("the fake's answer to {} breaks the API description: {}", where, wrong);
        }
    }

    private Map.Entry<Route, Map<String, String>> find(String method, String path) {
        for (Route route : routes) {
            if (route.method().equals(method)) {
                Optional<Map<String, String>> vars = route.match(path);
                if (vars.isPresent()) {
                    return Map.entry(route, vars.get());
                }
            }
        }
        return null;
    }

    private static FakeRequest read(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        Map<String, List<String>> query = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            }
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        // Clients whose HTTP stack cannot send PATCH send POST with this header (Google's, Azure's).
        List<String> override = headers.get("x-http-method-override");
        String method = override != null && !override.isEmpty() ? override.getFirst() : exchange.getRequestMethod();
        return new FakeRequest(method.toUpperCase(Locale.ROOT), uri.getRawPath(), Map.of(), query, headers, body);
    }

    private static void write(HttpExchange exchange, FakeResponse response) throws IOException {
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        byte[] body = response.body();
        boolean noBody = body.length == 0 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Routes and settings of a server. */
    public static final class Builder {
        private final List<Route> routes = new ArrayList<>();
        private ResponseCheck check = ResponseCheck.NONE;
        private FakeClock clock = FakeClock.byTime(Duration.ofMillis(20));
        private FakeHandler notFound = r -> FakeResponse.text(404, "no route for " + r.method() + " " + r.path());

        private Builder() {
        }

        /** Adds a route; {@code name} is the API's operation id. */
        public Builder route(String method, String template, String name, FakeHandler handler) {
            routes.add(new Route(method, template, name, handler));
            return this;
        }

        /** The check of every answer (none by default). */
        public Builder check(ResponseCheck value) {
            this.check = value;
            return this;
        }

        /** The clock of later changes (steps of 20 ms by default). */
        public Builder clock(FakeClock value) {
            this.clock = value;
            return this;
        }

        /** The answer when no route matches (a plain 404 by default). */
        public Builder notFound(FakeHandler value) {
            this.notFound = value;
            return this;
        }

        /** Starts the server. */
        public FakeServer start() {
            try {
                return new FakeServer(this);
            } catch (IOException e) {
                throw new IllegalStateException("cannot start a fake server on 127.0.0.1", e);
            }
        }
    }
}
