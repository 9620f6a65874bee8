package io.multicloud.driver.alibaba.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Alibaba Cloud's own OpenAPI metadata ({@code ../shared/cloud-specs/alibaba/<product>/<version>/api-docs.json}):
 * each action's parameters and response schema, its error codes and its example answer
 * ({@code responseDemo}, JSON inside a string). The fake checks every answer against it: an
 * unknown field, a field of the wrong type, a missing {@code RequestId} (Alibaba puts one in every
 * answer; the schemas mark nothing else required) or an error body without {@code Code},
 * {@code Message} and {@code RequestId} is a violation. Requests are checked too: a parameter the
 * action does not declare is refused as Alibaba refuses it.
 */
public final class ApiSpec {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Product → (version, folder). */
    static final Map<String, String[]> PRODUCTS = Map.of(
            "ecs", new String[]{"2014-05-26", "ecs/2014-05-26"},
            "vpc", new String[]{"2016-04-28", "vpc/2016-04-28"},
            "slb", new String[]{"2014-05-15", "slb/2014-05-15"},
            "cs", new String[]{"2015-12-15", "cs/2015-12-15"});
    /** The fields of every error body (Alibaba's gateway). */
    static final Set<String> ERROR_FIELDS = Set.of("RequestId", "HostId", "Code", "Message", "Recommend");

    /** The parameters of every RPC call with signature V2 (V3 moves them into x-acs-* headers). */
    static final Set<String> COMMON = Set.of("Action", "Version", "Format", "AccessKeyId", "Signature", "SignatureMethod",
            "SignatureVersion", "SignatureNonce", "SignatureType", "Timestamp", "SecurityToken");

    private final Map<String, JsonNode> docs = new HashMap<>();

    private ApiSpec() {
    }

    private static ApiSpec loaded;

