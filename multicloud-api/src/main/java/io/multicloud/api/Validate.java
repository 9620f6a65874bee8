package io.multicloud.api;

import java.util.Collection;
import java.util.Map;

/**
 * The validation rules every request follows, checked before any cloud is called.
 * Each failure is an {@link InvalidRequestException} that names the field.
 *
 * <p><b>The name rule</b>: 1 to 63 characters; lower-case ASCII letters, digits and hyphens;
 * starting with a letter; not ending with a hyphen. It is the strictest rule among the clouds
 * (GCP's, a DNS label), so a name valid here is valid everywhere.
 */
public final class Validate {
    private static final int MAX_TAG_KEY = 128;
    private static final int MAX_TAG_VALUE = 256;

    private Validate() {
    }

    /** Checks a resource name against the name rule. */
    public static String name(String field, String value) {
        notBlank(field, value);
        if (!isName(value)) {
            throw new InvalidRequestException(field, "'" + value + "' is not a valid name: use 1-63 lower-case"
                    + " letters, digits and hyphens, starting with a letter and not ending with a hyphen");
        }
        return value;
    }

    /**
     * Whether a text follows the name rule {@code [a-z]([a-z0-9-]{0,61}[a-z0-9])?}: a loop, not the
     * regex, because every request record checks its names again on each copy (10,000-VM MCIs
     * spent a tenth of their CPU in the regex).
     */
    private static boolean isName(String value) {
        int length = value.length();
        if (length > 63 || value.charAt(0) < 'a' || value.charAt(0) > 'z' || value.charAt(length - 1) == '-') {
            return false;
        }
        for (int i = 1; i < length; i++) {
            char c = value.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** Checks that a value is present and not blank. */
    public static String notBlank(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(field, "is required");
        }
        return value;
    }

    /** Checks that a value is present. */
    public static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidRequestException(field, "is required");
        }
        return value;
    }

    /** Checks that a collection has at least one element. */
    public static <T extends Collection<?>> T notEmpty(String field, T value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidRequestException(field, "needs at least one element");
        }
        return value;
    }

    /** Checks a CIDR block such as {@code 10.0.0.0/16}. */
    public static Cidr cidr(String field, String value) {
        notBlank(field, value);
        return Cidr.parse(field, value);
    }

    /** Checks a TCP/UDP port number. */
    public static int port(String field, int port) {
        return range(field, port, 1, 65535);
    }

    /** Checks that a number lies in {@code [min, max]}. */
    public static int range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidRequestException(field, value + " is out of range " + min + ".." + max);
        }
        return value;
    }

    /** Checks tag keys and values. */
    public static Map<String, String> tags(String field, Map<String, String> tags) {
        if (tags == null) {
            return Map.of();
        }
        tags.forEach((k, v) -> {
            if (k == null || k.isBlank() || k.length() > MAX_TAG_KEY) {
                throw new InvalidRequestException(field, "tag key '" + k + "' must be 1-" + MAX_TAG_KEY + " characters");
            }
            if (v == null || v.length() > MAX_TAG_VALUE) {
                throw new InvalidRequestException(field, "tag value for '" + k + "' must be 0-" + MAX_TAG_VALUE + " characters");
            }
        });
        return Map.copyOf(tags);
    }
}
