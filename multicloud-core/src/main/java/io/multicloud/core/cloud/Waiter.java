package io.multicloud.core.cloud;

import io.multicloud.api.CloudException;
import io.multicloud.api.CloudTimeoutException;
import io.multicloud.api.ErrorContext;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Polls the cloud until a condition holds, with growing pauses (20 ms up to 2 s) so that a
 * fast mock answers quickly and a real cloud is not flooded.
 */
final class Waiter {
    private static final long FIRST_PAUSE_MS = 20;
    private static final long MAX_PAUSE_MS = 2000;

    /** What one look at the resource decided. */
    sealed interface Verdict<T> {
        record Done<T>(T value) implements Verdict<T> {
        }

        record Again<T>() implements Verdict<T> {
        }
    }

    private Waiter() {
    }

    /**
     * Looks with {@code probe} until {@code decide} says done (or throws), or the time is up.
     *
     * @param what what is awaited, for the timeout message
     */
    static <T, R> R await(Supplier<Optional<T>> probe, Function<Optional<T>, Verdict<R>> decide, Duration timeout,
                          ErrorContext context, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_PAUSE_MS;
        while (true) {
            if (decide.apply(probe.get()) instanceof Verdict.Done<R> done) {
                return done.value();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new CloudTimeoutException(context, "still not " + what + " after " + timeout);
            }
            sleep(Math.min(pause, Math.max(1, left / 1_000_000)), context);
            pause = Math.min(pause * 2, MAX_PAUSE_MS);
        }
    }

    private static void sleep(long millis, ErrorContext context) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CloudException(context, "interrupted while waiting", e);
        }
    }
}
