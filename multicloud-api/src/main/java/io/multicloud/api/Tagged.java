package io.multicloud.api;

import java.util.Map;

/**
 * A resource that carries tags. What this library creates carries {@value #MANAGED}{@code =true}
 * besides the user's tags (the library adds it to every create), so that a resource the account
 * held before, or that someone else made, is told apart: {@link Resources#delete} refuses those,
 * and {@link Resources#forceDelete} deletes them when that is what is meant.
 */
public interface Tagged extends Named {
    /** The tag that marks what this library created. */
    String MANAGED = "multicloud:managed";

    /** Its tags. */
    Map<String, String> tags();

    /** Whether this library created it (it carries {@value #MANAGED}{@code =true}). */
    default boolean managed() {
        return "true".equals(tags().get(MANAGED));
    }
}
