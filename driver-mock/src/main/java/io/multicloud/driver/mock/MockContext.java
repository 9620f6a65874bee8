package io.multicloud.driver.mock;

import io.multicloud.api.ResourceKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What every service of one connection shares, and the one path every call takes:
 * count it on the account, sleep the latency, take a rate-limit token, check injected faults
 * (all before any lock), then, under the region's lock, settle due transitions and run the
 * call; finally save the account's state when it has a state file (outside the lock).
 */
final class MockContext {
    private static final Logger LOG = LoggerFactory.getLogger(MockContext.class);

    final String connection;
    final MockAccount account;
    final MockRegion region;
    final MockCatalog catalog;
    final MockBehaviour behaviour;
    final MockErrors errors;
    /** The connection's zone: the default for new subnets and disks. */
    final String zone;
    private final Clock clock;
    private volatile boolean closed;

    MockContext(String connection, MockAccount account, MockRegion region, MockCatalog catalog,
                MockBehaviour behaviour, String zone, Clock clock) {
        this.connection = connection;
        this.account = account;
        this.region = region;
        this.catalog = catalog;
        this.behaviour = behaviour;
        this.errors = new MockErrors(connection);
        this.zone = zone;
        this.clock = clock;
    }

    /** A call on the region's resources. */
    @FunctionalInterface
    interface RegionCall<T> {
        T apply(MockRegion region, long now);
    }

    String regionName() {
        return region.name;
    }

    void close() {
        closed = true;
    }

    /** A read of the catalog: no lock needed, it never changes. */
    <T> T catalog(String operation, Supplier<T> call) {
        FaultKind lost = enter(operation);
        return answer(operation, lost, call.get());
    }

    /** A call that only reads the region. */
    <T> T read(String operation, RegionCall<T> call) {
        FaultKind lost = enter(operation);
        return answer(operation, lost, locked(false, call));
    }

    /**
     * A call that changes the region when it succeeds. With a lost answer injected, the change is
     * made and then the caller gets a transient error, as from a cloud whose answer timed out.
     */
    <T> T write(String operation, RegionCall<T> call) {
        FaultKind lost = enter(operation);
        if (lost == null) {
            return locked(true, call);
        }
        try {
            locked(true, call);
        } catch (RuntimeException e) {
            LOG.debug("[{}] {} failed, and its answer is lost too: {}", connection, operation, e.toString());
        }
        throw errors.fault(FaultKind.LOST, operation);
    }

    /** The call's result, or the transient error of a lost answer. */
    private <T> T answer(String operation, FaultKind lost, T result) {
        if (lost != null) {
            throw errors.fault(FaultKind.LOST, operation);
        }
        return result;
    }

    /** A change made through {@link MockControl}: not a cloud call, so not counted nor delayed. */
    void admin(Consumer<MockRegion> change) {
        locked(true, (r, now) -> {
            change.accept(r);
            return null;
        });
    }

    /** A new cloud id such as {@code i-0a1b2c3d4e5f67890}. */
    static String newId(String prefix) {
        byte[] bytes = new byte[9];
        ThreadLocalRandom.current().nextBytes(bytes);
        return prefix + "-" + HexFormat.of().formatHex(bytes).substring(0, 17);
    }

    /** Counts, delays, limits and faults a call; returns LOST when its answer is to be lost after it took effect. */
    private FaultKind enter(String operation) {
        if (closed) {
            throw new IllegalStateException("the mock connection " + connection + " is closed");
        }
        account.countCall(operation);
        LOG.debug("[{}] {}", connection, operation);
        ResourceKind kind = MockOperations.kindOf(operation);
        if (!behaviour.sleepLatency()) {
            throw errors.transientError(kind, "interrupted while waiting for the mock latency");
        }
        if (!behaviour.tryAcquire()) {
            throw errors.throttled(kind, "rate exceeded on " + operation + ": too many calls per second");
        }
        MockFaults.Fired fired = behaviour.faults().check(operation).orElse(null);
        if (fired == null) {
            return null;
        }
        FaultKind fault = fired.kind();
        LOG.debug("[{}] injecting a {} fault on {}", connection, fault, operation);
        if (fault == FaultKind.LOST) {
            return fault;
        }
        throw errors.fault(fault, operation, fired.scope());
    }

    /** Runs a call under the region's lock, after settling due transitions (and, for a kept account, under its file lock). */
    private <T> T locked(boolean change, RegionCall<T> call) {
        return account.exclusive(() -> {
            region.lock.lock();
            try {
                long now = clock.millis();
                region.settle(now, account.addresses()::releasePublicIp);
                try {
                    T result = call.apply(region, now);
                    region.dirty |= change;
                    return result;
                } finally {
                    account.publish(region);
                }
            } finally {
                region.lock.unlock();
            }
        });
    }
}