    /** The specs, read once per JVM from the {@code cloud-specs} folder of shared/. */
    public static synchronized ApiSpec get() {
        if (loaded == null) {
            ApiSpec spec = new ApiSpec();
            Path root = root();
            PRODUCTS.forEach((product, v) -> {
                try {
                    spec.docs.put(product, JSON.readTree(root.resolve(v[1]).resolve("api-docs.json").toFile()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            loaded = spec;
        }
        return loaded;
    }

    /** shared/cloud-specs/alibaba, found by walking up from the working directory. */
    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("cloud-specs").resolve("alibaba");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/cloud-specs/alibaba above " + Path.of("").toAbsolutePath());
    }

    /** The product of an API version ({@code 2014-05-26} → ecs). */
    static Optional<String> productOfVersion(String version) {
        return PRODUCTS.entrySet().stream().filter(e -> e.getValue()[0].equals(version)).map(Map.Entry::getKey).findFirst();
    }

    public JsonNode api(String product, String action) {
        JsonNode api = docs.get(product).path("apis").path(action);
        if (api.isMissingNode()) {
            throw new IllegalArgumentException(product + " has no action " + action);
        }
        return api;
    }

    public boolean has(String product, String action) {
        return docs.containsKey(product) && docs.get(product).path("apis").has(action);
    }

    /** The action's example answer, parsed ({@code responseDemo} holds JSON inside a string). */
    public JsonNode demo(String product, String action) {
        try {
            JsonNode demos = JSON.readTree(api(product, action).path("responseDemo").asText("[]"));
            for (JsonNode d : demos) {
                if (d.has("example")) {
                    return JSON.readTree(d.get("example").asText());
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The error codes the action documents. */
    public Set<String> errorCodes(String product, String action) {
        Set<String> out = new java.util.TreeSet<>();
        api(product, action).path("errorCodes").forEach(list -> list.forEach(e -> out.add(e.path("errorCode").asText())));
        return out;
    }

    /** The query parameters the request has that the action does not declare. */
    public List<String> unknownParameters(String product, String action, Set<String> names) {
        Map<String, String> declared = new HashMap<>();
        api(product, action).path("parameters").forEach(p -> declared.put(p.path("name").asText(), p.path("style").asText("")));
        List<String> unknown = new ArrayList<>();
        for (String n : names) {
            if (declared.containsKey(n) || COMMON.contains(n)) {
                continue;
            }
            int dot = n.indexOf('.');
            String head = dot < 0 ? n : n.substring(0, dot);
            if (dot > 0 && declared.containsKey(head) && !declared.get(head).isEmpty()) {
                continue; // Tag.1.Key, SecurityGroupIds.1, Permissions.1.IpProtocol
            }
            unknown.add(n);
        }
        return unknown;
    }

    /** The REST operations of a product such as ACK's: each as {action, HTTP method, path template}. */
    public List<String[]> operations(String product) {
        List<String[]> out = new ArrayList<>();
        docs.get(product).path("apis").fields().forEachRemaining(e -> {
            String path = e.getValue().path("path").asText("");
            if (!path.isEmpty()) {
                e.getValue().path("methods").forEach(m -> out.add(new String[]{e.getKey(), m.asText().toUpperCase(java.util.Locale.ROOT), path}));
            }
        });
        return out;
    }

    /**
     * The query parameters a REST request has that its operation does not declare. A list the
     * metadata sends as JSON ({@code tag_keys=["a"]}) may also come repeated ({@code tag_keys.1=a}),
     * as the SDK generation on the class path sends it.
     */
    public List<String> unknownQuery(String product, String action, Set<String> names) {
        Set<String> declared = new java.util.HashSet<>();
        Set<String> lists = new java.util.HashSet<>();
        api(product, action).path("parameters").forEach(p -> {
            if ("query".equals(p.path("in").asText())) {
                declared.add(p.path("name").asText());
                if ("array".equals(p.path("schema").path("type").asText())) {
                    lists.add(p.path("name").asText());
                }
            }
        });
        return names.stream().filter(n -> !declared.contains(n)
                && !(n.matches(".+\\.\\d+") && lists.contains(n.substring(0, n.lastIndexOf('.'))))).sorted().toList();
    }

    /** What is wrong with the JSON body of a REST request (unknown fields, wrong types), by the operation's body schema. */
    public List<String> checkBody(String product, String action, JsonNode body) {
        List<String> wrong = new ArrayList<>();
        JsonNode schema = null;
        for (JsonNode p : api(product, action).path("parameters")) {
            if ("body".equals(p.path("in").asText())) {
                schema = p.path("schema");
            }
        }
        if (schema == null) {
            if (body != null && !(body.isObject() && body.isEmpty())) {
                wrong.add("a body where the operation takes none");
            }
            return wrong;
        }
        walk(product, schema, body, "", wrong);
        return wrong;
    }

    /** The fields of ACK's error body. */
    static final Set<String> ROA_ERROR_FIELDS = Set.of("code", "message", "requestId", "status");

    /** What is wrong with an answer of the action. */
    public List<String> check(String product, String action, int status, JsonNode body) {
        List<String> wrong = new ArrayList<>();
        JsonNode schema = api(product, action).path("responses").path("200").path("schema");
        boolean array = status < 400 && "array".equals(schema.path("type").asText());
        if (body == null || !(array ? body.isArray() : body.isObject())) {
            wrong.add("the answer is not a JSON " + (array ? "array" : "object"));
            return wrong;
        }
        if (status >= 400) {
            boolean roa = "cs".equals(product);
            for (String f : roa ? List.of("code", "message", "requestId") : List.of("Code", "Message", "RequestId")) {
                if (!body.hasNonNull(f)) {
                    wrong.add("the error answer has no " + f);
                }
            }
            body.fieldNames().forEachRemaining(f -> {
                if (!(roa ? ROA_ERROR_FIELDS : ERROR_FIELDS).contains(f)) {
                    wrong.add("unknown field '" + f + "' in an error answer");
                }
            });
            return wrong;
        }
        if (!body.has("RequestId") && !"cs".equals(product)) {
            wrong.add("missing required field 'RequestId'");
        }
        walk(product, schema, body, "", wrong);
        return wrong;
    }

    private void walk(String product, JsonNode schema, JsonNode value, String at, List<String> wrong) {
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            schema = docs.get(product).at("/components/schemas/" + ref.substring(ref.lastIndexOf('/') + 1));
        }
        String type = schema.path("type").asText("");
        if (value.isNull()) {
            return;
        }
        switch (type) {
            case "object" -> {
                if (!value.isObject()) {
                    wrong.add(where(at) + " should be an object, not " + value.getNodeType());
                    return;
                }
                JsonNode props = schema.path("properties");
                if (props.isMissingNode() || props.isEmpty()) {
                    return; // a free-form object
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> f = it.next();
                    if (!props.has(f.getKey())) {
                        wrong.add("unknown field '" + at + f.getKey() + "'");
                    } else {
                        walk(product, props.get(f.getKey()), f.getValue(), at + f.getKey() + ".", wrong);
                    }
                }
            }
            case "array" -> {
                if (!value.isArray()) {
                    wrong.add(where(at) + " should be an array, not " + value.getNodeType());
                    return;
                }
                int i = 0;
                for (JsonNode item : value) {
                    walk(product, schema.path("items"), item, at + i++ + ".", wrong);
                }
            }
            case "string" -> {
                if (!value.isTextual()) {
                    wrong.add(where(at) + " should be a string, not " + value.getNodeType());
                }
            }
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    wrong.add(where(at) + " should be an integer, not " + value.getNodeType());
                }
            }
            case "number" -> {
                if (!value.isNumber()) {
                    wrong.add(where(at) + " should be a number, not " + value.getNodeType());
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    wrong.add(where(at) + " should be a boolean, not " + value.getNodeType());
                }
            }
            default -> {
                // no type: anything goes
            }
        }
    }

    private static String where(String at) {
        return "field '" + (at.endsWith(".") ? at.substring(0, at.length() - 1) : at) + "'";
    }
}
