package io.multicloud.spi;

import io.multicloud.api.CreateRequest;
import io.multicloud.api.Named;

/**
 * Create and delete for one kind of resource. Requests arrive validated and complete.
 * A name already taken is {@link io.multicloud.api.AlreadyExistsException}; a missing name on
 * delete is {@link io.multicloud.api.NotFoundException}.
 *
 * @param <T> the record type
 * @param <R> the request type
 */
public interface ResourceService<T extends Named, R extends CreateRequest> extends CatalogService<T> {
    /** Creates the resource and returns it as the cloud reports it right after. */
    T create(R request);

    /** Deletes the resource (for VMs: starts termination). */
    void delete(String name);
}
