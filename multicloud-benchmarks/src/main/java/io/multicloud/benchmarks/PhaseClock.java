package io.multicloud.benchmarks;

import io.multicloud.api.ResourceKind;
import io.multicloud.core.mci.ProgressEvent;
import io.multicloud.core.mci.ProgressListener;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hears an MCI creation's progress and keeps when its phases ended, in ms after {@link #start}:
 * the first and last shared network resource made, the first and last VM create started, and the last
 * VM seen running. Thread-safe: events come from many threads.
 */
final class PhaseClock implements ProgressListener {
    private volatile long startNanos = System.nanoTime();
    private final AtomicLong firstSharedReady = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong sharedReady = new AtomicLong(-1);
    private final AtomicLong firstVmStarted = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastVmStarted = new AtomicLong(-1);
    private final AtomicLong firstVmRunning = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastVmRunning = new AtomicLong(-1);

    /** Sets time zero. */
    void start() {
        startNanos = System.nanoTime();
    }

    @Override
    public void on(ProgressEvent event) {
        long at = (System.nanoTime() - startNanos) / 1_000_000;
        switch (event) {
            case ProgressEvent.Started s when s.kind() == ResourceKind.VM && s.action().equals("create") -> {
                firstVmStarted.accumulateAndGet(at, Math::min);
                lastVmStarted.accumulateAndGet(at, Math::max);
            }
            case ProgressEvent.Done d when d.kind() == ResourceKind.VM && d.action().equals("create") -> {
                firstVmRunning.accumulateAndGet(at, Math::min);
                lastVmRunning.accumulateAndGet(at, Math::max);
            }
            case ProgressEvent.Done d when d.action().equals("create") -> {
                firstSharedReady.accumulateAndGet(at, Math::min);
                sharedReady.accumulateAndGet(at, Math::max);
            }
            default -> {
                // Other events do not mark a phase.
            }
        }
    }

    /** When the last shared resource was made (-1 when all were found). */
    long sharedReadyMs() {
        return sharedReady.get();
    }

    /** The phases, for people. */
    String summary() {
        return "shared network resources made " + shown(firstSharedReady.get()) + ".." + sharedReady.get() + ", VM creates started " + shown(firstVmStarted.get()) + ".."
                + lastVmStarted.get() + ", VMs running " + shown(firstVmRunning.get()) + ".." + lastVmRunning.get();
    }

    private static String shown(long value) {
        return value == Long.MAX_VALUE ? "-" : Long.toString(value);
    }
}
