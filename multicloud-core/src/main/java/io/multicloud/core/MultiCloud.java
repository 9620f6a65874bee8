package io.multicloud.core;

import io.multicloud.api.Cloud;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.ErrorContext;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.ResourceKind;
import io.multicloud.core.catalog.CloudCatalog;
import io.multicloud.core.catalog.Recommend;
import io.multicloud.core.catalog.Snapshot;
import io.multicloud.core.cloud.DefaultCloud;
import io.multicloud.core.connect.ConnectionSettings;
import io.multicloud.core.connect.DriverRegistry;
import io.multicloud.core.connect.OwnerId;
import io.multicloud.core.mci.DirectoryJournal;
import io.multicloud.core.mci.Journal;
import io.multicloud.core.mci.Mci;
import io.multicloud.core.mci.MciBuilder;
import io.multicloud.core.mci.MciEngine;
import io.multicloud.core.mci.Mcis;
import io.multicloud.core.mci.MemoryJournal;
import io.multicloud.core.mci.Retry;
import io.multicloud.core.remote.RemoteExecutor;
import io.multicloud.core.remote.SshStore;
import io.multicloud.spi.Driver;
import io.multicloud.spi.DriverConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point: finds the drivers on the class path and opens connections to clouds.
 * <pre>{@code
 * try (MultiCloud mc = MultiCloud.create()) {
 *     Cloud mock = mc.connect("mock", "mars");                     // in code
 *     Cloud aws = mc.connect(ConnectionConfig.of("aws", "us-east-2")
 *                               .credential("access_key_id", "...")); // with a credential
 *     Cloud dev = mc.connect("dev-mock");                           // named: environment or ~/.multicloud
 * }
 * }</pre>
 * Instances share nothing: two in one JVM never see each other's connections or mock clouds.
 * Closing it closes every connection it opened.
 */
