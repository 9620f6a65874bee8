package io.multicloud.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

/** A benchmark's {@code --name value} options, each known and with a default. */
record Options(Map<String, String> values) {

    Options {
        values = Map.copyOf(values);
    }

    /**
     * Reads {@code --name value} pairs over the defaults. An option the benchmark does not take,
     * or one without a value, is an IllegalArgumentException that says which.
     */
    static Options parse(String[] args, Map<String, String> defaults) {
        Map<String, String> values = new LinkedHashMap<>(defaults);
        for (int i = 0; i < args.length; i += 2) {
            String arg = args[i];
            if (!arg.startsWith("--") || !defaults.containsKey(arg.substring(2))) {
                throw new IllegalArgumentException("unknown option '" + arg + "'; options: " + defaults.keySet());
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + arg + " needs a value");
            }
            values.put(arg.substring(2), args[i + 1]);
        }
        return new Options(values);
    }

    /** An integer option, at least {@code min}. */
    int integer(String name, int min) {
        String text = values.get(name);
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " takes a whole number, not '" + text + "'");
        }
        if (value < min) {
            throw new IllegalArgumentException("--" + name + " must be at least " + min + ", not " + value);
        }
        return value;
    }

    /** A long option (seeds). */
    long longValue(String name) {
        String text = values.get(name);
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " takes a whole number, not '" + text + "'");
        }
    }
}
