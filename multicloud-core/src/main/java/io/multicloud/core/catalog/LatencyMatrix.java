package io.multicloud.core.catalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Round-trip times in ms between cloud regions (CB-Tumblebug's measured matrix), keyed
 * {@code provider-region} ({@code aws-ap-northeast-2}). Immutable. A pair it does not hold is
 * NaN: unknown, never guessed from distance.
 */
public final class LatencyMatrix {
    private static final LatencyMatrix EMPTY = new LatencyMatrix(List.of(), new float[0]);

    private final List<String> keys;
    private final Map<String, Integer> index = new HashMap<>();
    private final float[] ms;

    /**
     * A matrix over these keys; {@code ms[i * n + j]} is from key i to key j, NaN when unknown.
     */
    public LatencyMatrix(List<String> keys, float[] ms) {
        this.keys = List.copyOf(keys);
        if (ms.length != keys.size() * keys.size()) {
            throw new IllegalArgumentException("a " + keys.size() + "-key matrix needs " + keys.size() * keys.size()
                    + " values, not " + ms.length);
        }
        this.ms = ms.clone();
        for (int i = 0; i < this.keys.size(); i++) {
            index.put(this.keys.get(i).toLowerCase(Locale.ROOT), i);
        }
    }

    /** A matrix that knows no pair. */
    public static LatencyMatrix empty() {
        return EMPTY;
    }

    /** The key of a place: {@code provider-region}, lower case. */
    public static String key(String provider, String region) {
        return (provider + "-" + region).toLowerCase(Locale.ROOT);
    }

    /** Every key, in matrix order. */
    public List<String> keys() {
        return keys;
    }

    /** The index of a key, or -1. */
    public int indexOf(String key) {
        Integer i = index.get(key.toLowerCase(Locale.ROOT));
        return i == null ? -1 : i;
    }

    /** Round trip in ms between two indexes; NaN when unknown. */
    public double ms(int from, int to) {
        if (from < 0 || to < 0) {
            return Double.NaN;
        }
        return ms[from * keys.size() + to];
    }

    /** Round trip in ms between two places; NaN when either is not in the matrix or the pair is empty. */
    public double ms(String fromKey, String toKey) {
        return ms(indexOf(fromKey), indexOf(toKey));
    }

    /**
     * The matrix indexes a user's region names: a full key ({@code aws-ap-northeast-2}), a
     * {@code provider+region} or {@code provider:region}, or a bare region name, which means every
     * provider's region of that name ({@code ap-northeast-2}: AWS's and Alibaba's Seoul). Empty when
     * nothing matches.
     */
    public int[] resolve(String userRegion) {
        String r = userRegion.trim().toLowerCase(Locale.ROOT).replace('+', '-').replace(':', '-');
        Integer exact = index.get(r);
        if (exact != null) {
            return new int[] {exact};
        }
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            String k = keys.get(i).toLowerCase(Locale.ROOT);
            int dash = k.indexOf('-');
            if (dash > 0 && k.substring(dash + 1).equals(r)) {
                found.add(i);
            }
        }
        return found.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The raw values (a copy), row-major. */
    public float[] values() {
        return ms.clone();
    }

    /** How many keys. */
    public int size() {
        return keys.size();
    }

    /** The keys that share the provider of a key, for "did you mean" messages. */
    List<String> sample(int n) {
        List<String> copy = new ArrayList<>(keys);
        Collections.sort(copy);
        return copy.subList(0, Math.min(n, copy.size()));
    }

    @Override
    public String toString() {
        long known = 0;
        for (float f : ms) {
            if (!Float.isNaN(f)) {
                known++;
            }
        }
        return "LatencyMatrix[" + keys.size() + " regions, " + known + " known pairs]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LatencyMatrix m && m.keys.equals(keys) && Arrays.equals(m.ms, ms);
    }

    @Override
    public int hashCode() {
        return keys.hashCode() * 31 + Arrays.hashCode(ms);
    }
}
