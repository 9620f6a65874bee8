package io.multicloud.core.mci;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The stop switch of one running MCI operation that makes resources (create, scale-out): once
 * thrown (the caller was interrupted, or the JVM is shutting down on Ctrl-C), no new create call
 * starts, waits end at once, and the calls under way finish, so that what was made is known and
 * is part of the MCI. Its latch tells a shutdown hook when the operation has finished.
 */
final class Stop {
    private volatile boolean stopped;
    private final Set<CompletableFuture<?>> waits = ConcurrentHashMap.newKeySet();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final java.util.concurrent.atomic.AtomicReference<VmProvisioner.NameTaken> nameTaken =
            new java.util.concurrent.atomic.AtomicReference<>();

    private final java.util.List<VmProvisioner.Plan> contested = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Whether the operation was told to stop. */
    boolean stopped() {
        return stopped;
    }

    /** Stops the operation: no new create starts, and every wait ends. */
    void stop() {
        stopped = true;
        waits.forEach(w -> w.cancel(false));
    }

    /** A wait to end when the operation stops; call {@link #forget} when it is over. */
    void watch(CompletableFuture<?> wait) {
        waits.add(wait);
        if (stopped) {
            wait.cancel(false);
        }
    }

    void forget(CompletableFuture<?> wait) {
        waits.remove(wait);
    }

    /** The creation lost its name to another MCI: it stops, and undoes what it made. */
    void nameTaken(VmProvisioner.NameTaken e) {
        nameTaken.compareAndSet(null, e);
        stop();
    }

    /**
     * A VM name of this MCI that a concurrent creation (same owner, other creation id) made first:
     * not a loss yet. Which creation keeps the name is decided when both have made what they could.
     */
    void contested(VmProvisioner.Plan plan) {
        contested.add(plan);
    }

    /** The VMs whose names a concurrent creation made first. */
    java.util.List<VmProvisioner.Plan> contested() {
        return java.util.List.copyOf(contested);
    }

    /** Why the creation lost its name, if it did. */
    java.util.Optional<VmProvisioner.NameTaken> nameTaken() {
        return java.util.Optional.ofNullable(nameTaken.get());
    }

    /** The operation has ended. */
    void finish() {
        finished.countDown();
    }

    /** Waits until the operation has ended, at most this long; false when it had not. */
    boolean awaitFinished(long millis) throws InterruptedException {
        return finished.await(millis, TimeUnit.MILLISECONDS);
    }
}
