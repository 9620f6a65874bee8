package io.multicloud.driver.alibaba;

import io.multicloud.api.InvalidRequestException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user's tags as Alibaba Cloud tags, reversibly. Alibaba's rules are narrower than the
 * library's (keys and values up to 128 characters; a key may not start with {@code aliyun} or
 * {@code acs:}, a value not with {@code acs:}; neither may contain {@code http://} or
 * {@code https://}; at most 20 tags on a resource). A tag that keeps these rules is stored as it
 * is. Any other is stored in pieces:
 * <ul>
 *   <li>its text, with {@code %}, {@code /} and {@code =} percent-escaped (so no URL survives), is
 *       cut into pieces of at most 127 characters, each stored as the value {@code ~piece} of the
 *       key {@code mc~<h>~<i>}, where {@code h} is the first 10 hex digits of the SHA-256 of the
 *       user's key and {@code i} counts from 0;</li>
 *   <li>when only the value breaks the rules, the key stays as it is with the value {@code mc~}
 *       (so a filter on the key still finds it) and the pieces hold the value;</li>
 *   <li>when the key breaks the rules, the pieces hold {@code key=value}.</li>
 * </ul>
 * Keys and values that start with {@code mc~} are stored in pieces too, so reading back is exact.
 * The driver's own tags ({@link #OWN}) are kept out of the user's tags.
 *
 * <p>The products differ in their rules ({@link Rules}): ECS and VPC take keys of 128 characters
 * and refuse only {@code acs:} at the start of a value; SLB and ACK take keys of 64 characters and
 * refuse {@code aliyun} at the start of a value too; ACK's TagResources takes no empty value. The
 * pieces fit every product's rules, and reading back is the same for all.
 */
final class AlibabaTags {
    static final String PREFIX = "mc~";
    static final int MAX_LENGTH = 128;
    static final int MAX_TAGS = 20;
    private static final int PIECE = MAX_LENGTH - 1;
    private static final Pattern PIECE_KEY = Pattern.compile("mc~([0-9a-f]{10})~(\\d+)");
    /** The image name or alias a VM was made from (ECS shows only the image id). */
    static final String IMAGE = "multicloud:image";
    /** The client token a VM was made with, to adopt it when a create whose answer was lost is tried again. */
    static final String CLIENT_TOKEN = "multicloud:client-token";
    /** The VM an image was made from (ECS does not keep it). */
    static final String SOURCE_VM = "multicloud:source-vm";
    /**
     * The VPC of an internet load balancer (SLB keeps none for it). Keys of the driver that start
     * with {@code mc~} cannot clash with a user's key: a user's key starting so is stored in pieces.
     */
    static final String NLB_VPC = PREFIX + "vpc";
    /** The token of the create call that made a cluster (CreateCluster takes no client token). */
    static final String CREATE_TOKEN = PREFIX + "token";
    /** Tags the driver writes for itself and hides from the user. */
    static final Set<String> OWN = Set.of(IMAGE, CLIENT_TOKEN, SOURCE_VM);

    /**
     * A product's tag rules.
     *
     * @param keyMax the longest key
     * @param valueMayStartWithAliyun whether a value may start with {@code aliyun}
     * @param valueMayBeEmpty whether a value may be empty
     */
    record Rules(int keyMax, boolean valueMayStartWithAliyun, boolean valueMayBeEmpty) {
        boolean keySafe(String k) {
            String lower = k.toLowerCase(Locale.ROOT);
            return !k.isEmpty() && k.length() <= keyMax && !lower.startsWith("aliyun") && !lower.startsWith("acs:")
                    && !hasUrl(lower) && !k.startsWith(PREFIX);
        }

        boolean valueSafe(String v) {
            String lower = v.toLowerCase(Locale.ROOT);
            return v.length() <= MAX_LENGTH && !lower.startsWith("acs:") && !hasUrl(lower) && !v.startsWith(PREFIX)
                    && (valueMayStartWithAliyun || !lower.startsWith("aliyun")) && (valueMayBeEmpty || !v.isEmpty());
        }
    }

    /** ECS and VPC. */
    static final Rules ECS = new Rules(MAX_LENGTH, true, true);
    /** SLB (keys of 64 characters; no value starting with aliyun). */
    static final Rules SLB = new Rules(64, false, true);
    /** ACK (as SLB, and TagResources takes no empty value). */
    static final Rules CS = new Rules(64, false, false);

    private AlibabaTags() {
    }

    /** The cloud tags that store these user tags (and the driver's own), by ECS's and VPC's rules. */
    static Map<String, String> encode(Map<String, String> tags) {
        return encode(tags, ECS);
    }

    /** The cloud tags that store these user tags (and the driver's own), by a product's rules. */
    static Map<String, String> encode(Map<String, String> tags, Rules rules) {
        Map<String, String> out = new LinkedHashMap<>();
        new TreeMap<>(tags).forEach((k, v) -> {
            if (rules.keySafe(k) && rules.valueSafe(v)) {
                out.put(k, v);
                return;
            }
            String payload;
            if (rules.keySafe(k)) {
                out.put(k, PREFIX);
                payload = escape(v);
            } else {
                payload = escape(k) + "=" + escape(v);
            }
            String h = hash(k);
            for (int i = 0, at = 0; at < payload.length() || i == 0; i++, at += PIECE) {
                out.put(PREFIX + h + "~" + i, "~" + payload.substring(at, Math.min(payload.length(), at + PIECE)));
            }
        });
        if (out.size() > MAX_TAGS) {
            throw new InvalidRequestException("tags", "Alibaba Cloud keeps at most " + MAX_TAGS + " tags on a resource; these take "
                    + out.size() + " (a tag over 128 characters, or with a URL or a reserved prefix, takes several)");
        }
        return out;
    }

    /** The user's tags stored in these cloud tags (without the driver's own). */
    static Map<String, String> decode(Map<String, String> cloud) {
        Map<String, String> all = decodeAll(cloud);
        all.keySet().removeAll(OWN);
        return Map.copyOf(all);
    }

    /** Every tag stored in these cloud tags, the driver's own included. */
    static Map<String, String> decodeAll(Map<String, String> cloud) {
        Map<String, TreeMap<Integer, String>> pieces = new HashMap<>();
        Map<String, String> out = new HashMap<>();
        cloud.forEach((k, v) -> {
            Matcher m = PIECE_KEY.matcher(k);
            if (m.matches()) {
                pieces.computeIfAbsent(m.group(1), x -> new TreeMap<>()).put(Integer.parseInt(m.group(2)),
                        v.startsWith("~") ? v.substring(1) : v);
            }
        });
        cloud.forEach((k, v) -> {
            if (k.startsWith(PREFIX)) {
                return; // a piece, or one of the driver's own keys such as NLB_VPC: never a user's key, which would be in pieces
            }
            if (PREFIX.equals(v)) {
                TreeMap<Integer, String> mine = pieces.remove(hash(k));
                out.put(k, mine == null ? v : unescape(String.join("", mine.values())));
            } else {
                out.put(k, v);
            }
        });
        pieces.values().forEach(p -> {
            String payload = String.join("", p.values());
            int eq = payload.indexOf('=');
            if (eq > 0) {
                out.put(unescape(payload.substring(0, eq)), unescape(payload.substring(eq + 1)));
            }
        });
        return out;
    }

    /**
     * The server-side filter for resources carrying a user tag: a cloud tag key and value (null:
     * any value), and the check that the decoded tags must pass on the client.
     */
    record Filter(String key, String value, Predicate<Map<String, String>> check) {
    }

    static Filter filter(String key, String value) {
        return filter(key, value, ECS);
    }

    /** The filter by a product's rules (an empty value is checked on the client: no product filters on one). */
    static Filter filter(String key, String value, Rules rules) {
        Predicate<Map<String, String>> check = user -> user.containsKey(key) && (value == null || value.equals(user.get(key)));
        if (rules.keySafe(key)) {
            if (value == null || value.isEmpty()) {
                return new Filter(key, null, check);
            }
            return new Filter(key, rules.valueSafe(value) ? value : PREFIX, check);
        }
        return new Filter(PREFIX + hash(key) + "~0", null, check);
    }

    private static boolean hasUrl(String lower) {
        return lower.contains("http://") || lower.contains("https://");
    }

    private static String escape(String s) {
        return s.replace("%", "%25").replace("/", "%2F").replace("=", "%3D");
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                out.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String hash(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The cloud tag keys that store these user keys (to remove them). */
    static List<String> cloudKeys(Map<String, String> cloud, Set<String> userKeys) {
        List<String> out = new ArrayList<>();
        for (String k : userKeys) {
            if (cloud.containsKey(k) && !k.startsWith(PREFIX)) { // a key starting mc~ is the driver's own, never the user's
                out.add(k);
            }
            String pieceStart = PREFIX + hash(k) + "~";
            cloud.keySet().stream().filter(c -> c.startsWith(pieceStart)).forEach(out::add);
        }
        return out;
    }
}
