package io.multicloud.api;

import java.util.List;
import java.util.Optional;

/**
 * A read-only collection of one kind on a connection (regions, images, specs, prices), and the
 * base of every other collection.
 *
 * @param <T> the record type
 */
public interface Catalog<T extends Named> {
    /** Everything of this kind on the connection, as an immutable list. */
    List<T> list();

    /** The one with this name, if it exists. */
    Optional<T> find(String name);

    /** The one with this name; throws {@link NotFoundException} when there is none. */
    T get(String name);
}
