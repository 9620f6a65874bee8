package io.multicloud.core.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.multicloud.api.InvalidRequestException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A recommendation request as plain data, the same in JSON and YAML:
 * <pre>{@code
 * where:
 *   - {field: acceleratorModel, oneOf: [A100, H100]}
 *   - {field: acceleratorMemoryGiB, ge: 40}
 *   - {field: costPerHour, le: 40}
 * near: {latitude: 37.57, longitude: 126.98, radiusKm: 1000, name: Seoul}
 * providers: [aws, gcp, azure]
 * orderBy:
 *   - {by: latency, to: [ap-northeast-2]}
 *   - {by: cost}
 * limit: 10
 * }</pre>
 *
 * @param where filters, all of which must pass (see {@link Condition})
 * @param near a radius around a point (see {@link Near}), or null
 * @param providers only these providers (empty: all)
 * @param excludeProviders never these providers
 * @param regions only these regions: a region name ({@code ap-northeast-2}, of any provider) or
 *                {@code provider+region}
 * @param excludeRegions never these regions (same forms)
 * @param orderBy priorities in turn, or blended by weights (see {@link Order})
 * @param limit how many offers to return (default 10)
 * @param currency the currency prices are compared in (default USD); when a filter or priority
 *                 uses a price, offers priced in another currency are left out (no conversion)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record RecommendRequest(List<Condition> where, Near near, List<String> providers, List<String> excludeProviders,
                               List<String> regions, List<String> excludeRegions, List<Order> orderBy, Integer limit,
                               String currency) {
    /** The limit when none is given. */
    public static final int DEFAULT_LIMIT = 10;

    private static final ObjectMapper JSON = mapper(new ObjectMapper());
    private static final ObjectMapper YAML = mapper(new ObjectMapper(new YAMLFactory()));

    public RecommendRequest {
        where = where == null ? List.of() : List.copyOf(where);
        providers = lower(providers);
        excludeProviders = lower(excludeProviders);
        regions = regions == null ? List.of() : List.copyOf(regions);
        excludeRegions = excludeRegions == null ? List.of() : List.copyOf(excludeRegions);
        orderBy = orderBy == null ? List.of() : List.copyOf(orderBy);
        if (limit != null && limit < 1) {
            throw new InvalidRequestException("limit", "the limit is 1 or more, not " + limit);
        }
        currency = currency == null || currency.isBlank() ? null : currency.trim().toUpperCase(Locale.ROOT);
    }

    private static List<String> lower(List<String> values) {
        return values == null ? List.of() : values.stream().map(v -> v.trim().toLowerCase(Locale.ROOT)).toList();
    }

    /** The limit, or the default. */
    public int limitOrDefault() {
        return limit == null ? DEFAULT_LIMIT : limit;
    }

    /** The currency, or USD. */
    public String currencyOrDefault() {
        return currency == null ? "USD" : currency;
    }

    /** Reads a request from JSON. */
    public static RecommendRequest fromJson(String json) {
        return read(JSON, json, "JSON");
    }

    /** Reads a request from YAML. */
    public static RecommendRequest fromYaml(String yaml) {
        return read(YAML, yaml, "YAML");
    }

    /** Reads a request file: JSON when it ends in {@code .json}, YAML otherwise. */
    public static RecommendRequest read(Path file) {
        try {
            String text = Files.readString(file);
            return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json") ? fromJson(text) : fromYaml(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request " + file, e);
        }
    }

    /** The request as JSON. */
    public String toJson() {
        return write(JSON);
    }

    /** The request as YAML. */
    public String toYaml() {
        return write(YAML);
    }

    private String write(ObjectMapper mapper) {
        try {
            return mapper.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a request could not be written", e);
        }
    }

    private static RecommendRequest read(ObjectMapper mapper, String text, String format) {
        try {
            return mapper.readValue(text, RecommendRequest.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InvalidRequestException ire) {
                throw ire;
            }
            throw new InvalidRequestException("request", "not a recommendation request in " + format + ": "
                    + e.getOriginalMessage() + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        }
    }

    private static ObjectMapper mapper(ObjectMapper m) {
        return m.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                .configure(SerializationFeature.INDENT_OUTPUT, false)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }
}
