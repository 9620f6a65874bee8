package io.multicloud.testkit;

import io.multicloud.api.Catalog;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits on a condition with a timeout, polling with growing pauses (5 ms up to 1 s), for the
 * few states the library's own {@code waitUntil} does not cover, such as a resource being gone.
 * A test never sleeps for a fixed time: it polls a condition.
 */
public final class Await {
    private static final long FIRST_PAUSE_MS = 5;
    private static final long MAX_PAUSE_MS = 1000;

    private Await() {
    }

    /** Polls until the condition holds; fails with an {@link AssertionError} naming {@code what} after the timeout. */
    public static void until(String what, BooleanSupplier condition, Duration timeout) {
        value(what, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty(), timeout);
    }

    /** Polls until the supplier gives a value, and returns it. */
    public static <T> T value(String what, Supplier<Optional<T>> probe, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_PAUSE_MS;
        while (true) {
            Optional<T> seen = probe.get();
            if (seen.isPresent()) {
                return seen.get();
            }
            long leftMs = (deadline - System.nanoTime()) / 1_000_000;
            if (leftMs <= 0) {
                throw new AssertionError("timed out after " + timeout + " waiting until " + what);
            }
            pause(Math.min(pause, leftMs));
            pause = Math.min(pause * 2, MAX_PAUSE_MS);
        }
    }

    /** Polls until the catalog no longer has a resource of that name. */
    public static void gone(Catalog<?> catalog, String name, Duration timeout) {
        until(name + " is gone", () -> catalog.find(name).isEmpty(), timeout);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
