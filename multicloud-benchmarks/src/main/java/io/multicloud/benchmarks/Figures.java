package io.multicloud.benchmarks;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The figures of a run, printed as one line of {@code key=value} pairs in the order they were put. */
final class Figures {
    private final Map<String, String> values = new LinkedHashMap<>();

    /** Adds a whole number. */
    Figures put(String key, long value) {
        values.put(key, Long.toString(value));
        return this;
    }

    /** Adds a number with two decimals (a dot, whatever the locale). */
    Figures put(String key, double value) {
        values.put(key, String.format(Locale.ROOT, "%.2f", value));
        return this;
    }

    /** Adds a word (no spaces). */
    Figures put(String key, String value) {
        values.put(key, value.replace(' ', '_'));
        return this;
    }

    /** The line: {@code key=value key=value ...}. */
    String line() {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    @Override
    public String toString() {
        return line();
    }
}
