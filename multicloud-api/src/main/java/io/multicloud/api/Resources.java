package io.multicloud.api;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * A collection of resources the user creates and deletes. Requests are validated before any
 * cloud is called.
 *
 * @param <T> the record type
 * @param <R> the create request type
 */
public interface Resources<T extends Named, R extends CreateRequest> extends Catalog<T> {
    /** Creates a resource; throws {@link AlreadyExistsException} when the name is taken. */
    T create(R request);

    /**
     * Deletes a resource and returns once the cloud no longer lists it, so that what depended
     * on it can be deleted next. Throws {@link NotFoundException} when there is none of that
     * name, {@link ConflictException} while something still uses it.
     */
    void delete(String name);

    /**
     * Waits until the named resource satisfies the condition, polling the cloud with backoff.
     * Throws {@link CloudTimeoutException} when the time runs out, {@link NotFoundException}
     * when the resource disappears.
     */
    T waitUntil(String name, Predicate<? super T> condition, Duration timeout);
}
