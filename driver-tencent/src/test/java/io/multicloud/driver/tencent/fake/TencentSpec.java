package io.multicloud.driver.tencent.fake;

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
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Tencent Cloud product's API metadata as tccli ships it (from {@code shared/cloud-specs/tencent/},
 * {@code services/<svc>/<version>/api.json} and {@code examples.json}): its actions with their input
 * and output objects, and the example answers. The fake checks every answer against it
 * ({@link #checkOutput}: an unknown field, a wrong type, a missing {@code output_required}
 * member or a null where {@code value_allowed_null} is false each fail) and every request
 * ({@link #checkInput}: a missing {@code required} member or a wrong type is the cloud's
 * {@code MissingParameter}/{@code InvalidParameter}).
 */
public final class TencentSpec {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, TencentSpec> LOADED = new ConcurrentHashMap<>();

    private final String service;
    private final JsonNode api;
    private final JsonNode examples;

    private TencentSpec(String service, JsonNode api, JsonNode examples) {
        this.service = service;
        this.api = api;
        this.examples = examples;
    }

    /** The metadata of a product ({@code cvm}, {@code vpc}, {@code clb}, {@code tke}, {@code billing}), read once per JVM. */
    public static TencentSpec of(String service) {
        return LOADED.computeIfAbsent(service, TencentSpec::load);
    }

    /** The folder version of each product (TKE's cluster actions are only in 2018-05-25). */
    static String folder(String service) {
        return switch (service) {
            case "cvm", "vpc" -> "v20170312";
            case "clb" -> "v20180317";
            case "tke" -> "v20180525";
            case "billing" -> "v20180709";
            default -> throw new IllegalArgumentException("no metadata for " + service);
        };
    }

    private static TencentSpec load(String service) {
        Path dir = root().resolve("services").resolve(service).resolve(folder(service));
        try {
            return new TencentSpec(service, JSON.readTree(dir.resolve("api.json").toFile()),
                    JSON.readTree(dir.resolve("examples.json").toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code shared/cloud-specs/tencent}, found from the working directory upwards. */
    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/cloud-specs/tencent");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/cloud-specs/tencent is not beside the repository (looked upwards from "
                + Path.of("").toAbsolutePath() + ")");
    }

    public String service() {
        return service;
    }

    /** The API version ({@code 2017-03-12}). */
    public String version() {
        return api.path("metadata").path("apiVersion").asText();
    }

    public boolean hasAction(String action) {
        return api.path("actions").has(action);
    }

    /** The first example answer's {@code Response} of an action (examples hold it as a JSON string). */
    public JsonNode example(String action, int index) {
        JsonNode list = examples.path("actions").path(action);
        if (!list.isArray() || list.size() <= index) {
            throw new IllegalArgumentException(service + " has no example " + index + " of " + action);
        }
        try {
            return JSON.readTree(list.get(index).path("output").asText()).path("Response");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What is wrong with an answer ({@code Response} object) of the action; empty when right. */
    public List<String> checkOutput(String action, JsonNode response) {
        List<String> wrong = new ArrayList<>();
        if (!hasAction(action)) {
            wrong.add(service + " has no action " + action);
            return wrong;
        }
        if (response.has("Error")) {
            JsonNode error = response.get("Error");
            if (!error.path("Code").isTextual() || !error.path("Message").isTextual()) {
                wrong.add("Error needs a string Code and Message: " + error);
            }
            if (!response.path("RequestId").isTextual()) {
                wrong.add("an error answer needs a RequestId");
            }
            return wrong;
        }
        String output = api.path("actions").path(action).path("output").asText();
        checkObject(output, response, "Response", true, wrong);
        return wrong;
    }

    /** The first thing wrong with a request body, as {@code [code, message]}, or null. */
    public String[] checkInput(String action, JsonNode body) {
        String input = api.path("actions").path(action).path("input").asText();
        List<String> wrong = new ArrayList<>();
        checkObject(input, body, "", false, wrong);
        for (String w : wrong) {
            return new String[] {w.contains("is missing") ? "MissingParameter" : w.contains("unknown") ? "UnknownParameter"
                    : "InvalidParameter", w};
        }
        return null;
    }

    private void checkObject(String objectName, JsonNode value, String at, boolean output, List<String> wrong) {
        JsonNode object = api.path("objects").path(objectName);
        if (object.isMissingNode()) {
            wrong.add(at + ": no object " + objectName + " in the metadata");
            return;
        }
        if (!value.isObject()) {
            wrong.add(at + " should be an object " + objectName + " but is " + value.getNodeType());
            return;
        }
        Map<String, JsonNode> members = new HashMap<>();
        object.path("members").forEach(m -> members.put(m.path("name").asText(), m));
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String path = at.isEmpty() ? field.getKey() : at + "." + field.getKey();
            JsonNode member = members.get(field.getKey());
            if (member == null) {
                if (!(output && field.getKey().equals("RequestId"))) {
                    wrong.add(path + " is unknown to " + objectName);
                }
                continue;
            }
            checkValue(member, field.getValue(), path, output, wrong);
        }
        for (JsonNode member : members.values()) {
            String name = member.path("name").asText();
            boolean required = output ? member.path("output_required").asBoolean(false) : member.path("required").asBoolean(false);
            if (required && !value.has(name)) {
                wrong.add((at.isEmpty() ? name : at + "." + name) + " is missing (required by " + objectName + ")");
            }
        }
    }

    private void checkValue(JsonNode member, JsonNode value, String path, boolean output, List<String> wrong) {
        if (value.isNull()) {
            if (output && !member.path("value_allowed_null").asBoolean(false)) {
                wrong.add(path + " is null, which " + member.path("name").asText() + " does not allow");
            }
            return;
        }
        String type = member.path("type").asText();
        String inner = member.path("member").asText();
        switch (type) {
            case "list" -> {
                if (!value.isArray()) {
                    wrong.add(path + " should be a list but is " + value.getNodeType());
                    return;
                }
                int i = 0;
                for (JsonNode item : value) {
                    checkItem(inner, item, path + "[" + i++ + "]", output, wrong);
                }
            }
            case "object" -> checkObject(inner, value, path, output, wrong);
            default -> checkItem(type, value, path, output, wrong);
        }
    }

    private void checkItem(String type, JsonNode value, String path, boolean output, List<String> wrong) {
        boolean ok = switch (type) {
            case "string" -> value.isTextual();
            case "int", "int64", "uint64", "integer" -> value.isIntegralNumber();
            case "float", "double" -> value.isNumber();
            case "bool", "boolean" -> value.isBoolean();
            default -> {
                if (api.path("objects").has(type)) {
                    checkObject(type, value, path, output, wrong);
                    yield true;
                }
                yield true;
            }
        };
        if (!ok) {
            wrong.add(path + " should be " + type + " but is " + value.getNodeType() + " (" + value + ")");
        }
    }
}
