package io.multicloud.driver.gcp.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.testkit.fake.FakeError;
import io.multicloud.testkit.fake.FakeResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Google's wire conventions shared by the fake's parts: links, times, error bodies and list filters. */
final class Gce {
    static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    static final String BASE = "https://www.googleapis.com/compute/v1/";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    private Gce() {
    }

    static ObjectNode object() {
        return JSON.objectNode();
    }

    static String now() {
        return OffsetDateTime.now(ZoneOffset.ofHours(-8)).format(TIME);
    }

    /** The last segment of a full or partial resource URL. */
    static String last(String url) {
        return url == null ? null : url.substring(url.lastIndexOf('/') + 1);
    }

    /** The absolute link of a compute path such as {@code projects/p/zones/z/instances/n}. */
    static String link(String path) {
        return BASE + path;
    }

    /** Google's error body: {@code {"error":{"code","message","errors":[{"message","domain","reason"}]}}}. */
    static FakeError error(int code, String reason, String message) {
        return new FakeError(errorResponse(code, reason, message));
    }

    static FakeResponse errorResponse(int code, String reason, String message) {
        ObjectNode body = object();
        ObjectNode error = body.putObject("error").put("code", code).put("message", message);
        error.putArray("errors").addObject().put("message", message).put("domain", "global").put("reason", reason);
        error.put("status", status(code));
        return FakeResponse.json(code, body);
    }

    static FakeError notFound(String what) {
        return error(404, "notFound", "The resource '" + what + "' was not found");
    }

    static FakeError alreadyExists(String what) {
        return error(409, "alreadyExists", "The resource '" + what + "' already exists");
    }

    static FakeError inUse(String what, String by) {
        return error(400, "resourceInUseByAnotherResource",
                "The " + what + " resource is already being used by '" + by + "'");
    }

    static FakeError invalid(String message) {
        return error(400, "invalid", message);
    }

    private static String status(int code) {
        return switch (code) {
            case 400 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 409 -> "ALREADY_EXISTS";
            case 412 -> "FAILED_PRECONDITION";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 503 -> "UNAVAILABLE";
            default -> code >= 500 ? "INTERNAL" : "UNKNOWN";
        };
    }

    /**
     * The regional item a request names by its path variables {@code region} and {@code param}
     * (kept under {@code region/name}), or a 404 naming it.
     */
    static ObjectNode regional(io.multicloud.testkit.fake.Store<ObjectNode> store, io.multicloud.testkit.fake.FakeRequest r,
                               String collection, String param) {
        return store.require(r.path("region") + "/" + r.path(param),
                () -> notFound("projects/" + GcpFake.PROJECT + "/regions/" + r.path("region") + "/" + collection + "/" + r.path(param)));
    }

    /** Whether the request's name is a valid GCE name (RFC 1035 label). */
    static void requireName(String name) {
        if (name == null || !name.matches("[a-z]([-a-z0-9]{0,61}[a-z0-9])?")) {
            throw invalid("Invalid value for field 'resource.name': '" + name + "'. Must be a match of regex '(?:[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?)'");
        }
    }

    // ---- list filters: the subset of GCE's filter language the fake knows ----

    private static final Pattern TERM = Pattern.compile("\\(?\\s*([A-Za-z0-9_.\\-]+)\\s*(=|!=|:|\\beq\\b|\\bne\\b)\\s*(\"[^\"]*\"|'[^']*'|[^\\s)]+)\\s*\\)?");

    /**
     * Whether an item matches a filter: terms {@code field = "value"}, {@code field != value},
     * {@code field:*} (present) and {@code field eq regex}, joined by spaces or {@code AND}, or
     * by {@code OR}; a field is a dotted path ({@code labels.env}); an array matches when an
     * element does.
     */
    static boolean matches(JsonNode item, String filter) {
        if (filter == null || filter.isBlank()) {
            return true;
        }
        for (String alternative : filter.split("\\s+OR\\s+")) {
            if (all(item, alternative)) {
                return true;
            }
        }
        return false;
    }

    private static boolean all(JsonNode item, String filter) {
        Matcher m = TERM.matcher(filter);
        int found = 0;
        while (m.find()) {
            found++;
            String raw = m.group(3);
            String value = raw.length() >= 2 && (raw.startsWith("\"") || raw.startsWith("'")) ? raw.substring(1, raw.length() - 1) : raw;
            List<String> seen = values(item, m.group(1));
            boolean ok = switch (m.group(2)) {
                case "=" -> seen.contains(value);
                case "!=" -> !seen.contains(value);
                case ":" -> value.equals("*") ? !seen.isEmpty() : seen.stream().anyMatch(s -> s.contains(value.replace("*", "")));
                case "eq" -> {
                    String regex = value;
                    yield seen.stream().anyMatch(s -> s.matches(regex));
                }
                default -> {
                    String regex = value;
                    yield seen.stream().noneMatch(s -> s.matches(regex));
                }
            };
            if (!ok) {
                return false;
            }
        }
        if (found == 0) {
            throw invalid("Invalid list filter expression '" + filter + "'.");
        }
        return true;
    }

    private static List<String> values(JsonNode item, String path) {
        List<JsonNode> nodes = new ArrayList<>(List.of(item));
        for (String part : path.split("\\.")) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode n : nodes) {
                JsonNode child = n.get(part);
                if (child == null) {
                    continue;
                }
                if (child.isArray()) {
                    child.forEach(next::add);
                } else {
                    next.add(child);
                }
            }
            nodes = next;
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : nodes) {
            if (n.isValueNode()) {
                out.add(n.asText());
            }
        }
        return out;
    }

    static ArrayNode array(String... values) {
        ArrayNode a = JSON.arrayNode();
        for (String v : values) {
            a.add(v);
        }
        return a;
    }
}
