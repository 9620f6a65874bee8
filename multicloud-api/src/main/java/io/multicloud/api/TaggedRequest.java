package io.multicloud.api;

/**
 * A create request that carries tags: the library adds {@link Tagged#MANAGED} through it.
 *
 * @param <R> the request type
 */
public interface TaggedRequest<R extends TaggedRequest<R>> {
    /** A copy with one more tag. */
    R tag(String key, String value);
}
