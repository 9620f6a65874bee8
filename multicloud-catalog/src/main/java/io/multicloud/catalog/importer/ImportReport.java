package io.multicloud.catalog.importer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** What an import read, made and left out, with reasons: printed by catalog-import, checked by the tests. */
public final class ImportReport {
    private final Map<String, Integer> offers = new LinkedHashMap<>();
    private final Map<String, Integer> skipped = new TreeMap<>();
    private final Map<String, Integer> facts = new TreeMap<>();

    void offers(String source, int n) {
        offers.merge(source, n, Integer::sum);
    }

    void skip(String reason) {
        skipped.merge(reason, 1, Integer::sum);
    }

    void fact(String what) {
        fact(what, 1);
    }

    void fact(String what, int n) {
        facts.merge(what, n, Integer::sum);
    }

    /** Offers made per source file. */
    public Map<String, Integer> offers() {
        return Map.copyOf(offers);
    }

    /** Rows left out, by reason. */
    public Map<String, Integer> skipped() {
        return Map.copyOf(skipped);
    }

    /** How often each trap of the data was met and handled. */
    public Map<String, Integer> facts() {
        return Map.copyOf(facts);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("offers per source:\n");
        offers.forEach((k, v) -> b.append("  ").append(k).append(": ").append(v).append('\n'));
        b.append("handled:\n");
        facts.forEach((k, v) -> b.append("  ").append(k).append(": ").append(v).append('\n'));
        b.append("left out:\n");
        skipped.forEach((k, v) -> b.append("  ").append(k).append(": ").append(v).append('\n'));
        return b.toString();
    }
}
