package io.multicloud.driver.tencent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Tags between the library (keys up to 128 characters of any text, values up to 256) and Tencent
 * Cloud (keys 1-127 characters, values 0-255, of letters, digits, spaces and {@code + - = . _ : / @};
 * no key starting with {@code qcloud}, {@code tencent} or {@code project}).
 *
 * <p>A pair that fits Tencent's rules is written as it is, so the console and tag filters show
 * it. A pair that does not is written reversibly as chunks: the key {@code mc64:<h>:<i>}
 * ({@code h} = the first 12 hex digits of the key's SHA-256, {@code i} = 0, 1, ...) holding
 * up to 255 characters of the base64url form of {@code key + "\n" + value}. Reading joins the
 * chunks and decodes them; a user key that itself starts with {@code mc64:} is always encoded.
 * The driver's own keys ({@link #OWN}) are kept out of the user's tags.
 */
final class TencentTagCodec {
    static final String CHUNK_PREFIX = "mc64:";
    static final int MAX_KEY = 127;
    static final int MAX_VALUE = 255;
    /** The VPC a security group was made for (Tencent's groups belong to no VPC). */
    static final String VPC_TAG = "multicloud:vpc";
    /** The image name the user gave (an alias such as ubuntu-22.04). */
    static final String IMAGE_TAG = "multicloud:image";
    /** The login user the VM's user data created. */
    static final String LOGIN_USER_TAG = "multicloud:login-user";
    /** The user's name where the cloud's native name cannot hold it (key pairs). */
    static final String NAME_TAG = "multicloud:name";
    /** The VM a my-image was made from. */
    static final String SOURCE_VM_TAG = "multicloud:source-vm";
    static final Set<String> OWN = Set.of(VPC_TAG, IMAGE_TAG, LOGIN_USER_TAG, NAME_TAG, SOURCE_VM_TAG);

    private static final Pattern NAME = Pattern.compile("[a-z]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{N} +\\-=._:/@]*");

    private TencentTagCodec() {
    }

    /** Whether a text has the shape of a Tencent id with this prefix ({@code vpc-0a1b2c3d}). */
    static boolean isId(String text, String prefix) {
        return text.length() == prefix.length() + 9 && text.startsWith(prefix + "-")
                && text.substring(prefix.length() + 1).chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= '0' && c <= '9');
    }

    /** Whether a native name is a valid user name (else the resource is named by its id). */
    static boolean isUserName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** The name of a resource: its native name when valid, else its cloud id. */
    static String nameOr(String nativeName, String id) {
        return isUserName(nativeName) ? nativeName : id;
    }

    /** Whether a key and value can be written as they are. */
    static boolean fits(String key, String value) {
        String lower = key.toLowerCase(Locale.ROOT);
        return !key.isEmpty() && key.length() <= MAX_KEY && ALLOWED.matcher(key).matches()
                && !lower.startsWith("qcloud") && !lower.startsWith("tencent") && !lower.startsWith("project")
                && !key.startsWith(CHUNK_PREFIX) && key.trim().equals(key)
                && value.length() <= MAX_VALUE && ALLOWED.matcher(value).matches() && value.trim().equals(value);
    }

    /** The chunk key family of a user key. */
    static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first chunk's key of a user key (for a tag-key filter). */
    static String firstChunkKey(String key) {
        return CHUNK_PREFIX + hash(key) + ":0";
    }

    /** The Tencent tags (key → value) that carry these user tags. */
    static Map<String, String> encode(Map<String, String> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        tags.forEach((k, v) -> {
            if (fits(k, v)) {
                out.put(k, v);
            } else {
                String data = Base64.getUrlEncoder().withoutPadding()
                        .encodeToString((k + "\n" + v).getBytes(StandardCharsets.UTF_8));
                String h = hash(k);
                for (int i = 0, at = 0; at < data.length(); i++, at += MAX_VALUE) {
                    out.put(CHUNK_PREFIX + h + ":" + i, data.substring(at, Math.min(data.length(), at + MAX_VALUE)));
                }
            }
        });
        return out;
    }

    /** The Tencent keys that carry one user key (for removal): the key itself and any chunk of it. */
    static boolean carries(String tencentKey, String userKey) {
        return tencentKey.equals(userKey) || tencentKey.startsWith(CHUNK_PREFIX + hash(userKey) + ":");
    }

    /** The tags as Tencent's {@code [{Key, Value}]}. */
    static ArrayNode toJson(Map<String, String> tencentTags) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        tencentTags.forEach((k, v) -> {
            ObjectNode t = array.addObject();
            t.put("Key", k);
            t.put("Value", v);
        });
        return array;
    }

    /** Tencent's {@code [{Key, Value}]} as a map. */
    static Map<String, String> raw(JsonNode tags) {
        Map<String, String> out = new LinkedHashMap<>();
        if (tags != null && tags.isArray()) {
            tags.forEach(t -> out.put(t.path("Key").asText(), t.path("Value").asText("")));
        }
        return out;
    }

    /** The user's tags from Tencent's: chunks decoded, the driver's own keys left out. */
    static Map<String, String> decode(Map<String, String> raw) {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, TreeMap<Integer, String>> chunks = new LinkedHashMap<>();
        raw.forEach((k, v) -> {
            if (k.startsWith(CHUNK_PREFIX)) {
                String[] parts = k.substring(CHUNK_PREFIX.length()).split(":");
                if (parts.length == 2) {
                    try {
                        chunks.computeIfAbsent(parts[0], h -> new TreeMap<>()).put(Integer.parseInt(parts[1]), v);
                        return;
                    } catch (NumberFormatException ignored) {
                        // not one of ours: kept as it is
                    }
                }
                out.put(k, v);
            } else if (!OWN.contains(k)) {
                out.put(k, v);
            }
        });
        chunks.values().forEach(parts -> {
            try {
                String text = new String(Base64.getUrlDecoder().decode(String.join("", parts.values())), StandardCharsets.UTF_8);
                int nl = text.indexOf('\n');
                if (nl > 0) {
                    out.put(text.substring(0, nl), text.substring(nl + 1));
                }
            } catch (IllegalArgumentException ignored) {
                // a broken chunk set (changed by hand) is left out
            }
        });
        return out;
    }

    /** The user's tags of a resource's {@code Tags}/{@code TagSet}. */
    static Map<String, String> user(JsonNode tags) {
        return decode(raw(tags));
    }

    /** One own tag's value, or null. */
    static String own(JsonNode tags, String key) {
        return raw(tags).get(key);
    }

    /** The Tencent keys to remove so that these user keys are gone. */
    static List<String> keysToRemove(Map<String, String> raw, Set<String> userKeys) {
        List<String> out = new ArrayList<>();
        raw.keySet().forEach(k -> {
            if (userKeys.stream().anyMatch(u -> carries(k, u))) {
                out.add(k);
            }
        });
        return out;
    }
}
