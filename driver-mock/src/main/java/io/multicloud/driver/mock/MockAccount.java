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

    /** Opens an account, loading its stored state when {@code stateDir} is given. */
    static MockAccount open(String name, Path stateDir) {
        MockAccount account = new MockAccount(name, stateDir == null ? null : new MockStateStore(stateDir, name));
        if (account.store != null) {
            account.store.load().forEach((regionName, data) -> {
                MockRegion region = new MockRegion(regionName);
                region.load(data);
                region.vms.all().forEach(vm -> {
                    if (vm.publicIp != null) {
                        account.addresses.markPublicIp(vm.publicIp);
                    }
                });
                account.regions.put(regionName, region);
            });
        }
        LOG.debug("opened mock account '{}'{}", name, stateDir == null ? "" : " kept in " + stateDir);
        return account;
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

    /** Hands a changed region to the store; call under the region's lock. */
    boolean publish(MockRegion region) {
        if (!region.dirty) {
            return false;
        }
        region.dirty = false;
        if (store == null) {
            return false;
        }
        store.publish(region.name, region.toData());
        return true;
    }

    /** Writes what was published; call outside any region lock. */
    void flush() {
        if (store != null) {
            store.flush();
        }
    }
}
