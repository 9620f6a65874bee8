package io.multicloud.driver.alibaba.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.multicloud.testkit.fake.FakeRequest;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of an RPC request (query string, and a form body if there is one), read the way
 * Alibaba reads them: repeated lists as {@code Name.1}, {@code Name.2}, ...; tags as
 * {@code Tag.N.Key}/{@code Tag.N.Value}; some lists as a JSON array in one parameter.
 */
final class Params {
    private static final ObjectMapper JSON = new ObjectMapper();
    final Map<String, String> values = new LinkedHashMap<>();

    Params(FakeRequest request) {
        request.query().forEach((k, v) -> values.put(k, v.isEmpty() ? "" : v.getFirst()));
        String type = request.header("content-type").orElse("");
        if (type.startsWith("application/x-www-form-urlencoded") && request.body().length > 0) {
            for (String pair : request.bodyText().split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
    }

    Optional<String> get(String name) {
        String v = values.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    String str(String name) {
        return get(name).orElse(null);
    }

    String required(String name) {
        return get(name).orElseThrow(() -> AlibabaFake.error(400, "MissingParameter", "The input parameter \"" + name
                + "\" that is mandatory for processing this request is not supplied."));
    }

    int integer(String name, int otherwise) {
        return get(name).map(Integer::parseInt).orElse(otherwise);
    }

    boolean bool(String name) {
        return get(name).map(Boolean::parseBoolean).orElse(false);
    }

    /** A repeated list: Name.1, Name.2, ... */
    List<String> list(String name) {
        List<String> out = new ArrayList<>();
        for (int i = 1; values.containsKey(name + "." + i); i++) {
            out.add(values.get(name + "." + i));
        }
        return out;
    }

    /** A JSON array in one parameter ({@code InstanceIds=["i-1","i-2"]}), or a repeated list. */
    List<String> jsonList(String name) {
        String v = str(name);
        if (v == null) {
            return list(name);
        }
        try {
            JsonNode node = JSON.readTree(v);
            List<String> out = new ArrayList<>();
            if (node.isArray()) {
                node.forEach(n -> out.add(n.asText()));
            } else {
                out.add(node.asText());
            }
            return out;
        } catch (IOException e) {
            throw AlibabaFake.error(400, "InvalidParameter", "The specified parameter \"" + name + "\" is not valid JSON.");
        }
    }

    /** Tags: Tag.N.Key / Tag.N.Value, in order (a value may be empty). */
    Map<String, String> tags(String name) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 1; values.containsKey(name + "." + i + ".Key"); i++) {
            String key = values.get(name + "." + i + ".Key");
            if (out.containsKey(key)) {
                throw AlibabaFake.error(400, "Duplicate.TagKey", "The Tag.N.Key contain duplicate key.");
            }
            out.put(key, values.getOrDefault(name + "." + i + ".Value", ""));
        }
        return out;
    }
}
