package io.multicloud.driver.mock;

import io.multicloud.api.ConnectionConfig;
import io.multicloud.spi.Driver;
import io.multicloud.spi.DriverConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The mock driver, {@code "mock"}: a stateful in-memory cloud that behaves like one (see
 * DESIGN §6). Each instance holds its own accounts; two instances never see each other, except
 * through a shared {@code state_dir}.
 *
 * <h2>Credential</h2>
 * {@code account} (default {@code "default"}) selects an isolated mock cloud: connections with
 * the same account see the same resources, per region; different accounts see nothing of each other.
 *
 * <h2>Connection properties</h2>
 * <table>
 *   <caption>properties</caption>
 *   <tr><td>{@value #TRANSITION_MS}</td><td>time of each status transition, ms (default {@value #DEFAULT_TRANSITION_MS})</td></tr>
 *   <tr><td>{@value #LATENCY_MS}</td><td>every call sleeps this long first, ms (default 0)</td></tr>
 *   <tr><td>{@value #RATE_LIMIT_PER_SECOND}</td><td>calls per second of this connection before Throttled (default 0: none)</td></tr>
 *   <tr><td>{@value #QUOTA_VCPUS}, {@value #QUOTA_VMS}</td><td>the account's quotas in the region (defaults 1024, 500)</td></tr>
 *   <tr><td>{@value #FAULT_RATE}, {@value #FAULT_SEED}, {@value #FAULT_OPERATION}, {@value #FAULT_KIND}</td>
 *       <td>fail this fraction of calls (seeded; operation default {@code *}, kind default TRANSIENT)</td></tr>
 *   <tr><td>{@value #STATE_DIR}</td><td>keep the account in {@code <state_dir>/account-<hash>.json}</td></tr>
 * </table>
 * The same knobs are at hand at run time through {@link MockControl}.
 *
 * <h2>State file</h2>
 * With {@value #STATE_DIR}, the account is kept in {@code <state_dir>/account-<hash>.json} (named
 * by a hash of the account, which is a credential) and every call works on it under a file lock:
 * the state other processes wrote is read first, and the call's changes are written before the
 * lock is let go. So any number of processes and drivers share one mock cloud, call by call.
 */
public final class MockDriver implements Driver {
    /** The driver's name. */
    public static final String NAME = "mock";
    public static final String TRANSITION_MS = "transition_ms";
    public static final String LATENCY_MS = "latency_ms";
    public static final String RATE_LIMIT_PER_SECOND = "rate_limit_per_second";
    public static final String QUOTA_VCPUS = "quota_vcpus";
    public static final String QUOTA_VMS = "quota_vms";
    public static final String FAULT_RATE = "fault_rate";
    public static final String FAULT_SEED = "fault_seed";
    public static final String FAULT_OPERATION = "fault_operation";
    public static final String FAULT_KIND = "fault_kind";
    public static final String STATE_DIR = "state_dir";
    /** The default transition time, ms. */
    public static final long DEFAULT_TRANSITION_MS = 100;

    private static final Logger LOG = LoggerFactory.getLogger(MockDriver.class);

    private final MockCatalog catalog = MockCatalog.standard();
    private final Clock clock;
    private final Map<AccountKey, MockAccount> accounts = new ConcurrentHashMap<>();

    /** A driver on the system clock (the ServiceLoader's way). */
    public MockDriver() {
        this(Clock.systemUTC());
    }

    /** A driver on the given clock: transitions follow it, so a test may move time itself. */
    public MockDriver(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * {@code account} picks the mock account; {@code secret} is accepted and never read, so a test can carry a
     * secret through the library and check that it leaks nowhere.
     */
    @Override
    public Set<String> credentialKeys() {
        return Set.of("account", "secret");
    }

    @Override
    public Set<String> propertyKeys() {
        return Set.of(TRANSITION_MS, LATENCY_MS, RATE_LIMIT_PER_SECOND, QUOTA_VCPUS, QUOTA_VMS, FAULT_RATE, FAULT_SEED, FAULT_OPERATION, FAULT_KIND, STATE_DIR);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> knownRegions() {
        return catalog.regionNames();
    }

    /** The catalog this driver's regions offer. */
    public MockCatalog catalog() {
        return catalog;
    }

    @Override
    public DriverConnection connect(ConnectionConfig config) {
        MockSettings settings = MockSettings.of(config, catalog);
        Path dir = settings.stateDir() == null ? null : settings.stateDir().toAbsolutePath().normalize();
        MockAccount account = accounts.computeIfAbsent(new AccountKey(settings.account(), dir),
                key -> MockAccount.open(key.account(), key.stateDir()));
        MockBehaviour behaviour = new MockBehaviour(settings.transition());
        behaviour.latency(settings.latency());
        behaviour.rateLimit(settings.rateLimit());
        if (settings.faultRate() > 0) {
            behaviour.faults().failFraction(settings.faultOperation(), settings.faultRate(), settings.faultSeed(),
                    settings.faultKind(), null);
        }
        MockContext ctx = new MockContext(config.name(), account, account.region(settings.region()), catalog,
                behaviour, settings.zone(), clock);
        if (settings.quotaVcpus() != null || settings.quotaVms() != null) {
            ctx.admin(r -> {
                r.maxVcpus = settings.quotaVcpus() != null ? settings.quotaVcpus() : r.maxVcpus;
                r.maxVms = settings.quotaVms() != null ? settings.quotaVms() : r.maxVms;
            });
        }
        LOG.debug("connected {} to mock account '{}' in {}", config.name(), account.name(), settings.zone());
        return new MockConnection(ctx);
    }

    @Override
    public String toString() {
        return "MockDriver[accounts=" + accounts.size() + "]";
    }

    /** An account is its name plus where it is kept: the same name in another state_dir is another cloud. */
    private record AccountKey(String account, Path stateDir) {
    }
}
