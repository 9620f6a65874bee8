package io.multicloud.testkit.fake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Changes that happen later: an operation going PENDING → RUNNING → DONE, a VM going from
 * PROVISIONING to RUNNING. A fake schedules them with {@link #later(int, Runnable)} in <em>steps</em>;
 * what a step is depends on the pace:
 * <ul>
 *   <li>{@link #byTime(Duration)}: a step is a span of time (say 20 ms); a change happens at the
 *       first request served at or after its time;</li>
 *   <li>{@link #byRequests()}: a step is one request served, whatever the time (deterministic, for
 *       tests that count polls).</li>
 * </ul>
 * No thread sleeps and none runs in the background: due changes run, in order, just before the
 * server handles the next request, under the server's lock, so every answer sees a consistent state.
 */
public final class FakeClock {
    private record Pending(long due, long order, Runnable change) {
    }

    private final Duration step;
    private final List<Pending> pending = new ArrayList<>();
    private long requests;
    private long order;

    private FakeClock(Duration step) {
        this.step = step;
    }

    /** A clock whose step is this long. */
    public static FakeClock byTime(Duration step) {
        return new FakeClock(step);
    }

    /** A clock whose step is one request served. */
    public static FakeClock byRequests() {
        return new FakeClock(null);
    }

    /** Runs the change {@code steps} steps from now (0: before the next request). */
    public synchronized void later(int steps, Runnable change) {
        long due = step == null ? requests + steps : System.nanoTime() + step.toNanos() * steps;
        pending.add(new Pending(due, order++, change));
    }

    /** How many changes are waiting. */
    public synchronized int waiting() {
        return pending.size();
    }

    /** Counts one request and runs every change that is due. Called by the server. */
    void tick() {
        List<Pending> due;
        synchronized (this) {
            requests++;
            long now = step == null ? requests : System.nanoTime();
            due = pending.stream().filter(p -> p.due() <= now)
                    .sorted(Comparator.comparingLong(Pending::due).thenComparingLong(Pending::order)).toList();
            pending.removeAll(due);
        }
        due.forEach(p -> p.change().run());
    }
}
