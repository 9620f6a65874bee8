package io.multicloud.driver.tencent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import io.multicloud.api.CloudException;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.ErrorContext;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.ResourceKind;
import io.multicloud.driver.tencent.TencentClients.Product;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Calls Tencent Cloud API 3.0 actions through the SDK's product clients ({@code call(action, json)}:
 * the SDK signs with TC3-HMAC-SHA256, picks the endpoint and parses the error answer), with the
 * request and answer as JSON trees. The typed request classes of the reachable vpc/clb/cbs
 * artifacts (3.1.667) lag the API; the JSON form speaks the API as its own metadata describes it.
 *
 * <p>Reads, and creates that carry a client token, are tried again on a throttled or transient
 * error with jittered exponential pauses; other changes are tried once (the caller looks before
 * it acts again).
 */
final class TencentApi {
    static final ObjectMapper JSON = new ObjectMapper();
    /** The page size asked for; the cloud may give fewer, and paging follows TotalCount. */
    static final int PAGE = 100;

    private final ConnectionConfig config;
    private final TencentClients clients;
    private final TencentErrors errors;
    private final int maxAttempts;
    private final long retryBaseMs;

    TencentApi(ConnectionConfig config, TencentClients clients, TencentErrors errors) {
        this.config = config;
        this.clients = clients;
        this.errors = errors;
        this.maxAttempts = number(config, TencentDriver.MAX_ATTEMPTS, 4, 1, 20);
        this.retryBaseMs = number(config, TencentDriver.RETRY_BASE_MS, 200, 0, 60_000);
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** A list of strings as a JSON array. */
    static ArrayNode strings(Collection<String> values) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        values.forEach(array::add);
        return array;
    }

    /** A {@code Filters} entry. */
    static ObjectNode filter(String name, Collection<String> values) {
        ObjectNode f = object();
        f.put("Name", name);
        f.set("Values", strings(values));
        return f;
    }

    /** A read (tried again on throttling and transient errors). */
    JsonNode read(Product product, String action, ObjectNode params, ResourceKind kind, String name) {
        return call(product, action, params, kind, name, true);
    }

    /** A change, tried once; {@code retryable} when the request is idempotent (a client token). */
    JsonNode change(Product product, String action, ObjectNode params, ResourceKind kind, String name, boolean retryable) {
        return call(product, action, params, kind, name, retryable);
    }

    /** A change tried once. */
    JsonNode change(Product product, String action, ObjectNode params, ResourceKind kind, String name) {
        return call(product, action, params, kind, name, false);
    }

    /**
     * Every item of a paged Describe action ({@code Offset}/{@code Limit}, as numbers or, for VPC's
     * actions, as strings), following the pages until {@code TotalCount} items have been seen or a
     * page comes back empty.
     */
    List<JsonNode> list(Product product, String action, ObjectNode params, String setField, boolean stringPaging,
                        ResourceKind kind, String name) {
        List<JsonNode> all = new ArrayList<>();
        int offset = 0;
        while (true) {
            ObjectNode page = params.deepCopy();
            if (stringPaging) {
                page.put("Offset", Integer.toString(offset));
                page.put("Limit", Integer.toString(PAGE));
            } else {
                page.put("Offset", offset);
                page.put("Limit", PAGE);
            }
            JsonNode answer = read(product, action, page, kind, name);
            JsonNode items = answer.path(setField);
            items.forEach(all::add);
            offset += items.size();
            JsonNode total = answer.get("TotalCount");
            if (items.isEmpty() || total == null || !total.canConvertToInt() || offset >= total.asInt()) {
                return all;
            }
        }
    }

    private JsonNode call(Product product, String action, ObjectNode params, ResourceKind kind, String name, boolean retryable) {
        String body;
        try {
            body = JSON.writeValueAsString(params);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                String answer = clients.client(product).call(action, body);
                JsonNode tree = JSON.readTree(answer);
                return tree.has("Response") ? tree.get("Response") : tree;
            } catch (TencentCloudSDKException e) {
                CloudException mapped = errors.map(e, kind, name);
                if (!retryable || !mapped.retryable() || attempt >= maxAttempts) {
                    throw mapped;
                }
                pause(attempt, mapped);
            } catch (JsonProcessingException e) {
                throw new CloudException(ErrorContext.of(config.name(), kind, name),
                        action + " answered something that is not JSON", e);
            }
        }
    }

    private void pause(int attempt, CloudException cause) {
        long ceiling = retryBaseMs << Math.min(attempt - 1, 10);
        long millis = ceiling == 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cause;
        }
    }

    private static int number(ConnectionConfig config, String key, int fallback, int min, int max) {
        String value = config.property(key).orElse(null);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InvalidRequestException(key, "'" + value + "' is not a number " + min + ".." + max);
    }
}
