package io.multicloud.testkit.fake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer: status, headers and body. A JSON answer keeps its tree ({@link #json()}) so that a
 * {@link ResponseCheck} can read it.
 */
public record FakeResponse(int status, Map<String, String> headers, JsonNode json, byte[] body) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public FakeResponse {
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** A JSON answer. */
    public static FakeResponse json(int status, JsonNode json) {
        try {
            return new FakeResponse(status, Map.of("Content-Type", "application/json; charset=UTF-8"), json,
                    JSON.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A 200 JSON answer. */
    public static FakeResponse ok(JsonNode json) {
        return json(200, json);
    }

    /** A plain-text answer. */
    public static FakeResponse text(int status, String text) {
        return new FakeResponse(status, Map.of("Content-Type", "text/plain; charset=UTF-8"), null,
                text.getBytes(StandardCharsets.UTF_8));
    }

    /** An answer without a body. */
    public static FakeResponse empty(int status) {
        return new FakeResponse(status, Map.of(), null, null);
    }

    /** A copy with one more header. */
    public FakeResponse header(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new FakeResponse(status, copy, json, body);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return status + " " + (body.length > 200 ? bodyText().substring(0, 200) + "..." : bodyText());
    }
}