public final class MultiCloud implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MultiCloud.class);

    private final DriverRegistry drivers;
    private final ConnectionSettings settings;
    private final Set<Cloud> open = ConcurrentHashMap.newKeySet();
    private final MciEngine mcis;
    private final RemoteExecutor remote;
    private final Journal journal;
    private final CloudCatalog catalog;

    private MultiCloud(Builder builder) {
        DriverRegistry found = DriverRegistry.load(builder.classLoader);
        for (Driver given : builder.drivers) {
            found = found.with(given);
        }
        this.drivers = found;
        this.settings = new ConnectionSettings(builder.environment, builder.home);
        this.journal = builder.journalDir == null ? new MemoryJournal()
                : new DirectoryJournal(builder.journalDir == Builder.DEFAULT_JOURNAL ? settings.configDir().resolve("journal") : builder.journalDir);
        // Everything the library keeps lives here: $MULTICLOUD_HOME, else ~/.multicloud.
        Path libraryDir = settings.configDir();
        Path sshDir = builder.sshStore != null ? builder.sshStore : libraryDir.resolve("ssh");
        this.remote = new RemoteExecutor(new SshStore(sshDir), builder.sshIdle);
        String owner = builder.owner != null ? builder.owner : OwnerId.resolve(builder.environment, libraryDir);
        ClassLoader loader = builder.classLoader;
        Snapshot given = builder.catalogSnapshot;
        boolean shipped = builder.shippedSnapshot;
        this.catalog = new CloudCatalog(() -> List.copyOf(open),
                () -> given != null ? given : shipped ? Snapshot.shipped(loader).orElse(Snapshot.empty()) : Snapshot.empty(),
                builder.catalogExpiry, builder.catalogTimeout);
        this.mcis = new MciEngine(journal, Retry.DEFAULT, builder.mciConcurrency, builder.mciVmTimeout, remote, owner,
                this::connect, catalog, () -> List.copyOf(open));
    }

    /**
     * The multi-cloud catalog: every open connection's regions, specs, prices and images (loaded
     * on demand, at once, cached) merged with the offline snapshot the {@code multicloud-catalog}
     * module ships.
     */
    public CloudCatalog catalog() {
        return catalog;
    }

    /**
     * Starts a recommendation over {@link #catalog()}:
     * {@code mc.recommend().where("acceleratorMemoryGiB").atLeast(24).orderBy(Priority.cost()).limit(5).run()}.
     */
    public Recommend recommend() {
        return catalog.recommend();
    }

    /**
     * Starts describing a multi-cloud infrastructure (MCI): subgroups of VMs over many
     * connections, created, watched, scaled and deleted as one.
     */
    public MciBuilder mci(String name) {
        return mcis.builder(name);
    }

    /**
     * The MCIs of this installation's owner: those this instance holds, and those the clouds hold,
     * rebuilt from their VMs' tags (after a restart, or made by another process of the same owner):
     * {@code mc.mcis().get("web")}. Searched on every connection this instance has open and the
     * named connections of the configuration; {@code mc.mcis().on(clouds...)} searches others.
     */
    public Mcis mcis() {
        return new Mcis(mcis, this::searchedConnections);
    }

    /** The owner id every MCI resource of this instance is tagged with ({@link Builder#owner}). */
    public String owner() {
        return mcis.owner();
    }

    /** The open connections, and the named connections of the configuration (opened when not open yet). */
    private List<Cloud> searchedConnections() {
        Map<String, Cloud> byName = new java.util.LinkedHashMap<>();
        open.stream().filter(Cloud::isOpen).forEach(c -> byName.putIfAbsent(c.config().name(), c));
        for (String name : settings.names()) {
            if (!byName.containsKey(name)) {
                try {
                    byName.put(name, connect(name));
                } catch (RuntimeException e) {
                    log.warn("named connection {} could not be opened to search it for MCIs: {}", name, e.getMessage());
                }
            }
        }
        return List.copyOf(byName.values());
    }

    /** The engine behind {@link #mci}: its journal, recovery and sweep. */
    public MciEngine mciEngine() {
        return mcis;
    }

    /**
     * The SSH store: private keys of key pairs, passwords of VMs and pinned host keys, used by
     * the MCIs' remote commands. The MCI's shared key pairs are put there when made; put the
     * private key of a key pair of your own with {@link SshStore#putPrivateKey}.
     */
    public SshStore sshStore() {
        return remote.store();
    }

    /** Finds the drivers with the context class loader, reads named connections from the real environment and home. */
    public static MultiCloud create() {
        return builder().build();
    }

    /** A builder, to choose the class loader, environment or home directory (tests do). */
    public static Builder builder() {
        return new Builder();
    }

    /** The names of the drivers found, such as {@code [aws, mock]}. */
    public Set<String> drivers() {
        return drivers.names();
    }

    /** The names of the connections configured in the environment and in the configuration files. */
    public List<String> connectionNames() {
        return settings.names();
    }

    /**
     * Connects to a region with the cloud's own credential chain (for AWS: its default
     * provider chain; for OpenStack: the {@code OS_*} variables; for the mock: account "default").
     */
    public Cloud connect(String driver, String region) {
        return connect(ConnectionConfig.of(driver, region));
    }

    /** Connects to a connection configured by name in the environment or in {@code ~/.multicloud}. */
    public Cloud connect(String connectionName) {
        return connect(settings.get(connectionName));
    }

    /**
     * Connects with a full configuration. An unknown driver fails with the drivers found; a
     * region the driver does not know fails with the regions it knows; neither calls a cloud.
     */
    public Cloud connect(ConnectionConfig config) {
        Objects.requireNonNull(config, "config");
        Driver driver = drivers.get(config.name(), config.driver());
        Set<String> regions = driver.knownRegions();
        if (!regions.isEmpty() && !regions.contains(config.region())) {
            throw new InvalidRequestException(ErrorContext.of(config.name(), ResourceKind.REGION, config.region()), "region",
                    "unknown region '" + config.region() + "' for driver '" + driver.name() + "'; known regions: "
                            + new TreeSet<>(regions));
        }
        requireKnownKeys(config, driver);
        log.debug("connecting {}", config);
        DriverConnection connection = driver.connect(config);
        DefaultCloud cloud = new DefaultCloud(driver.name(), config, connection, open::remove);
        open.add(cloud);
        return cloud;
    }

    /** Refuses a credential key or property the driver does not read, naming it and those it reads. */
    private static void requireKnownKeys(ConnectionConfig config, Driver driver) {
        ErrorContext where = ErrorContext.of(config.name(), null, null);
        for (String key : config.credential().values().keySet()) {
            if (!driver.credentialKeys().contains(key)) {
                throw new InvalidRequestException(where, "credential " + key, "driver '" + driver.name()
                        + "' reads no such credential key; it reads " + new TreeSet<>(driver.credentialKeys()));
            }
        }
        for (String key : config.properties().keySet()) {
            if (!driver.propertyKeys().contains(key)) {
                throw new InvalidRequestException(where, "property " + key, "driver '" + driver.name()
                        + "' reads no such property; it reads " + new TreeSet<>(driver.propertyKeys()));
            }
        }
    }

    /** Closes every SSH session and every connection this instance opened and did not close yet. */
    @Override
    public void close() {
        catalog.close();
        remote.close();
        journal.close();
        for (Cloud cloud : new ArrayList<>(open)) {
            try {
                cloud.close();
            } catch (RuntimeException e) {
                log.warn("closing {} failed: {}", cloud.config().name(), e.toString());
            }
        }
    }

    @Override
    public String toString() {
        return "MultiCloud[drivers=" + drivers() + ", open connections=" + open.size() + "]";
    }

    /** Builds a {@link MultiCloud}. */
    public static final class Builder {
        private ClassLoader classLoader = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : MultiCloud.class.getClassLoader();
        private Map<String, String> environment = System.getenv();
        private Path home = Path.of(System.getProperty("user.home", "."));
        private Path journalDir;
        private Path sshStore;
        private Duration sshIdle = Duration.ofMinutes(5);
        private int mciConcurrency = 10;
        private String owner;
        private final List<Driver> drivers = new ArrayList<>();
        private Duration mciVmTimeout = Duration.ofMinutes(10);
        private Duration catalogExpiry = CloudCatalog.DEFAULT_EXPIRY;
        private Duration catalogTimeout = CloudCatalog.DEFAULT_TIMEOUT;
        private boolean shippedSnapshot = true;
        private Snapshot catalogSnapshot;

        private Builder() {
        }

        /** How long a connection's live catalog (regions, specs, prices, images) is kept before it is read again (default 1 hour). */
        public Builder catalogExpiry(Duration expiry) {
            this.catalogExpiry = Objects.requireNonNull(expiry);
            return this;
        }

        /**
         * How long a catalog call waits for connections still loading before it answers without
         * them, naming them (default 30 seconds).
         */
        public Builder catalogTimeout(Duration timeout) {
            this.catalogTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** Whether the catalog uses the shipped offline snapshot when it is on the class path (default true). */
        public Builder shippedCatalogSnapshot(boolean use) {
            this.shippedSnapshot = use;
            return this;
        }

        /** Uses this snapshot instead of the shipped one (tests, or one rebuilt with catalog-import). */
        public Builder catalogSnapshot(Snapshot snapshot) {
            this.catalogSnapshot = Objects.requireNonNull(snapshot);
            return this;
        }

        /** The class loader to find drivers with. */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = Objects.requireNonNull(loader);
            return this;
        }

        /**
         * Uses this driver instance in place of the one of its name that the class path offers: for
         * two instances that share one mock cloud in a JVM ({@code .driver(mockDriver)} on both), or a
         * driver not registered with {@link java.util.ServiceLoader}.
         */
        public Builder driver(Driver driver) {
            this.drivers.add(Objects.requireNonNull(driver, "driver"));
            return this;
        }

        /** The environment variables to read named connections from (default: the process's). */
        public Builder environment(Map<String, String> env) {
            this.environment = Map.copyOf(env);
            return this;
        }

        /** The user's home directory, holding {@code .multicloud/connections.yaml} (default: user.home). */
        public Builder home(Path dir) {
            this.home = Objects.requireNonNull(dir);
            return this;
        }

        /** Marks {@link #journal()}: the journal in the library's directory. */
        private static final Path DEFAULT_JOURNAL = Path.of("journal");

        /**
         * Keeps the MCI journal in {@code journal} in the library's directory ({@code $MULTICLOUD_HOME},
         * else {@code ~/.multicloud}); see {@link #journal(Path)}.
         */
        public Builder journal() {
            this.journalDir = DEFAULT_JOURNAL;
            return this;
        }

        /**
         * Keeps the MCI journal in this directory (one file per MCI, owner-only), so that
         * {@link #recover} in a new process can finish or undo what a crash left; in memory by default.
         */
        public Builder journal(Path dir) {
            this.journalDir = Objects.requireNonNull(dir);
            return this;
        }

        /**
         * Keeps the SSH store (keys, passwords, pinned host keys) in this directory, made
         * owner-only; by default {@code .multicloud/ssh} in the home directory.
         */
        public Builder sshStore(Path dir) {
            this.sshStore = Objects.requireNonNull(dir);
            return this;
        }

        /**
         * How long an SSH session to a VM stays open without use, for later commands to reuse
         * (default 5 minutes); a command still running keeps its session open.
         */
        public Builder sshSessionIdle(Duration idle) {
            this.sshIdle = Objects.requireNonNull(idle);
            return this;
        }

        /**
         * The owner id every MCI resource is tagged with, so that two users' MCIs of one name in one
         * account never mix and any process with the same id finds the MCIs again. By default the
         * {@value io.multicloud.core.connect.OwnerId#ENV} variable, else the id kept in
         * {@code .multicloud/owner} in the home directory (made on first use).
         */
        public Builder owner(String ownerId) {
            this.owner = OwnerId.check("owner", ownerId);
            return this;
        }

        /** How many create and delete calls MCIs make at once on one connection (default 10). */
        public Builder mciConcurrency(int callsPerConnection) {
            this.mciConcurrency = callsPerConnection;
            return this;
        }

        /** How long an MCI VM may take to reach a status (default 10 minutes). */
        public Builder mciVmTimeout(Duration timeout) {
            this.mciVmTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** A new instance. */
        public MultiCloud build() {
            return new MultiCloud(this);
        }
    }
}
