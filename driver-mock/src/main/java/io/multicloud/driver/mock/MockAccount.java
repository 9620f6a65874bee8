package io.multicloud.driver.mock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * One isolated mock cloud: its regions' resources, its public IP pool, the calls that reached
 * it, and (with a state directory) the file it is kept in. Thread-safe.
 */
final class MockAccount {
    private static final Logger LOG = LoggerFactory.getLogger(MockAccount.class);

    private final String name;
    private final MockStateStore store;
    private final Map<String, MockRegion> regions = new ConcurrentHashMap<>();
    private final MockAddresses addresses = new MockAddresses();
    private final LongAdder calls = new LongAdder();
    private final Map<String, LongAdder> callsByOperation = new ConcurrentHashMap<>();

    private MockAccount(String name, MockStateStore store) {
        this.name = name;
        this.store = store;
    }

    /** Opens an account, kept in {@code stateDir} when one is given (its state is read at its first call). */
    static MockAccount open(String name, Path stateDir) {
        MockAccount account = new MockAccount(name, stateDir == null ? null : new MockStateStore(stateDir, name));
        LOG.debug("opened mock {}{}", MockStateStore.fileLabel(name), stateDir == null ? "" : " kept in " + stateDir);
        return account;
    }

    /**
     * Runs one call of the account. A kept account runs it under its state file's lock, with the
     * state other processes wrote since loaded first and its own changes written before the end.
     */
    <T> T exclusive(java.util.function.Supplier<T> call) {
        return store == null ? call.get() : store.exclusive(this::reload, call);
    }

    /** Takes the stored state (written by another process, or read for the first time), keeping what lives only here. */
    private void reload(Map<String, MockStateStore.RegionData> stored) {
        stored.forEach((regionName, data) -> {
            MockRegion region = region(regionName);
            region.lock.lock();
            try {
                region.load(data);
            } finally {
                region.lock.unlock();
            }
        });
        addresses.clear();
        for (MockRegion region : regions.values()) {
            region.lock.lock();
            try {
                region.vms.all().forEach(vm -> {
                    if (vm.publicIp != null) {
                        addresses.markPublicIp(vm.publicIp);
                    }
                });
            } finally {
                region.lock.unlock();
            }
        }
    }

    String name() {
        return name;
    }

    MockRegion region(String regionName) {
        return regions.computeIfAbsent(regionName, MockRegion::new);
    }

    MockAddresses addresses() {
        return addresses;
    }

    /** Counts a call that reached the cloud. */
    void countCall(String operation) {
        calls.increment();
        callsByOperation.computeIfAbsent(operation, k -> new LongAdder()).increment();
    }

    long callCount() {
        return calls.sum();
    }

    long callCount(String operation) {
        LongAdder n = callsByOperation.get(operation);
        return n == null ? 0 : n.sum();
    }

    /** The state file, when the account is kept in one. */
    Optional<Path> stateFile() {
        return Optional.ofNullable(store).map(MockStateStore::file);
    }

    /** Hands a changed region to the store, which writes it at the end of the call; call under the region's lock. */
    void publish(MockRegion region) {
        if (!region.dirty) {
            return;
        }
        region.dirty = false;
        if (store != null) {
            store.publish(region.name, region.toData());
        }
    }
}
