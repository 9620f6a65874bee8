package io.multicloud.testkit;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Resource names that no other test, run or person sharing the same cloud account will pick:
 * {@code <prefix>-<run token><counter>}, such as {@code vpc-k3x9q1}. Every name follows the
 * library's name rule (lower case, starts with a letter, at most 63 characters), so it is valid
 * on every cloud.
 */
public final class UniqueNames {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int TOKEN_LENGTH = 5;
    private static final int MAX_PREFIX = 40;

    private final String token;
    private final AtomicInteger counter = new AtomicInteger();

    /** Names with a fresh random token. */
    public UniqueNames() {
        this(randomToken(new SecureRandom()));
    }

    private UniqueNames(String token) {
        this.token = token;
    }

    /** A new name starting with {@code prefix} (lower-case letters, digits and hyphens). */
    public String next(String prefix) {
        String clean = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        if (clean.isEmpty() || !Character.isLetter(clean.charAt(0))) {
            clean = "r" + clean;
        }
        if (clean.length() > MAX_PREFIX) {
            clean = clean.substring(0, MAX_PREFIX);
        }
        return clean + "-" + token + counter.incrementAndGet();
    }

    /** The random part shared by every name this instance gives. */
    public String token() {
        return token;
    }

    private static String randomToken(SecureRandom random) {
        StringBuilder sb = new StringBuilder(TOKEN_LENGTH);
        for (int i = 0; i < TOKEN_LENGTH; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "UniqueNames[" + token + "]";
    }
}
