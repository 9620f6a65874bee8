package io.multicloud.driver.azure.fake;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a JSON value against a swagger 2.0 schema, strictly: a field the schema does not
 * describe (on an object whose schema lists properties and allows no additional ones), a wrong
 * type, a missing required field, a value outside a closed enum ({@code modelAsString: false}) or
 * a wrong format (int32/int64 numbers, date-time text) is a violation. {@code allOf} merges its
 * parts; {@code additionalProperties} checks each value of a map.
 */
public final class SchemaCheck {
    private final Swagger swagger;
    /** Merged schemas by their (resolved) node: the files never change. */
    private final java.util.Map<JsonNode, Merged> merged = new java.util.IdentityHashMap<>();

    public SchemaCheck(Swagger swagger) {
        this.swagger = swagger;
    }

    /** What is wrong with the value, each as {@code $.path: problem}; empty when it fits. */
    public List<String> check(JsonNode value, Swagger.Schema schema) {
        List<String> out = new ArrayList<>();
        check(value, schema, "$", out, 0);
        return out;
    }

    /** An object schema with allOf merged: its properties (by name), required names, additionalProperties. */
    private record Merged(Map<String, Swagger.Schema> properties, Set<String> required, Swagger.Schema additional,
                          boolean open, String type) {
    }

    private Merged merge(Swagger.Schema schema, int depth) {
        Swagger.Schema s = swagger.resolve(schema);
        synchronized (merged) {
            Merged known = merged.get(s.node());
            if (known != null) {
                return known;
            }
        }
        Merged m = mergeNow(s, depth);
        synchronized (merged) {
            merged.put(s.node(), m);
        }
        return m;
    }

    private Merged mergeNow(Swagger.Schema s, int depth) {
        Map<String, Swagger.Schema> props = new LinkedHashMap<>();
        Set<String> required = new LinkedHashSet<>();
        Swagger.Schema additional = null;
        boolean open = false;
        String type = s.node().path("type").asText(null);
        for (JsonNode part : s.node().path("allOf")) {
            Merged m = merge(new Swagger.Schema(part, s.file()), depth + 1);
            props.putAll(m.properties());
            required.addAll(m.required());
            if (m.additional() != null) {
                additional = m.additional();
            }
            open |= m.open();
            if (type == null) {
                type = m.type();
            }
        }
        s.node().path("properties").fields().forEachRemaining(e -> props.put(e.getKey(), new Swagger.Schema(e.getValue(), s.file())));
        s.node().path("required").forEach(r -> required.add(r.asText()));
        JsonNode ap = s.node().get("additionalProperties");
        if (ap != null) {
            if (ap.isObject()) {
                additional = new Swagger.Schema(ap, s.file());
            } else if (ap.isBoolean() && ap.asBoolean()) {
                open = true;
            }
        }
        return new Merged(props, required, additional, open, type);
    }

    private void check(JsonNode value, Swagger.Schema schema, String where, List<String> out, int depth) {
        if (depth > 60 || value == null || value.isNull()) {
            return;
        }
        Swagger.Schema s = swagger.resolve(schema);
        JsonNode node = s.node();
        Merged merged = merge(s, depth);
        String type = merged.type();
        boolean objectLike = "object".equals(type) || type == null && (!merged.properties().isEmpty() || merged.additional() != null);
        if (objectLike) {
            if (!value.isObject()) {
                out.add(where + ": expected an object, got " + kind(value));
                return;
            }
            for (String r : merged.required()) {
                if (!value.has(r)) {
                    out.add(where + ": required field '" + r + "' is missing");
                }
            }
            value.fields().forEachRemaining(f -> {
                Swagger.Schema p = merged.properties().get(f.getKey());
                if (p != null) {
                    check(f.getValue(), p, where + "." + f.getKey(), out, depth + 1);
                } else if (merged.additional() != null) {
                    check(f.getValue(), merged.additional(), where + "." + f.getKey(), out, depth + 1);
                } else if (!merged.open() && !merged.properties().isEmpty()) {
                    out.add(where + ": field '" + f.getKey() + "' is not in the schema");
                }
            });
            return;
        }
        if (type == null) {
            return; // a schema that says nothing of its type accepts any value
        }
        switch (type) {
            case "array" -> {
                if (!value.isArray()) {
                    out.add(where + ": expected an array, got " + kind(value));
                    return;
                }
                JsonNode items = node.get("items");
                if (items != null) {
                    for (int i = 0; i < value.size(); i++) {
                        check(value.get(i), new Swagger.Schema(items, s.file()), where + "[" + i + "]", out, depth + 1);
                    }
                }
            }
            case "string" -> {
                if (!value.isTextual()) {
                    out.add(where + ": expected a string, got " + kind(value));
                    return;
                }
                JsonNode en = node.get("enum");
                boolean closed = en != null && !node.path("x-ms-enum").path("modelAsString").asBoolean(false)
                        && node.has("x-ms-enum");
                if (closed) {
                    boolean found = false;
                    for (JsonNode e : en) {
                        found |= e.asText().equalsIgnoreCase(value.asText());
                    }
                    if (!found) {
                        out.add(where + ": '" + value.asText() + "' is not one of " + en);
                    }
                }
                if ("date-time".equals(node.path("format").asText()) && !value.asText().matches("\\d{4}-\\d\\d-\\d\\dT.*")) {
                    out.add(where + ": '" + value.asText() + "' is not a date-time");
                }
            }
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    out.add(where + ": expected an integer, got " + kind(value));
                } else if ("int32".equals(node.path("format").asText()) && !value.canConvertToInt()) {
                    out.add(where + ": " + value + " does not fit int32");
                }
            }
            case "number" -> {
                if (!value.isNumber()) {
                    out.add(where + ": expected a number, got " + kind(value));
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    out.add(where + ": expected a boolean, got " + kind(value));
                }
            }
            default -> {
                // file and other types do not occur in these answers
            }
        }
    }

    private static String kind(JsonNode value) {
        return value.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + (value.toString().length() > 60
                ? value.toString().substring(0, 60) + "..." : value);
    }
}
