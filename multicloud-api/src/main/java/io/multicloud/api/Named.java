package io.multicloud.api;

/** Anything a user looks up by name: every model record. */
public interface Named {
    /**
     * The user's name for the resource (for catalog entries, the cloud's own name). A resource
     * the library did not make and that carries no valid name of its own is named by its cloud id.
     */
    String name();

    /** The cloud's own id of the resource; the name where the cloud has no other id. */
    default String id() {
        return name();
    }
}
