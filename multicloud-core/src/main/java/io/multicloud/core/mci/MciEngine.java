package io.multicloud.core.mci;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.Cloud;
import io.multicloud.api.CloudException;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.ErrorContext;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.VmStatus;
import io.multicloud.core.catalog.CloudCatalog;
import io.multicloud.core.catalog.PriceQuote;
import io.multicloud.core.catalog.Snapshot;
import io.multicloud.core.remote.RemoteExecutor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything MCIs of one {@code MultiCloud} share: the owner id, the journal, the shared network
 * resources of each connection, the per-connection bound on concurrent calls, the watch that
 * answers waits with one listing per connection, and the MCIs this process holds by name. It
 * creates MCIs, adds VMs to them and removes them; each {@link Mci} acts on its own VMs through it.
 */
public final class MciEngine {
    private static final Logger LOG = LoggerFactory.getLogger(MciEngine.class);

    private final Journal journal;
    private final Retry retry;
    private final SharedResources shared;
    private final VmWatch watch = new VmWatch();
    private final VmProvisioner provisioner;
    private final Duration vmTimeout;
    private final Map<String, Mci> mcis = new ConcurrentHashMap<>();
    private final MciRemote remote;
    private final String owner;
    private final Function<ConnectionConfig, Cloud> connector;
    private final Map<String, Cloud> reopened = new ConcurrentHashMap<>();
    private final RunningOperations running = new RunningOperations();
    private final CloudCatalog catalog;
    private final Supplier<List<Cloud>> openConnections;
    private final Map<String, Cloud> places = new ConcurrentHashMap<>();

    /**
     * @param journal where intents and created resources are recorded
     * @param retry how retryable errors are retried
     * @param concurrency concurrent create and delete calls per connection
     * @param vmTimeout how long a VM may take to run
     * @param remote runs commands on the MCIs' VMs; the shared key pairs' private keys go to its store
     * @param owner the owner id every MCI resource is tagged with
     * @param connector opens connections (for catalog spec ids, and to reopen one that was closed)
     */
    public MciEngine(Journal journal, Retry retry, int concurrency, Duration vmTimeout, RemoteExecutor remote, String owner,
                     Function<ConnectionConfig, Cloud> connector) {
        this(journal, retry, concurrency, vmTimeout, remote, owner, connector, CloudCatalog.offline(Snapshot.empty()), List::of);
    }

    /**
     * @param journal where intents and created resources are recorded
     * @param retry how retryable errors are retried
     * @param concurrency concurrent create and delete calls per connection
     * @param vmTimeout how long a VM may take to run
     * @param remote runs commands on the MCIs' VMs; the shared key pairs' private keys go to its store
     * @param owner the owner id every MCI resource is tagged with
     * @param connector opens connections (for catalog spec ids and failover places, and to reopen one that was closed)
     * @param catalog prices VMs (budget, launch price) and resolves spec ids
     * @param openConnections the connections open now: a place already open is used rather than opened again
     */
    public MciEngine(Journal journal, Retry retry, int concurrency, Duration vmTimeout, RemoteExecutor remote, String owner,
                     Function<ConnectionConfig, Cloud> connector, CloudCatalog catalog, Supplier<List<Cloud>> openConnections) {
        this.catalog = java.util.Objects.requireNonNull(catalog, "catalog");
        this.openConnections = java.util.Objects.requireNonNull(openConnections, "openConnections");
        if (concurrency < 1) {
            throw new InvalidRequestException("concurrency", "must be at least 1, not " + concurrency);
        }
        this.journal = journal;
        this.retry = retry;
        this.shared = new SharedResources(journal, retry, remote.store());
        this.remote = new MciRemote(this, remote);
        this.provisioner = new VmProvisioner(journal, retry, concurrency, vmTimeout, watch);
        this.vmTimeout = vmTimeout;
        this.owner = owner;
        this.connector = connector;
    }

    /** The journal of this engine. */
    public Journal journal() {
        return journal;
    }

    /** The catalog that prices this engine's VMs and resolves spec ids. */
    public CloudCatalog catalog() {
        return catalog;
    }

    /**
     * A connection to a place ({@code driver}, {@code region}, {@code zone} or null): one already
     * open to exactly that place (the first by name: the user's own connection, with its
     * credential, or one opened here before), else one opened through the connector with the
     * cloud's own credential chain, named {@code driver/region[/zone]}. Opening makes no cloud call.
     */
    Cloud placeConnection(String driver, String region, String zone) {
        String key = driver + "+" + region + (zone == null ? "" : "+" + zone);
        return places.compute(key, (k, earlier) -> {
            Optional<Cloud> open = openConnections.get().stream().filter(Cloud::isOpen)
                    .filter(c -> c.config().driver().equals(driver) && c.config().region().equals(region)
                            && java.util.Objects.equals(c.config().zone(), zone))
                    .min(java.util.Comparator.comparing(c -> c.config().name()));
            if (open.isPresent()) {
                return open.get();
            }
            if (earlier != null && earlier.isOpen()) {
                return earlier;
            }
            ConnectionConfig config = ConnectionConfig.of(driver, region);
            if (zone != null) {
                config = config.zone(zone).named(driver + "/" + region + "/" + zone);
            }
            LOG.info("opening {} for a subgroup placed there", config.name());
            return connector.apply(config);
        });
    }

