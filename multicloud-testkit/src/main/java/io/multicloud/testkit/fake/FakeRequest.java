package io.multicloud.testkit.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request as a handler sees it: method, path, the path variables of its route, the query
 * parameters (each with all its values), the headers (names in lower case) and the body.
 */
public record FakeRequest(String method, String path, Map<String, String> pathVariables,
                          Map<String, List<String>> query, Map<String, List<String>> headers, byte[] body) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public FakeRequest {
        pathVariables = Map.copyOf(pathVariables);
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** A path variable of the route; throws when the route has none of that name. */
    public String path(String variable) {
        String value = pathVariables.get(variable);
        if (value == null) {
            throw new IllegalArgumentException("the route has no path variable '" + variable + "'");
        }
        return value;
    }

    /** The first value of a query parameter. */
    public Optional<String> query(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** The first value of a header (any case). */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body as JSON; an empty body is an empty object; a body that is not JSON is a 400 {@link FakeError}. */
    public JsonNode json() {
        if (body.length == 0) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new FakeError(FakeResponse.text(400, "the body is not JSON: " + e.getMessage()));
        }
    }

    @Override
    public String toString() {
        return method + " " + path + (query.isEmpty() ? "" : " " + query);
    }
}
