package io.multicloud.api;

/** Anything a user looks up by name: every model record. */
public interface Named {
    /** The user's name for the resource (for catalog entries, the cloud's own name). */
    String name();
}
