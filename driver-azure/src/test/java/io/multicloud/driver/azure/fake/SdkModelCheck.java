package io.multicloud.driver.azure.fake;

import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.json.JsonSerializable;
import com.azure.json.JsonWriter;
import com.azure.resourcemanager.network.fluent.models.LoadBalancerHealthPerRuleInner;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks an answer the copied swagger files do not describe (an operation newer than them)
 * against the SDK's own model of it, generated from the newer swagger: the SDK reads the answer
 * ({@code fromJson}) and writes it back ({@code toJson}); a field the model does not know is
 * dropped on the way, a value of the wrong type is refused or comes back as another JSON type.
 * Weaker than the swagger check (the model says nothing of required fields), but an answer the
 * SDK would silently lose a field of, or misread, fails.
 */
final class SdkModelCheck {
    /** The routes checked this way, with the model of their 200 answer. */
    static final Map<String, Class<? extends JsonSerializable<?>>> MODELS = Map.of(
            "Operations_Result", LoadBalancerHealthPerRuleInner.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private SdkModelCheck() {
    }

    /** What is wrong with {@code answer} read as {@code model}; empty when it fits. */
    static List<String> check(Class<? extends JsonSerializable<?>> model, JsonNode answer) {
        List<String> wrong = new ArrayList<>();
        try (JsonReader reader = JsonProviders.createReader(JSON.writeValueAsString(answer))) {
            Object read = model.getMethod("fromJson", JsonReader.class).invoke(null, reader);
            StringWriter text = new StringWriter();
            try (JsonWriter writer = JsonProviders.createWriter(text)) {
                ((JsonSerializable<?>) read).toJson(writer);
            }
            compare(answer, JSON.readTree(text.toString()), "$", model.getSimpleName(), wrong);
        } catch (InvocationTargetException e) {
            wrong.add("$: the SDK's " + model.getSimpleName() + " cannot read the answer: " + e.getCause());
        } catch (ReflectiveOperationException | java.io.IOException e) {
            wrong.add("$: " + e);
        }
        return wrong;
    }

    private static void compare(JsonNode sent, JsonNode read, String path, String model, List<String> wrong) {
        if (sent.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = sent.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String at = path + "." + field.getKey();
                if (field.getValue().isNull()) {
                    continue;
                }
                if (!read.has(field.getKey())) {
                    wrong.add(at + ": '" + field.getKey() + "' is not a field of the SDK's " + model + " (dropped when read)");
                } else {
                    compare(field.getValue(), read.get(field.getKey()), at, model, wrong);
                }
            }
        } else if (sent.isArray()) {
            for (int i = 0; i < sent.size(); i++) {
                compare(sent.get(i), read.path(i), path + "[" + i + "]", model, wrong);
            }
        } else if (sent.getNodeType() != read.getNodeType() || !sent.equals(read)) {
            wrong.add(path + ": the answer has " + sent.getNodeType() + " " + sent + ", the SDK reads it as " + read.getNodeType() + " " + read);
        }
    }
}
