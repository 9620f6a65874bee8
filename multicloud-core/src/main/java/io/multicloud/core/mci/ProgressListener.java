package io.multicloud.core.mci;

/**
 * Receives the progress of long MCI operations. Called from many threads at once; keep it quick
 * and thread-safe. An exception it throws is logged and ignored: it never stops the operation.
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores everything. */
    ProgressListener NONE = event -> { };

    void on(ProgressEvent event);
}
