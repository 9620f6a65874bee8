package io.multicloud.spi;

import io.multicloud.api.Named;
import java.util.List;
import java.util.Optional;

/**
 * Read access to one kind of resource.
 *
 * @param <T> the record type
 */
public interface CatalogService<T extends Named> {
    /** Everything of this kind. */
    List<T> list();

    /** The one with this name; override when the cloud can look up by name cheaply. */
    default Optional<T> find(String name) {
        return list().stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