    /** The price of a subgroup's spec at its place, from the catalog (never throws for a cloud's failure). */
    PriceQuote quote(SubGroupRequest group) {
        return catalog.quote(group.cloud(), group.spec());
    }

    /** The owner id this engine's MCIs carry. */
    public String owner() {
        return owner;
    }

    /** The MCIs this process holds (made, or found again), by name. */
    List<Mci> held() {
        return List.copyOf(mcis.values());
    }

    /** The MCI of this name that this process holds. */
    Optional<Mci> held(String name) {
        return Optional.ofNullable(mcis.get(name));
    }

    /** Holds an MCI rebuilt from the clouds, unless this process holds one of that name already (which is returned). */
    Mci hold(Mci rebuilt) {
        Mci earlier = mcis.putIfAbsent(rebuilt.name(), rebuilt);
        return earlier != null ? earlier : rebuilt;
    }

    /**
     * After a crash: deletes what the journal says a dead process's MCIs may have left (created,
     * or asked for when it stopped), then the shared network resources no VM uses. Connections are
     * opened with {@code connect} from what the journal recorded (no credential is recorded: the
     * cloud's own chain or the caller supplies it). Returns the resources deleted. Refused while
     * another live process holds the journal directory. To keep a crashed process's MCI instead,
     * find it again with {@code mc.mcis().get(name)}.
     */
    public List<String> recover(Function<JournalEntry.ConnectionRef, Cloud> connect) {
        if (journal instanceof DirectoryJournal directory) {
            directory.lockForWriting();
        }
        return new MciRecovery(journal, shared, mcis.keySet()).undo(connect);
    }

    /**
     * What the library made on these connections that nothing accounts for: shared network
     * resources no VM uses, VMs with the library's MCI tag that cannot be rebuilt into an MCI
     * (tags missing), and VMs of an MCI creation that lost its name to another. A live MCI of any
     * process is never listed: its VMs carry what rebuilds it.
     */
    public List<MciRecovery.Orphan> sweep(List<Cloud> clouds) {
        return new MciRecovery(journal, shared, mcis.keySet()).sweep(clouds, this);
    }

    /** Starts describing a new MCI (connections for spec ids and failover places come from this engine's connector). */
    public MciBuilder builder(String name) {
        return new MciBuilder(this, name);
    }

    /** Creates an MCI: the checks, then every subgroup's chain in parallel, then the failure policy. */
    Mci create(MciBuilder request) {
        Mci mci = MciCreation.describe(this, request);
        if (mcis.putIfAbsent(mci.name(), mci) != null) {
            throw new AlreadyExistsException(ErrorContext.of(null, null, request.name()), "an MCI named '" + request.name()
                    + "' exists in this process");
        }
        try {
            return new MciCreation(this, mci, request).run();
        } catch (RuntimeException e) {
            mcis.remove(mci.name(), mci);
            throw e;
        }
    }

    /** Adds VMs to a subgroup (scale-out), with the MCI's failure policy applied to the new ones. */
    MciReport addVms(Mci mci, SubGroupRequest group, int firstIndex, int count, int declaredSize, ProgressListener listener,
                     PriceQuote price) {
        Progress progress = new Progress(mci.name(), listener);
        progress.planned("scale-out", count);
        Instant start = Instant.now();
        Stop stop = running.begin();
        try {
            List<VmOutcome> outcomes = new ArrayList<>();
            PriceQuote launch = price != null ? price : quote(group);
            for (VmProvisioner.Made made : createGroup(mci, group, firstIndex, count, declaredSize, progress, stop, launch, null)) {
                outcomes.add(made.outcome());
                made.vm().ifPresent(mci::add);
            }
            MciReport report = applyPolicy(mci, "scale-out", outcomes, progress, start);
            releaseWhereNoMember(mci, progress);
            return report;
        } finally {
            running.end(stop);
        }
    }

