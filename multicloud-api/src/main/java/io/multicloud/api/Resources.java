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
     * Deletes a resource this library created (it carries {@link Tagged#MANAGED}) and returns once
     * the cloud no longer lists it, so that what depended on it can be deleted next. Throws
     * {@link NotFoundException} when there is none of that name (or cloud id),
     * {@link ConflictException} while something still uses it, and {@link ConflictException} for a
     * resource the library did not make (one the account held before, or someone else's): nothing
     * in an account is deleted by accident. {@link #forceDelete} deletes those.
     */
    void delete(String name);

    /**
     * Deletes a resource whoever made it (one the account held before this library, or one whose
     * cloud cannot carry the {@link Tagged#MANAGED} tag, such as an OpenStack key pair), as
     * {@link #delete} does otherwise.
     */
    void forceDelete(String name);

    /**
     * Waits until the named resource satisfies the condition, polling the cloud with backoff.
     * Throws {@link CloudTimeoutException} when the time runs out, {@link NotFoundException}
     * when the resource disappears.
     */
    T waitUntil(String name, Predicate<? super T> condition, Duration timeout);
}
