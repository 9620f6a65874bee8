package io.multicloud.driver.mock;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How one connection's calls behave before they reach the cloud's state: a latency slept
 * first, a token-bucket rate limit (GCRA, lock-free: a burst of {@code rate} calls, refilled
 * at {@code rate} per second) that answers Throttled, injected faults; and how VMs created
 * through it behave: the transition time, VMs told to fail after being accepted, and who
 * serves their SSH. Thread-safe.
 */
final class MockBehaviour {
    private volatile Duration latency = Duration.ZERO;
    private volatile int ratePerSecond;
    private final AtomicLong theoreticalArrival = new AtomicLong(System.nanoTime());
    private final MockFaults faults = new MockFaults();
    private final AtomicInteger vmsToFail = new AtomicInteger();
    private volatile Duration transition;
    private volatile MockSshHosting sshHosting;

    MockBehaviour(Duration transition) {
        this.transition = transition;
    }

    void latency(Duration value) {
        latency = value;
    }

    Duration latency() {
        return latency;
    }

    void rateLimit(int callsPerSecond) {
        theoreticalArrival.set(System.nanoTime());
        ratePerSecond = callsPerSecond;
    }

    MockFaults faults() {
        return faults;
    }

    void failVmsAfterAccept(int count) {
        vmsToFail.set(count);
    }

    /** Whether the VM being created now is one of those told to fail. */
    boolean takeVmFailure() {
        return vmsToFail.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    void transition(Duration value) {
        transition = value;
    }

    long transitionMs() {
        return transition.toMillis();
    }

    void sshHosting(MockSshHosting hosting) {
        sshHosting = hosting;
    }

    /** Who serves the SSH of VMs created from now on, or null for nobody. */
    MockSshHosting sshHosting() {
        return sshHosting;
    }

    /** Sleeps the latency; false when interrupted. */
    boolean sleepLatency() {
        Duration d = latency;
        if (d.isZero()) {
            return true;
        }
        try {
            Thread.sleep(d);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Takes a token; false when the call is over the rate limit. */
    boolean tryAcquire() {
        int rate = ratePerSecond;
        if (rate <= 0) {
            return true;
        }
        long interval = 1_000_000_000L / rate;
        long tolerance = interval * (rate - 1);
        while (true) {
            long now = System.nanoTime();
            long tat = theoreticalArrival.get();
            long base = tat - now > 0 ? tat : now;
            if (base - now > tolerance) {
                return false;
            }
            if (theoreticalArrival.compareAndSet(tat, base + interval)) {
                return true;
            }
        }
    }
}
