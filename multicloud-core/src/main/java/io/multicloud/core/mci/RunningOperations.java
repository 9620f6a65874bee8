package io.multicloud.core.mci;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MCI operations of one engine that are making resources now. While any runs, a JVM shutdown
 * hook is registered: on Ctrl-C (SIGINT) or SIGTERM it throws every operation's stop switch and
 * waits (up to {@value #GRACE_MS} ms) for the create calls under way to come back, so that every
 * VM made is known and tagged as its MCI's, for {@code mc.mcis().get(name)} after the restart.
 */
final class RunningOperations {
    private static final Logger LOG = LoggerFactory.getLogger(RunningOperations.class);
    static final long GRACE_MS = 30_000;

    private final Set<Stop> running = ConcurrentHashMap.newKeySet();
    private Thread hook;

    /** Registers an operation; end it with {@link #end}. */
    Stop begin() {
        Stop stop = new Stop();
        synchronized (this) {
            running.add(stop);
            if (hook == null) {
                hook = new Thread(this::stopAll, "multicloud-mci-shutdown");
                try {
                    Runtime.getRuntime().addShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // the JVM is shutting down already: stop this one at once
                    hook = null;
                    stop.stop();
                }
            }
        }
        return stop;
    }

    /** The operation has ended. */
    void end(Stop stop) {
        stop.finish();
        synchronized (this) {
            running.remove(stop);
            if (running.isEmpty() && hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // shutting down: the hook runs now
                }
                hook = null;
            }
        }
    }

    private void stopAll() {
        Set<Stop> now = Set.copyOf(running);
        if (now.isEmpty()) {
            return;
        }
        LOG.warn("the JVM is shutting down during {} MCI operation(s): no new VM is made, the calls under way are awaited", now.size());
        now.forEach(Stop::stop);
        long deadline = System.currentTimeMillis() + GRACE_MS;
        for (Stop stop : now) {
            try {
                if (!stop.awaitFinished(Math.max(1, deadline - System.currentTimeMillis()))) {
                    LOG.warn("an MCI operation did not finish within {} ms of the shutdown", GRACE_MS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
