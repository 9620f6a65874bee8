package io.multicloud.core.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Strings coded as small ints, in order of first appearance (code 0 is always the empty string). */
final class Dict {
    private final List<String> values = new ArrayList<>();
    private final Map<String, Integer> codes = new HashMap<>();

    Dict() {
        code("");
    }

    int code(String value) {
        String v = value == null ? "" : value;
        Integer c = codes.get(v);
        if (c == null) {
            c = values.size();
            values.add(v);
            codes.put(v, c);
        }
        return c;
    }

    /** The code, or -1 when the value was never coded. */
    int find(String value) {
        Integer c = codes.get(value == null ? "" : value);
        return c == null ? -1 : c;
    }

    String value(int code) {
        return values.get(code);
    }

    int size() {
        return values.size();
    }

    String[] toArray() {
        return values.toArray(String[]::new);
    }
}
