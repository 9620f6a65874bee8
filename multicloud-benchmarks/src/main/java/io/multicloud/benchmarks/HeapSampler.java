package io.multicloud.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/** Samples the used heap every 10 ms on a daemon thread, keeping the peak, until closed. */
final class HeapSampler implements AutoCloseable {
    private static final long PERIOD_MS = 10;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicLong peak = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    private HeapSampler() {
        sample();
        thread = Thread.ofPlatform().daemon().name("heap-sampler").start(this::loop);
    }

    /** Starts sampling now. */
    static HeapSampler start() {
        return new HeapSampler();
    }

    /** The largest used heap seen so far, in MiB. */
    long peakMb() {
        return peak.get() / (1024 * 1024);
    }

    /** Stops sampling (after one last sample) and waits for the thread to end; closing twice is harmless. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sample();
    }

    private void loop() {
        while (running) {
            sample();
            try {
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sample() {
        long used = memory.getHeapMemoryUsage().getUsed();
        peak.accumulateAndGet(used, Math::max);
    }
}
