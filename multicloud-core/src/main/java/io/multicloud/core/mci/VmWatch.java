package io.multicloud.core.mci;

import io.multicloud.api.Cloud;
import io.multicloud.api.CloudException;
import io.multicloud.api.CloudTimeoutException;
import io.multicloud.api.ConflictException;
import io.multicloud.api.ErrorContext;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Vm;
import io.multicloud.api.VmStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for many MCI VMs of one connection at once: one listing of the connection's MCI VMs per
 * round answers every wait on it (never a call per VM). A round follows the last after an eighth
 * of the age of the youngest wait (5 ms to 2 s), so a VM that boots in 200 ms is seen within
 * about 30 ms of it and a long wait asks every 2 s; and never sooner than the time the last
 * round took, so that listings never take more than half a thread however busy the machine; and
 * never within 5 ms of a new wait. The first round for a burst of creates waits until the
 * burst's create calls have all returned (up to 2 s; see {@link #creating}), so that it is in
 * step with the boot of the burst's last VM: a round taken while some creates were still under
 * way sampled their VMs' boots a few ms short in every round, and saw them one round late. A VM
 * the listing does not show yet is waited for (clouds list a new VM late); a VM waited for to be
 * gone is gone when the listing no longer shows it, or shows it TERMINATED. A listing that fails with a retryable error is tried again in
 * the next round; five in a row, or any other error, fail the waits of that round.
 */
final class VmWatch {
    private static final Logger LOG = LoggerFactory.getLogger(VmWatch.class);
    private static final long MIN_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long MAX_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final int FAILURES_IN_A_ROW = 5;

    private final Map<String, Poller> pollers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> creating = new ConcurrentHashMap<>();
    private final Map<String, List<Vm>> lastListing = new ConcurrentHashMap<>();

    /** The MCI VMs a connection listed in its latest round, if it had one. */
    Optional<List<Vm>> lastListing(String connection) {
        return Optional.ofNullable(lastListing.get(connection));
    }

