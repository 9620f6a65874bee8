package io.multicloud.testkit.fake;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Cuts a list into pages, so that a client's paging is exercised: the page size is the fake's
 * (2 or 3 items), or the client's when it asks for fewer; the token is opaque (an offset, encoded),
 * and a token that was not made here is a 400 the cloud's way ({@code badToken}).
 */
public final class Pages {
    /**
     * One page.
     *
     * @param nextToken the token of the next page, or null on the last
     */
    public record Page<T>(List<T> items, String nextToken) {
    }

    /** Makes the cloud's error for a token it never gave. */
    @FunctionalInterface
    public interface BadToken {
        FakeError error(String token);
    }

    private final int size;

    /** Pages of at most {@code size} items. */
    public Pages(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a page holds at least one item");
        }
        this.size = size;
    }

    public int size() {
        return size;
    }

    /**
     * The page at the token (null or empty: the first).
     *
     * @param clientMax the most items the client asked for, or 0 for no limit
     */
    public <T> Page<T> page(List<T> all, String token, int clientMax, BadToken badToken) {
        int from = token == null || token.isEmpty() ? 0 : offset(token, badToken);
        if (from > all.size()) {
            throw badToken.error(token);
        }
        int n = clientMax > 0 ? Math.min(size, clientMax) : size;
        int to = Math.min(all.size(), from + n);
        return new Page<>(List.copyOf(all.subList(from, to)), to < all.size() ? token(to) : null);
    }

    private static String token(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("page:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int offset(String token, BadToken badToken) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith("page:")) {
                return Integer.parseInt(text.substring(5));
            }
        } catch (IllegalArgumentException e) {
            // not one of ours
        }
        throw badToken.error(token);
    }
}