    /** Deletes VMs of an MCI in parallel, each verified gone; the shared resources go when nothing uses them. */
    List<VmOutcome> removeVms(Mci mci, List<MciVm> members, String why, Progress progress) {
        List<VmOutcome> outcomes = Parallel.map(members, member -> {
            String failure = provisioner.delete(mci.name(), member, progress);
            if (failure == null) {
                mci.remove(member.name());
                return new VmOutcome(member.subGroup(), member.name(), member.connection(), VmOutcome.Result.REMOVED,
                        VmStatus.TERMINATED, why, 1);
            }
            return new VmOutcome(member.subGroup(), member.name(), member.connection(), VmOutcome.Result.FAILED,
                    member.status(), failure, 1);
        });
        List<Cloud> touched = new ArrayList<>(members.stream().map(MciVm::cloud).toList());
        touched.addAll(dynamicClouds(mci));
        releaseShared(touched, progress);
        return outcomes;
    }

    /**
     * The connection, open: one that was closed meanwhile is opened again from its configuration
     * (once; later calls get the reopened one), so that an MCI's resources never become undeletable.
     */
    Cloud live(Cloud cloud) {
        if (cloud.isOpen()) {
            return cloud;
        }
        return reopened.compute(cloud.config().name(), (name, earlier) -> {
            if (earlier != null && earlier.isOpen()) {
                return earlier;
            }
            try {
                LOG.info("connection {} was closed; opened again from its configuration", name);
                return connector.apply(cloud.config());
            } catch (RuntimeException e) {
                throw new CloudException(ErrorContext.of(name, null, null), "the connection is closed and could not be opened"
                        + " again from its configuration (" + e.getMessage() + "); connect it again with mc.connect(...)"
                        + " and find the MCI with mc.mcis().on(cloud).get(name)", e);
            }
        });
    }

    /**
     * Releases the shared network of dynamic subgroups whose connection holds no VM of this MCI
     * (every VM there failed at the API): it would otherwise stay, as no later delete visits it.
     */
    void releaseWhereNoMember(Mci mci, Progress progress) {
        Set<String> withMembers = new HashSet<>(mci.vms().stream().map(MciVm::connection).toList());
        List<Cloud> empty = dynamicClouds(mci).stream().filter(c -> !withMembers.contains(c.config().name())).toList();
        if (!empty.isEmpty()) {
            releaseShared(empty, progress);
        }
    }

    private static List<Cloud> dynamicClouds(Mci mci) {
        return mci.subGroups().stream().filter(g -> !g.isStatic()).map(SubGroupRequest::cloud).toList();
    }

    /** The remote layer of this engine's MCIs. */
    MciRemote remote() {
        return remote;
    }

    /** Forgets a deleted MCI. */
    void forget(Mci mci) {
        mcis.remove(mci.name(), mci);
        journal.mciDeleted(mci.name());
    }

    /** Lets go of an MCI whose creation failed before it made anything (nothing to journal). */
    void release(Mci mci) {
        mcis.remove(mci.name(), mci);
    }

    /** How long a VM may take to reach a status. */
    Duration vmTimeout() {
        return vmTimeout;
    }

    /** The retry policy, for actions on VMs. */
    Retry retry() {
        return retry;
    }

    /** The provisioner, for actions that must stay within the connections' bounds. */
    VmProvisioner provisioner() {
        return provisioner;
    }

    /** The watch that answers waits on VMs with one listing per connection. */
    VmWatch watch() {
        return watch;
    }

    /** The running operations that make resources, stopped together when the JVM shuts down. */
    RunningOperations running() {
        return running;
    }

    /** The shared network resources. */
    SharedResources shared() {
        return shared;
    }

