package io.multicloud.driver.mock;

import io.multicloud.api.ResourceKind;
import io.multicloud.driver.mock.MockEntities.Entity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The resources of one kind in one region, by name, in creation order. Not thread-safe: used
 * under the region's lock.
 *
 * @param <E> the entity type
 */
final class NamedStore<E extends Entity> {
    private final ResourceKind kind;
    private final Map<String, E> byName = new LinkedHashMap<>();

    NamedStore(ResourceKind kind) {
        this.kind = kind;
    }

    ResourceKind kind() {
        return kind;
    }

    Optional<E> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The resource, or NotFound. */
    E get(String name, MockErrors errors) {
        E e = byName.get(name);
        if (e == null) {
            throw errors.notFound(kind, name);
        }
        return e;
    }

    /** Fails with AlreadyExists when the name is taken (also by one still being deleted). */
    void requireFree(String name, MockErrors errors) {
        if (byName.containsKey(name)) {
            throw errors.alreadyExists(kind, name, "the name is taken in this region");
        }
    }

    void add(E entity) {
        byName.put(entity.name, entity);
    }

    void remove(String name) {
        byName.remove(name);
    }

    Collection<E> all() {
        return byName.values();
    }

    List<E> where(Predicate<? super E> filter) {
        List<E> out = new ArrayList<>();
        for (E e : byName.values()) {
            if (filter.test(e)) {
                out.add(e);
            }
        }
        return out;
    }

    /** Removes the entities that match; true when any did. */
    boolean removeIf(Predicate<? super E> filter) {
        return byName.values().removeIf(filter);
    }

    void replaceAll(List<E> entities) {
        byName.clear();
        entities.forEach(this::add);
    }
}
