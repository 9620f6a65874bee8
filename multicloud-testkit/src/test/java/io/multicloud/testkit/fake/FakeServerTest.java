package io.multicloud.testkit.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeServerTest {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private final HttpClient client = HttpClient.newHttpClient();
    private final Store<String> things = new Store<>();
    private FakeServer server;

    private FakeServer.Builder things() {
        return FakeServer.builder()
                .route("GET", "/v1/{+parent}/things", "things.list", r -> {
                    ObjectNode body = JSON.objectNode().put("parent", r.path("parent"));
                    body.putArray("items");
                    things.values().forEach(t -> ((com.fasterxml.jackson.databind.node.ArrayNode) body.get("items")).add(t));
                    return FakeResponse.ok(body);
                })
                .route("GET", "/v1/{+parent}/things/special", "things.special", r -> FakeResponse.ok(JSON.objectNode().put("special", true)))
                .route("POST", "/v1/{+parent}/things/{name}:start", "things.start",
                        r -> FakeResponse.ok(JSON.objectNode().put("started", r.path("name"))))
                .route("POST", "/v1/{+parent}/things", "things.insert", r -> {
                    String name = r.json().path("name").asText();
                    things.insert(name, name, () -> new FakeError(FakeResponse.json(409, JSON.objectNode().put("error", "taken"))));
                    return FakeResponse.ok(JSON.objectNode().put("inserted", name));
                });
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void routesMatchSeveralSegmentsLiteralSuffixesAndTheMostLiteralTemplateFirst() throws Exception {
        server = things().start();
        assertThat(send("GET", "/v1/projects/p/locations/z/things", null).body()).contains("\"parent\":\"projects/p/locations/z\"");
        assertThat(send("GET", "/v1/projects/p/things/special", null).body()).contains("special");
        assertThat(send("POST", "/v1/projects/p/things/a%20b:start", null).body()).contains("\"started\":\"a b\"");
        assertThat(send("GET", "/v2/nothing", null).statusCode()).isEqualTo(404);
        assertThat(server.log().count("things.list")).isEqualTo(1);
        assertThat(server.log().count(e -> e.route() == null)).isEqualTo(1);
    }

    @Test
    void aRefusalAnswersWithoutTheHandlerAndALostAnswerAppliesTheChange() throws Exception {
        server = things().start();
        server.faults().refuse("things.insert", 1, FakeResponse.json(429, JSON.objectNode().put("error", "slow down")));
        assertThat(send("POST", "/v1/p/things", "{\"name\":\"a\"}").statusCode()).isEqualTo(429);
        assertThat(things.contains("a")).isFalse();

        server.faults().loseAnswer("things.insert", 1, FakeResponse.json(503, JSON.objectNode().put("error", "lost")));
        assertThat(send("POST", "/v1/p/things", "{\"name\":\"a\"}").statusCode()).isEqualTo(503);
        assertThat(things.contains("a")).isTrue();
        assertThat(send("POST", "/v1/p/things", "{\"name\":\"a\"}").statusCode()).isEqualTo(409);
        assertThat(server.faults().isEmpty()).isTrue();
        assertThat(server.log().entries()).extracting(RequestLog.Entry::fault).containsExactly("refused", "lost", null);
    }

    @Test
    void changesHappenAfterTheirStepsOfRequests() throws Exception {
        List<String> seen = new ArrayList<>();
        server = things().clock(FakeClock.byRequests()).start();
        server.clock().later(2, () -> seen.add("done"));
        send("GET", "/v1/p/things", null);
        assertThat(seen).isEmpty();
        send("GET", "/v1/p/things", null);
        assertThat(seen).containsExactly("done");
        assertThat(server.clock().waiting()).isZero();
    }

    @Test
    void pagesHoldAtMostTheirSizeAndRefuseForeignTokens() {
        Pages pages = new Pages(3);
        List<Integer> all = IntStream.range(0, 7).boxed().toList();
        List<Integer> read = new ArrayList<>();
        String token = null;
        int calls = 0;
        do {
            Pages.Page<Integer> page = pages.page(all, token, 0, t -> new FakeError(FakeResponse.text(400, "bad")));
            read.addAll(page.items());
            token = page.nextToken();
            calls++;
        } while (token != null);
        assertThat(read).isEqualTo(all);
        assertThat(calls).isEqualTo(3);
        assertThat(pages.page(all, null, 2, t -> null).items()).hasSize(2);
        assertThatThrownBy(() -> pages.page(all, "nonsense", 0, t -> new FakeError(FakeResponse.text(400, t))))
                .isInstanceOf(FakeError.class);
    }

    @Test
    void anAnswerThatBreaksTheDescriptionFailsTheTestOnClose() throws Exception {
        server = things().check((route, request, response) -> route != null && route.name().equals("things.special")
                ? List.of("unknown field 'special'") : List.of()).start();
        assertThat(send("GET", "/v1/p/things/special", null).statusCode()).isEqualTo(200);
        assertThat(server.violations()).singleElement().asString().contains("things.special").contains("unknown field");
        FakeServer broken = server;
        server = null;
        assertThatThrownBy(broken::close).isInstanceOf(AssertionError.class).hasMessageContaining("unknown field 'special'");
    }
}