    /** A VM create call under way on a connection; closing it says the call has returned (or failed). */
    interface Creating extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Tells the watch that a VM create call starts on the connection, so that the first round of a
     * burst waits for the burst's other calls (close it when the call has returned, before waiting).
     */
    Creating creating(Cloud cloud) {
        String connection = cloud.config().name();
        AtomicInteger count = creating.computeIfAbsent(connection, k -> new AtomicInteger());
        count.incrementAndGet();
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true) && count.decrementAndGet() == 0) {
                Poller poller = pollers.get(connection);
                if (poller != null) {
                    poller.wake();
                }
            }
        };
    }

    /** Waits until the VM has the status; FAILED ends a wait for another status with a ConflictException. */
    Vm untilStatus(Cloud cloud, String name, VmStatus status, Duration timeout, Stop stop) {
        Optional<Vm> seen = await(cloud, name, timeout, stop, "to be " + status.display(), v -> {
            if (v.isEmpty()) {
                return false;
            }
            Vm vm = v.get();
            if (vm.status() == VmStatus.FAILED && status != VmStatus.FAILED) {
                throw new ConflictException(ErrorContext.of(cloud.config().name(), ResourceKind.VM, name),
                        "is FAILED and will not become " + status.display()
                                + (vm.statusReason() == null ? "" : ": " + vm.statusReason()));
            }
            return vm.status() == status;
        });
        return seen.orElseThrow();
    }

    /** Waits until the cloud no longer lists the VM (or lists it TERMINATED). */
    void untilGone(Cloud cloud, String name, Duration timeout) {
        await(cloud, name, timeout, null, "to be gone", v -> v.isEmpty() || v.get().status() == VmStatus.TERMINATED);
    }

    /**
     * Waits until {@code done} accepts what a round lists for the VM (empty: not listed). A thrown
     * {@code stop} (may be null) ends the wait with a CloudException.
     */
    Optional<Vm> await(Cloud cloud, String name, Duration timeout, Stop stop, String what, Predicate<Optional<Vm>> done) {
        Waiter waiter = new Waiter(name, done, System.nanoTime(), System.nanoTime() + timeout.toNanos(), what, timeout,
                new CompletableFuture<>());
        if (stop != null) {
            stop.watch(waiter.result);
        }
        pollers.compute(cloud.config().name(), (k, p) -> p == null || p.finished()
                        ? new Poller(k, lastListing, creating.computeIfAbsent(k, c -> new AtomicInteger())) : p)
                .add(cloud, waiter);
        try {
            return waiter.result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            waiter.result.cancel(false);
            throw new CloudException(ErrorContext.of(cloud.config().name(), ResourceKind.VM, name), "interrupted while waiting "
                    + what, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (CancellationException e) {
            throw new CloudException(ErrorContext.of(cloud.config().name(), ResourceKind.VM, name), "stopped waiting " + what
                    + ": the operation was stopped");
        } finally {
            if (stop != null) {
                stop.forget(waiter.result);
            }
        }
    }

    /** One VM someone waits for. */
    private record Waiter(String vm, Predicate<Optional<Vm>> done, long since, long deadline, String what, Duration timeout,
                          CompletableFuture<Optional<Vm>> result) {
    }

    /** The rounds of one connection, on a virtual thread that ends when nobody waits. */
    private static final class Poller {
        private final String connection;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition arrived = lock.newCondition();
        private final List<Waiter> waiters = new ArrayList<>();
        private final Map<String, List<Vm>> lastListing;
        private final AtomicInteger creating;
        private Cloud cloud;
        private boolean running;
        private boolean finished;

        Poller(String connection, Map<String, List<Vm>> lastListing, AtomicInteger creating) {
            this.connection = connection;
            this.lastListing = lastListing;
            this.creating = creating;
        }

        /** Re-reads when the next round may start (the creates under way have all returned). */
        void wake() {
            lock.lock();
            try {
                arrived.signal();
            } finally {
                lock.unlock();
            }
        }

        boolean finished() {
            lock.lock();
            try {
                return finished;
            } finally {
                lock.unlock();
            }
        }

        void add(Cloud latest, Waiter waiter) {
            lock.lock();
            try {
                cloud = latest;
                waiters.add(waiter);
                if (!running) {
                    running = true;
                    finished = false;
                    Thread.ofVirtual().name("mci-watch-" + connection).start(this::run);
                } else {
                    arrived.signal();
                }
            } finally {
                lock.unlock();
            }
        }

        private void run() {
            int failures = 0;
            long lastRound = 0;
            long lastCost = 0;
            while (true) {
                List<Waiter> current;
                Cloud target;
                lock.lock();
                try {
                    waiters.removeIf(w -> w.result.isDone());
                    if (waiters.isEmpty()) {
                        running = false;
                        finished = true;
                        return;
                    }
                    // Rounds are at least MIN_PAUSE apart; a new wait shortens a long pause.
                    long wake = nextRound(lastRound, lastCost);
                    long now = System.nanoTime();
                    if (now < wake) {
                        try {
                            arrived.awaitNanos(wake - now);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        if (System.nanoTime() < nextRound(lastRound, lastCost)) {
                            continue;
                        }
                    }
                    current = List.copyOf(waiters);
                    target = cloud;
                } finally {
                    lock.unlock();
                }
                lastRound = System.nanoTime();
                List<Vm> listed;
                try {
                    listed = target.vms().listTagged(MciTags.MCI, null);
                    lastListing.put(connection, listed);
                    failures = 0;
                } catch (CloudException e) {
                    failures++;
                    if (!e.retryable() || failures >= FAILURES_IN_A_ROW) {
                        current.forEach(w -> w.result.completeExceptionally(e));
                    } else {
                        LOG.debug("listing the MCI VMs of {} failed ({}), tried again next round", connection, e.getMessage());
                    }
                    continue;
                } catch (RuntimeException e) {
                    current.forEach(w -> w.result.completeExceptionally(e));
                    continue;
                }
                Map<String, Vm> byName = new HashMap<>();
                listed.forEach(v -> byName.put(v.name(), v));
                long now = System.nanoTime();
                // A round that costs much (a large listing, a busy machine) is not repeated at once.
                lastCost = now - lastRound;
                for (Waiter w : current) {
                    Optional<Vm> seen = Optional.ofNullable(byName.get(w.vm));
                    try {
                        if (w.done.test(seen)) {
                            w.result.complete(seen);
                        } else if (now >= w.deadline) {
                            w.result.completeExceptionally(new CloudTimeoutException(
                                    ErrorContext.of(connection, ResourceKind.VM, w.vm), "still not " + w.what.replaceFirst("^to ", "")
                                    + " after " + w.timeout + (seen.isEmpty() ? " (not listed)" : " (it is " + seen.get().status().display() + ")")));
                        }
                    } catch (RuntimeException e) {
                        w.result.completeExceptionally(e);
                    }
                }
            }
        }

        /**
         * When the next round may start (under the lock): a pause after the last one; never within
         * the least pause of the youngest wait's start; and, while create calls are under way on the
         * connection and no round has yet answered any of the waits, not before they have returned
         * (at most the longest pause after the oldest wait). The creates of one connection return
         * over several ms, or tens on a busy machine; a round taken before the last had returned
         * sampled its VM's boot a few ms short in every round, and saw it one round late.
         */
        private long nextRound(long lastRound, long lastCost) {
            long now = System.nanoTime();
            LongSummaryStatistics since = waiters.stream().mapToLong(Waiter::since).summaryStatistics();
            long youngest = since.getCount() == 0 ? now : since.getMax();
            // An eighth of the youngest wait's age, within 5 ms and 2 s, and never less than the last round took.
            long pause = Math.max(Math.clamp((now - youngest) / 8, MIN_PAUSE_NANOS, MAX_PAUSE_NANOS), lastCost);
            long next = Math.max(lastRound + pause, youngest + MIN_PAUSE_NANOS);
            long oldest = since.getCount() == 0 ? now : since.getMin();
            if (creating.get() > 0 && lastRound < oldest) {
                next = Math.max(next, oldest + MAX_PAUSE_NANOS);
            }
            return next;
        }
    }
}
