package io.multicloud.driver.gcp.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One of Google's API discovery documents (from {@code shared/cloud-specs/gcp/}, the files
 * google-api-python-client ships): the routes of its methods and the schemas of their bodies,
 * and a check of a JSON body against a schema. The check reports a field the schema does not
 * name, a value of the wrong JSON type (int64 and uint64 travel as strings, int32 as numbers),
 * an enum value the schema does not list, and a missing field Google always sends: {@code kind}
 * where the schema gives its value, and {@code name}, {@code selfLink}, {@code id},
 * {@code creationTimestamp} and {@code status} on a resource answered at the top (as GCE does).
 * For a request body it reports a missing field the method requires ({@code annotations.required}).
 */
public final class Discovery {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The fields Google sends on every resource it answers with at the top level, where the schema has them. */
    private static final List<String> ALWAYS_SENT = List.of("kind", "name", "selfLink", "id", "creationTimestamp", "status");

    /**
     * A method of the API.
     *
     * @param template the route, {@code /} + service path + flat path
     */
    public record Method(String id, String httpMethod, String template, String request, String response,
                         Set<String> queryParameters) {
    }

    private final String file;
    private final JsonNode schemas;
    private final Map<String, Method> methods = new HashMap<>();

    private Discovery(String file, JsonNode doc) {
        this.file = file;
        this.schemas = doc.get("schemas");
        String servicePath = doc.path("servicePath").asText("");
        collect(doc.path("resources"), servicePath);
    }

    /** The documents read so far (immutable once read; a 5 MB document is parsed once per test JVM). */
    private static final Map<String, Discovery> READ = new java.util.concurrent.ConcurrentHashMap<>();

    /** Reads {@code shared/cloud-specs/gcp/<file>}, found from the working directory upwards. */
    public static Discovery load(String file) {
        return READ.computeIfAbsent(file, Discovery::read);
    }

    private static Discovery read(String file) {
        Path path = specs().resolve(file);
        try {
            return new Discovery(file, JSON.readTree(Files.readAllBytes(path)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the discovery document " + path, e);
        }
    }

    /** The folder of Google's discovery documents: {@code ../shared/cloud-specs/gcp} beside the repository. */
    static Path specs() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("shared/cloud-specs/gcp");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            Path sibling = dir.resolveSibling("shared").resolve("cloud-specs/gcp");
            if (Files.isDirectory(sibling)) {
                return sibling;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no shared/cloud-specs/gcp above " + Path.of("").toAbsolutePath());
    }

    public String file() {
        return file;
    }

    public Method method(String id) {
        Method m = methods.get(id);
        if (m == null) {
            throw new IllegalArgumentException(file + " has no method " + id);
        }
        return m;
    }

    public boolean hasSchema(String name) {
        return schemas.has(name);
    }

    private void collect(JsonNode resources, String servicePath) {
        for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
            JsonNode resource = it.next().getValue();
            for (Iterator<Map.Entry<String, JsonNode>> ms = resource.path("methods").fields(); ms.hasNext(); ) {
                JsonNode m = ms.next().getValue();
                String path = m.has("flatPath") ? m.get("flatPath").asText() : m.get("path").asText();
                Set<String> query = new HashSet<>();
                m.path("parameters").fields().forEachRemaining(p -> {
                    if ("query".equals(p.getValue().path("location").asText())) {
                        query.add(p.getKey());
                    }
                });
                methods.put(m.get("id").asText(), new Method(m.get("id").asText(), m.get("httpMethod").asText(),
                        "/" + servicePath + path, m.path("request").path("$ref").asText(null),
                        m.path("response").path("$ref").asText(null), Set.copyOf(query)));
            }
            collect(resource.path("resources"), servicePath);
        }
    }

    /** What is wrong with an answer of this schema (empty: nothing). */
    public List<String> checkResponse(String schema, JsonNode body) {
        List<String> wrong = new ArrayList<>();
        check(schemas.get(schema), body, schema, wrong, null);
        JsonNode props = schemas.get(schema).path("properties");
        for (String field : ALWAYS_SENT) {
            if (props.has(field) && !body.has(field) && (field.equals("kind") ? props.get("kind").has("default") : isResource(schema))) {
                wrong.add(schema + "." + field + ": missing (Google always sends it)");
            }
        }
        return wrong;
    }

    /** What is wrong with a request body of this schema for this method (empty: nothing). */
    public List<String> checkRequest(String schema, JsonNode body, String methodId) {
        List<String> wrong = new ArrayList<>();
        check(schemas.get(schema), body, schema, wrong, methodId);
        return wrong;
    }

    /** A resource (not a list, not an envelope): it has a selfLink or is an Operation. */
    private boolean isResource(String schema) {
        JsonNode props = schemas.get(schema).path("properties");
        return (props.has("selfLink") || schema.equals("Operation")) && !props.has("items") && !schema.endsWith("List");
    }

    private void check(JsonNode schema, JsonNode value, String where, List<String> wrong, String requiredFor) {
        if (schema == null) {
            wrong.add(where + ": no schema");
            return;
        }
        if (schema.has("$ref")) {
            check(schemas.get(schema.get("$ref").asText()), value, where, wrong, requiredFor);
            return;
        }
        String type = schema.path("type").asText("any");
        String format = schema.path("format").asText("");
        switch (type) {
            case "string" -> {
                if (!value.isTextual()) {
                    wrong.add(where + ": a string was expected, not " + value.getNodeType());
                } else if (schema.has("enum") && !contains(schema.get("enum"), value.asText())) {
                    wrong.add(where + ": '" + value.asText() + "' is not one of the enum values");
                }
            }
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    wrong.add(where + ": an integer (" + format + ") was expected, not " + value.getNodeType());
                }
            }
            case "number" -> {
                if (!value.isNumber()) {
                    wrong.add(where + ": a number was expected, not " + value.getNodeType());
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    wrong.add(where + ": a boolean was expected, not " + value.getNodeType());
                }
            }
            case "array" -> {
                if (!value.isArray()) {
                    wrong.add(where + ": an array was expected, not " + value.getNodeType());
                } else {
                    for (int i = 0; i < value.size(); i++) {
                        check(schema.get("items"), value.get(i), where + "[" + i + "]", wrong, null);
                    }
                }
            }
            case "object" -> checkObject(schema, value, where, wrong, requiredFor);
            case "any" -> {
                // anything goes
            }
            default -> wrong.add(where + ": unknown schema type " + type);
        }
    }

    private void checkObject(JsonNode schema, JsonNode value, String where, List<String> wrong, String requiredFor) {
        if (!value.isObject()) {
            wrong.add(where + ": an object was expected, not " + value.getNodeType());
            return;
        }
        JsonNode props = schema.path("properties");
        JsonNode additional = schema.get("additionalProperties");
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (props.has(field.getKey())) {
                check(props.get(field.getKey()), field.getValue(), where + "." + field.getKey(), wrong, null);
            } else if (additional != null) {
                check(additional, field.getValue(), where + "[" + field.getKey() + "]", wrong, null);
            } else if (props.size() > 0) {
                wrong.add(where + "." + field.getKey() + ": the schema has no such field");
            }
        }
        if (requiredFor != null) {
            props.fields().forEachRemaining(p -> {
                if (contains(p.getValue().path("annotations").path("required"), requiredFor) && !value.has(p.getKey())) {
                    wrong.add(where + "." + p.getKey() + ": required by " + requiredFor);
                }
            });
        }
    }

    private static boolean contains(JsonNode array, String text) {
        for (JsonNode n : array) {
            if (n.asText().equals(text)) {
                return true;
            }
        }
        return false;
    }
}
