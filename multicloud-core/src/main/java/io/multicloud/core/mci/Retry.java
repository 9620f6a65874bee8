package io.multicloud.core.mci;

import io.multicloud.api.CloudException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Runs a cloud call again when it fails with a retryable error ({@code Throttled},
 * {@code TransientCloudError}: {@link CloudException#retryable()}), after a pause that doubles
 * each time from {@code base} up to {@code cap}, with full jitter (a random pause between zero
 * and that bound) so that many VMs throttled together do not come back together. Any other
 * error is thrown at once.
 *
 * @param attempts how many times a call is made at most
 * @param base the bound of the first pause
 * @param cap the largest bound
 */
public record Retry(int attempts, Duration base, Duration cap) {

    /** Six attempts, pauses bounded by 50 ms, 100 ms, ... up to 5 s. */
    public static final Retry DEFAULT = new Retry(6, Duration.ofMillis(50), Duration.ofSeconds(5));

    public Retry {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
    }

    /** What each retry tells: the attempt that failed (1-based), the error, and the pause before the next. */
    @FunctionalInterface
    public interface Listener {
        void retrying(int failedAttempt, CloudException error, Duration pause);
    }

    /** Runs the call, retrying retryable errors. */
    public <T> T call(Supplier<T> call, Listener listener) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (CloudException e) {
                if (!e.retryable() || attempt >= attempts) {
                    throw e;
                }
                Duration pause = pause(attempt);
                listener.retrying(attempt, e, pause);
                sleep(pause, e);
            }
        }
    }

    /** The pause after a failed attempt: uniform in [0, min(cap, base * 2^(attempt-1))]. */
    Duration pause(int failedAttempt) {
        long bound = Math.min(cap.toMillis(), base.toMillis() << Math.min(failedAttempt - 1, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(bound + 1));
    }

    private static void sleep(Duration pause, CloudException cause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cause.addSuppressed(e);
            throw cause;
        }
    }
}
