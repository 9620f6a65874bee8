package io.multicloud.testkit.fake;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Every exchange a {@link FakeServer} served, in order, to count the calls a driver makes
 * ({@code log.count("compute.instances.list")}). Thread-safe.
 */
public final class RequestLog {
    /**
     * One exchange.
     *
     * @param route the route's name, or null when no route matched
     * @param fault what a fault did to it ({@code refused}, {@code lost}), or null
     */
    public record Entry(String method, String path, String query, String route, int status, String fault) {
    }

    private final List<Entry> entries = new ArrayList<>();

    synchronized void add(Entry entry) {
        entries.add(entry);
    }

    /** A copy of every entry so far. */
    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** How many exchanges the named route answered. */
    public int count(String route) {
        return count(e -> route.equals(e.route()));
    }

    /** How many exchanges match. */
    public synchronized int count(Predicate<Entry> which) {
        return (int) entries.stream().filter(which).count();
    }

    /** How many exchanges in all. */
    public synchronized int size() {
        return entries.size();
    }

    /** Forgets every entry (to count the calls of one step of a test). */
    public synchronized void clear() {
        entries.clear();
    }
}
