package io.multicloud.driver.mock;

import io.multicloud.api.ErrorScope;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fault rules of one connection. A rule matches one operation, or every one ({@code "*"}).
 * An nth-call rule fires once, on the n-th matching call from now on, then goes away. A fraction
 * rule fires on each matching call whose index, mixed with the seed, falls under the fraction:
 * the same seed fails the same calls (the k-th matching call fails or not, whatever the timing).
 * Thread-safe.
 */
final class MockFaults {
    private final List<Rule> rules = new CopyOnWriteArrayList<>();

    /** A fault that fired: its kind, and the scope a quota or capacity fault carries (null: the kind's own). */
    record Fired(FaultKind kind, ErrorScope scope) {
    }

    void failNth(String operation, int n, FaultKind kind, ErrorScope scope) {
        rules.add(new NthRule(operation, kind, scope, new AtomicInteger(n)));
    }

    void failFraction(String operation, double fraction, long seed, FaultKind kind, ErrorScope scope) {
        rules.add(new FractionRule(operation, kind, scope, fraction, seed, new AtomicLong()));
    }

    void clear() {
        rules.clear();
    }

    /** Counts the call against every matching rule; the fault of the first that fires. */
    Optional<Fired> check(String operation) {
        Fired fired = null;
        for (Rule rule : rules) {
            if (rule.matches(operation) && rule.fires() && fired == null) {
                fired = new Fired(rule.kind(), rule.scope());
            }
        }
        rules.removeIf(Rule::spent);
        return Optional.ofNullable(fired);
    }

    private sealed interface Rule permits NthRule, FractionRule {
        String operation();

        FaultKind kind();

        ErrorScope scope();

        boolean fires();

        boolean spent();

        default boolean matches(String op) {
            return operation().equals(MockOperations.ANY) || operation().equals(op);
        }
    }

    private record NthRule(String operation, FaultKind kind, ErrorScope scope, AtomicInteger remaining) implements Rule {
        @Override
        public boolean fires() {
            return remaining.decrementAndGet() == 0;
        }

        @Override
        public boolean spent() {
            return remaining.get() <= 0;
        }
    }

    private record FractionRule(String operation, FaultKind kind, ErrorScope scope, double fraction, long seed, AtomicLong calls)
            implements Rule {
        @Override
        public boolean fires() {
            long index = calls.getAndIncrement();
            return unit(mix(seed + (index + 1) * 0x9E3779B97F4A7C15L)) < fraction;
        }

        @Override
        public boolean spent() {
            return false;
        }

        /** SplittableRandom's finalizer: a good, stateless 64-bit mix. */
        private static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        private static double unit(long bits) {
            return (bits >>> 11) * 0x1.0p-53;
        }
    }
}
