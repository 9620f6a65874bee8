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

    /**
     * The one with this name, or else with this cloud id (a resource the account holds is found
     * by either); override when the cloud can look up cheaply.
     */
    default Optional<T> find(String nameOrId) {
        List<T> all = list();
        return all.stream().filter(t -> t.name().equals(nameOrId)).findFirst()
                .or(() -> all.stream().filter(t -> nameOrId.equals(t.id())).findFirst());
    }
}
