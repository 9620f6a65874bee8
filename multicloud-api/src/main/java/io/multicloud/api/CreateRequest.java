package io.multicloud.api;

/**
 * A request to create a resource. Field values are checked when the request is built;
 * {@link #requireComplete()} checks the fields a create call needs, before any cloud is called.
 */
public interface CreateRequest extends Named {
    /** Throws {@link InvalidRequestException} naming the first missing or inconsistent field. */
    void requireComplete();
}