    /**
     * Makes {@code count} VMs of a subgroup from {@code firstIndex}, tagged with the price they are
     * launched at (when known); none when the operation is stopped. {@code place} is the failover
     * place being tried (its client tokens are its own), or null.
     */
    List<VmProvisioner.Made> createGroup(Mci mci, SubGroupRequest group, int firstIndex, int count, int declaredSize,
                                         Progress progress, Stop stop, PriceQuote price, String place) {
        VmProvisioner.SharedNetwork network = null;
        if (!group.isStatic()) {
            try {
                network = lease(group.cloud(), progress);
            } catch (CloudException e) {
                // The chain broke before any VM: every VM of the group fails for that reason.
                return IntStream.range(firstIndex, firstIndex + count).mapToObj(i -> new VmProvisioner.Made(new VmOutcome(
                        group.name(), VmProvisioner.vmName(mci.name(), group.name(), i), group.connection(),
                        VmOutcome.Result.FAILED, VmStatus.TERMINATED, "shared network resources: " + e.getMessage(), 0),
                        Optional.<MciVm>empty(), e)).toList();
            }
        }
        VmProvisioner.SharedNetwork leased = network;
        Map<String, String> tags = MciTags.forVm(mci.identity(), group, declaredSize, mci.settingsTag(), price);
        try {
            return Parallel.map(IntStream.range(firstIndex, firstIndex + count).boxed().toList(), i -> {
                VmProvisioner.Plan plan = new VmProvisioner.Plan(mci.identity(), group, i, tags, leased, place);
                if (stop.stopped()) {
                    return new VmProvisioner.Made(new VmOutcome(group.name(), plan.name(), group.connection(),
                            VmOutcome.Result.FAILED, VmStatus.TERMINATED, "not made: the operation was stopped", 0),
                            Optional.empty());
                }
                try {
                    return provisioner.create(plan, progress, stop);
                } catch (VmProvisioner.NameTaken e) {
                    stop.nameTaken(e);
                    return new VmProvisioner.Made(new VmOutcome(group.name(), plan.name(), group.connection(),
                            VmOutcome.Result.FAILED, VmStatus.TERMINATED, e.getMessage(), 1), Optional.empty());
                } catch (VmProvisioner.NameContested e) {
                    // Not lost yet: the creation decides who keeps the name once both have made what they could.
                    stop.contested(plan);
                    return new VmProvisioner.Made(new VmOutcome(group.name(), plan.name(), group.connection(),
                            VmOutcome.Result.FAILED, VmStatus.TERMINATED, e.getMessage(), 1), Optional.empty());
                }
            }, stop);
        } finally {
            if (leased != null) {
                shared.endUse(group.cloud());
            }
        }
    }

    /** The connection's shared set, leased, remade when a VM create finds it gone. */
    private VmProvisioner.SharedNetwork lease(Cloud cloud, Progress progress) {
        SharedResources.Set first = shared.acquire(cloud, progress);
        return new VmProvisioner.SharedNetwork() {
            private volatile SharedResources.Set current = first;

            @Override
            public SharedResources.Set current() {
                return current;
            }

            @Override
            public SharedResources.Set remake() {
                current = shared.refresh(cloud, progress);
                return current;
            }
        };
    }

    MciReport applyPolicy(Mci mci, String operation, List<VmOutcome> outcomes, Progress progress, Instant start) {
        List<VmOutcome> failed = outcomes.stream().filter(o -> o.result() == VmOutcome.Result.FAILED).toList();
        if (failed.isEmpty() || mci.policy() == PartialFailure.CONTINUE) {
            return new MciReport(mci.name(), operation, outcomes, Duration.between(start, Instant.now()));
        }
        Set<String> failedNames = new HashSet<>(failed.stream().map(VmOutcome::vm).toList());
        Set<String> touched = new HashSet<>(outcomes.stream().map(VmOutcome::vm).toList());
        List<MciVm> toRemove = mci.vms().stream()
                .filter(v -> touched.contains(v.name()))
                .filter(v -> mci.policy() == PartialFailure.ROLLBACK || failedNames.contains(v.name())).toList();
        String why = mci.policy() == PartialFailure.ROLLBACK
                ? "rolled back: " + failed.size() + " of " + outcomes.size() + " VMs failed"
                : "refined away: the VM failed";
        return removeAndReport(mci, operation, outcomes, toRemove, why, progress, start);
    }

    /** Removes VMs the operation made and reports each VM with its original reason where it had failed. */
    MciReport removeAndReport(Mci mci, String operation, List<VmOutcome> outcomes, List<MciVm> toRemove, String why,
                              Progress progress, Instant start) {
        Map<String, VmOutcome> removed = new LinkedHashMap<>();
        removeVms(mci, toRemove, why, progress).forEach(o -> removed.put(o.vm(), o));
        List<VmOutcome> result = outcomes.stream().map(o -> {
            VmOutcome after = removed.get(o.vm());
            if (after == null) {
                return o;
            }
            if (after.result() == VmOutcome.Result.FAILED) {
                return after;
            }
            // Removed: keep the original reason of a VM that had failed.
            return o.result() == VmOutcome.Result.FAILED
                    ? new VmOutcome(o.subGroup(), o.vm(), o.connection(), VmOutcome.Result.REMOVED, VmStatus.TERMINATED,
                            o.reason(), o.attempts())
                    : after;
        }).toList();
        return new MciReport(mci.name(), operation, result, Duration.between(start, Instant.now()));
    }

    void releaseShared(List<Cloud> clouds, Progress progress) {
        Map<String, Cloud> byConnection = new LinkedHashMap<>();
        clouds.forEach(c -> byConnection.putIfAbsent(c.config().name(), live(c)));
        Parallel.map(List.copyOf(byConnection.values()), cloud -> {
            try {
                shared.releaseIfUnused(cloud, progress);
            } catch (CloudException e) {
                progress.failed("delete", ResourceKind.VPC, SharedResources.VPC, cloud, e);
            }
            return null;
        });
    }
}
