package io.multicloud.driver.gcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The user's tags (any keys up to 128 characters, any values up to 256) and GCP labels (keys
 * {@code [a-z][a-z0-9_-]{0,62}}, values {@code [a-z0-9_-]{0,63}}). The exact tags are kept as
 * JSON where a resource can hold them; labels mirror them for server-side filtering: a key or
 * value that is already a valid label stays as it is, any other becomes {@code mc_} or
 * {@code h_} and the first 24 hex digits of its SHA-256 (so {@code multicloud:mci} is filtered
 * as {@code labels.mc_…}). A label is never read back as a tag.
 */
final class GcpLabels {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
    private static final Pattern VALUE = Pattern.compile("[a-z0-9_-]{0,63}");

    private GcpLabels() {
    }

    /** The label key mirroring a tag key. */
    static String key(String tagKey) {
        return KEY.matcher(tagKey).matches() ? tagKey : "mc_" + hash(tagKey);
    }

    /** The label value mirroring a tag value. */
    static String value(String tagValue) {
        return VALUE.matcher(tagValue).matches() ? tagValue : "h_" + hash(tagValue);
    }

    /** The labels mirroring tags. */
    static Map<String, String> labels(Map<String, String> tags) {
        Map<String, String> out = new TreeMap<>();
        tags.forEach((k, v) -> out.put(key(k), value(v)));
        return out;
    }

    /** A list filter for resources carrying the tag (any value when {@code value} is null). */
    static String filter(String tagKey, String tagValue) {
        return tagValue == null ? "labels." + key(tagKey) + ":*" : "labels." + key(tagKey) + " = \"" + value(tagValue) + "\"";
    }

    /** Tags as JSON. */
    static String json(Map<String, String> tags) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(tags));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Tags from JSON; empty for text that is not a JSON object of strings. */
    static Map<String, String> parse(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return new LinkedHashMap<>(JSON.readValue(json, new TypeReference<Map<String, String>>() { }));
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
