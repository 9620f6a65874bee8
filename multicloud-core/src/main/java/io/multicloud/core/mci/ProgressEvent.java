package io.multicloud.core.mci;

import io.multicloud.api.ResourceKind;
import java.time.Duration;

/**
 * What a long MCI operation is doing, one event per step of one resource: enough for a progress
 * bar (count {@link Done} and {@link Failed} against the {@link Planned} total).
 */
public sealed interface ProgressEvent {
    /** The MCI the operation works on. */
    String mci();

    /** The operation has worked out how many steps it will take. */
    record Planned(String mci, String operation, int steps) implements ProgressEvent {
    }

    /** A step started: creating, deleting, suspending... a resource. */
    record Started(String mci, String action, ResourceKind kind, String name, String connection) implements ProgressEvent {
    }

    /** A step finished well. */
    record Done(String mci, String action, ResourceKind kind, String name, String connection) implements ProgressEvent {
    }

    /** A step failed and will be tried again after a pause. */
    record Retried(String mci, String action, ResourceKind kind, String name, String connection, int attempt,
                   String reason, Duration pause) implements ProgressEvent {
    }

    /** A step failed for good. */
    record Failed(String mci, String action, ResourceKind kind, String name, String connection, String reason)
            implements ProgressEvent {
    }
}
