package io.multicloud.core.mci;

import io.multicloud.api.Cloud;
import io.multicloud.api.ResourceKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends one MCI operation's progress to the user's listener, which may never break the operation. */
final class Progress {
    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);

    private final String mci;
    private final ProgressListener listener;

    Progress(String mci, ProgressListener listener) {
        this.mci = mci;
        this.listener = listener == null ? ProgressListener.NONE : listener;
    }

    void planned(String operation, int steps) {
        send(new ProgressEvent.Planned(mci, operation, steps));
    }

    void started(String action, ResourceKind kind, String name, Cloud cloud) {
        send(new ProgressEvent.Started(mci, action, kind, name, cloud.config().name()));
    }

    void done(String action, ResourceKind kind, String name, Cloud cloud) {
        send(new ProgressEvent.Done(mci, action, kind, name, cloud.config().name()));
    }

    void failed(String action, ResourceKind kind, String name, Cloud cloud, Exception error) {
        send(new ProgressEvent.Failed(mci, action, kind, name, cloud.config().name(), error.getMessage()));
    }

    /** A retry listener that reports each retry as {@link ProgressEvent.Retried}. */
    Retry.Listener retries(String action, ResourceKind kind, String name, Cloud cloud) {
        return (attempt, error, pause) -> send(new ProgressEvent.Retried(mci, action, kind, name, cloud.config().name(),
                attempt, error.getMessage(), pause));
    }

    private void send(ProgressEvent event) {
        try {
            listener.on(event);
        } catch (RuntimeException e) {
            LOG.warn("progress listener failed on {}: {}", event, e.toString());
        }
    }
}
