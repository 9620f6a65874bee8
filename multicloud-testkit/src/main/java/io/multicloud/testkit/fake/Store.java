package io.multicloud.testkit.fake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One kind of resource of a fake, by key (a name, or a scope and a name such as
 * {@code zone/instance}), in creation order. Not synchronized: a {@link FakeServer} answers one
 * request at a time. Ids are numbers as strings, unique per store and never reused.
 *
 * @param <T> the resource's state
 */
public final class Store<T> {
    private final Map<String, T> items = new LinkedHashMap<>();
    private final AtomicLong ids;

    /** A store whose ids start above {@code firstId} (a cloud's ids have their own length). */
    public Store(long firstId) {
        this.ids = new AtomicLong(firstId);
    }

    public Store() {
        this(1000);
    }

    /** A new id. */
    public String nextId() {
        return Long.toString(ids.incrementAndGet());
    }

    public Optional<T> find(String key) {
        return Optional.ofNullable(items.get(key));
    }

    /** The item, or the error the supplier makes (the cloud's 404). */
    public T require(String key, Supplier<FakeError> notFound) {
        T item = items.get(key);
        if (item == null) {
            throw notFound.get();
        }
        return item;
    }

    /** Adds an item; a key already present is the error the supplier makes (the cloud's 409). */
    public T insert(String key, T item, Supplier<FakeError> taken) {
        if (items.containsKey(key)) {
            throw taken.get();
        }
        items.put(key, item);
        return item;
    }

    public void put(String key, T item) {
        items.put(key, item);
    }

    public Optional<T> remove(String key) {
        return Optional.ofNullable(items.remove(key));
    }

    public boolean contains(String key) {
        return items.containsKey(key);
    }

    /** Every item, in creation order. */
    public List<T> values() {
        return new ArrayList<>(items.values());
    }

    /** The items that match, in creation order. */
    public List<T> values(Predicate<? super T> which) {
        return items.values().stream().filter(which).toList();
    }

    public int size() {
        return items.size();
    }

    public void clear() {
        items.clear();
    }
}
