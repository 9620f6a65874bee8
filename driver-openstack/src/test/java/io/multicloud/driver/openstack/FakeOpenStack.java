package io.multicloud.driver.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.multicloud.api.ConnectionConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * An OpenStack of fakes on 127.0.0.1 for the services the local OpenStack lacks (Cinder,
 * Octavia): a Keystone that logs anyone in and lists, in its catalog, the services that
 * {@link #serve} registered, each under its own path prefix on the same port. The services
 * answer in OpenStack's wire format (JSON bodies as in the public API reference).
 */
final class FakeOpenStack implements AutoCloseable {
    static final String REGION = "RegionOne";
    static final String PROJECT_ID = "0123456789abcdef0123456789abcdef";
    static final ObjectMapper JSON = new ObjectMapper();

    /** One request as a service sees it. */
    record Request(String method, String path, Map<String, String> query, JsonNode body, Map<String, String> headers) {
    }

    /** One answer: a status and a JSON body (null for none). */
    record Response(int status, JsonNode body) {
        static Response ok(JsonNode body) {
            return new Response(200, body);
        }

        static Response status(int status) {
            return new Response(status, null);
        }

        /** An error in the shape the OpenStack services use. */
        static Response error(int status, String title, String message) {
            ObjectNode body = JSON.createObjectNode();
            body.putObject(title).put("code", status).put("message", message);
            return new Response(status, body);
        }
    }

    /** A fake service: answers requests whose path starts with its prefix (the prefix removed). */
    @FunctionalInterface
    interface Service {
        Response handle(Request request);
    }

    private final HttpServer server;
    private final Map<String, String> catalog = new ConcurrentHashMap<>();
    private final List<String> log = new CopyOnWriteArrayList<>();

    private FakeOpenStack(HttpServer server) {
        this.server = server;
    }

    /** Starts an empty fake (Keystone only) on a free port of 127.0.0.1. */
    static FakeOpenStack start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            FakeOpenStack fake = new FakeOpenStack(server);
            server.createContext("/identity/v3/auth/tokens", fake::token);
            server.start();
            return fake;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake OpenStack", e);
        }
    }

    /**
     * Serves a service under {@code /<prefix>} and lists it in Keystone's catalog with this type and
     * endpoint path (e.g. type {@code volumev3}, prefix {@code volume}, endpoint path
     * {@code /volume/v3/<project>}).
     */
    FakeOpenStack serve(String type, String prefix, String endpointPath, Service service) {
        catalog.put(type, baseUrl() + endpointPath);
        server.createContext("/" + prefix, exchange -> dispatch(exchange, "/" + prefix, service));
        return this;
    }

    /** The base URL, {@code http://127.0.0.1:<port>}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A connection to this fake, as a user who may do anything. */
    ConnectionConfig config() {
        return ConnectionConfig.of(OpenStackDriver.NAME, REGION).named("fake-openstack")
                .credential(OpenStackCredentials.AUTH_URL, baseUrl() + "/identity/v3")
                .credential(OpenStackCredentials.USERNAME, "demo")
                .credential(OpenStackCredentials.PASSWORD, "fake-password")
                .credential(OpenStackCredentials.PROJECT_NAME, "demo");
    }

    /** Every request served, as {@code METHOD /path}, oldest first. */
    List<String> requests() {
        return List.copyOf(log);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void token(HttpExchange exchange) throws IOException {
        log.add(exchange.getRequestMethod() + " /identity/v3/auth/tokens");
        ObjectNode body = JSON.createObjectNode();
        ObjectNode token = body.putObject("token");
        token.putArray("methods").add("password");
        token.put("expires_at", Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString());
        token.put("issued_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        token.putObject("project").put("id", PROJECT_ID).put("name", "demo")
                .putObject("domain").put("id", "default").put("name", "Default");
        token.putObject("user").put("id", "u-demo").put("name", "demo")
                .putObject("domain").put("id", "default").put("name", "Default");
        token.putArray("roles").addObject().put("id", "r-member").put("name", "member");
        ArrayNode services = token.putArray("catalog");
        catalog.forEach((type, url) -> {
            ObjectNode service = services.addObject().put("id", "s-" + type).put("type", type).put("name", type);
            ArrayNode endpoints = service.putArray("endpoints");
            for (String iface : List.of("public", "internal", "admin")) {
                endpoints.addObject().put("id", "e-" + type + "-" + iface).put("interface", iface)
                        .put("region", REGION).put("region_id", REGION).put("url", url);
            }
        });
        exchange.getResponseHeaders().add("X-Subject-Token", "fake-token-" + System.nanoTime());
        send(exchange, 201, body);
    }

    private void dispatch(HttpExchange exchange, String prefix, Service service) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(prefix.length());
            log.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            Map<String, String> query = new java.util.LinkedHashMap<>();
            String raw = exchange.getRequestURI().getRawQuery();
            if (raw != null) {
                for (String pair : raw.split("&")) {
                    int eq = pair.indexOf('=');
                    String key = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    query.put(key, value);
                }
            }
            JsonNode body = null;
            try (InputStream in = exchange.getRequestBody()) {
                byte[] bytes = in.readAllBytes();
                if (bytes.length > 0) {
                    body = JSON.readTree(bytes);
                }
            }
            Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.isEmpty() ? "" : v.getFirst()));
            Response response;
            try {
                response = service.handle(new Request(exchange.getRequestMethod(), path, query, body, headers));
            } catch (RuntimeException e) {
                response = Response.error(500, "computeFault", "fake failed: " + e);
            }
            send(exchange, response.status(), response.body());
        }
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
