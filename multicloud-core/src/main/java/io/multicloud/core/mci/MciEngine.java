package io.multicloud.core.mci;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.Cloud;
import io.multicloud.api.CloudException;
import io.multicloud.api.ErrorContext;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.VmStatus;
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
import java.util.stream.IntStream;

/**
 * Everything MCIs of one {@code MultiCloud} share: the journal, the shared network resources of
 * each connection, the per-connection bound on concurrent calls, and the MCIs themselves by name.
 * It creates MCIs and adds VMs to them; each {@link Mci} acts on its own VMs through it.
 */
public final class MciEngine {
    private final Journal journal;
    private final Retry retry;
    private final SharedResources shared;
    private final VmProvisioner provisioner;
    private final Duration vmTimeout;
    private final Map<String, Mci> mcis = new ConcurrentHashMap<>();
    private final MciRemote remote;

    /**
     * @param journal where intents and created resources are recorded
     * @param retry how retryable errors are retried
     * @param concurrency concurrent create and delete calls per connection
     * @param vmTimeout how long a VM may take to run
     * @param remote runs commands on the MCIs' VMs; the shared key pairs' private keys go to its store
     */
    public MciEngine(Journal journal, Retry retry, int concurrency, Duration vmTimeout, RemoteExecutor remote) {
        if (concurrency < 1) {
            throw new InvalidRequestException("concurrency", "must be at least 1, not " + concurrency);
        }
        this.journal = journal;
        this.retry = retry;
        this.shared = new SharedResources(journal, retry, remote.store());
        this.remote = new MciRemote(this, remote);
        this.provisioner = new VmProvisioner(journal, retry, concurrency, vmTimeout);
        this.vmTimeout = vmTimeout;
    }

    /** The journal of this engine. */
    public Journal journal() {
        return journal;
    }

    /** The MCIs this engine made and has not deleted. */
    public List<Mci> mcis() {
        return List.copyOf(mcis.values());
    }

    /** The MCI of this name. */
    public Optional<Mci> mci(String name) {
        return Optional.ofNullable(mcis.get(name));
    }

    /**
     * After a crash: deletes what the journal says a dead process's MCIs may have left (created,
     * or asked for when it stopped), then the shared network resources no VM uses. Connections are
     * opened with {@code connect} from what the journal recorded (no credential is recorded: the
     * cloud's own chain or the caller supplies it). Returns the resources deleted.
     */
    public List<String> recover(java.util.function.Function<JournalEntry.ConnectionRef, Cloud> connect) {
        return new MciRecovery(journal, shared, mcis.keySet()).undo(connect);
    }

    /**
     * What the library made on these connections that nothing accounts for: VMs carrying its MCI tag
     * that no MCI or journal knows, and shared network resources no VM uses.
     */
    public List<MciRecovery.Orphan> sweep(List<Cloud> clouds) {
        return new MciRecovery(journal, shared, mcis.keySet()).sweep(clouds);
    }

    /** Starts describing a new MCI; {@code connector} opens connections for catalog spec ids. */
    public MciBuilder builder(String name, java.util.function.Function<io.multicloud.api.ConnectionConfig, Cloud> connector) {
        return new MciBuilder(this, name, connector);
    }

    /** Creates an MCI: every subgroup's chain in parallel, then the failure policy. */
    Mci create(MciBuilder request) {
        List<SubGroupRequest> groups = request.subGroups();
        if (groups.isEmpty()) {
            throw new InvalidRequestException("subgroups", "an MCI needs at least one subgroup");
        }
        Set<String> names = new HashSet<>();
        for (SubGroupRequest group : groups) {
            if (!names.add(group.name())) {
                throw new InvalidRequestException("subgroups", "two subgroups are named '" + group.name() + "'");
            }
        }
        Mci mci = new Mci(this, request.name(), request.description(), request.labels(), request.policy(), groups,
                request.listener());
        if (mcis.putIfAbsent(mci.name(), mci) != null) {
            throw new AlreadyExistsException(ErrorContext.of(null, null, request.name()), "an MCI named '" + request.name()
                    + "' exists");
        }
        Progress progress = new Progress(mci.name(), request.listener());
        progress.planned("create", groups.stream().mapToInt(SubGroupRequest::size).sum());
        Instant start = Instant.now();
        List<VmOutcome> outcomes = new ArrayList<>();
        for (List<VmProvisioner.Made> made : Parallel.map(groups, g -> createGroup(mci, g, 1, g.size(), progress))) {
            made.forEach(m -> {
                outcomes.add(m.outcome());
                m.vm().ifPresent(mci::add);
            });
        }
        MciReport report = applyPolicy(mci, "create", outcomes, progress, start);
        releaseWhereNoMember(mci, progress);
        mci.creation(report);
        if (mci.vms().isEmpty() && request.policy() == PartialFailure.ROLLBACK && !report.ok()) {
            forget(mci);
        } else if (request.postCreate() != null && !mci.vms().isEmpty()) {
            mci.postCreate(remote.exec(mci, request.postCreate()));
        }
        return mci;
    }

    /** Adds VMs to a subgroup (scale-out), with the MCI's failure policy applied to the new ones. */
    MciReport addVms(Mci mci, SubGroupRequest group, int firstIndex, int count, ProgressListener listener) {
        Progress progress = new Progress(mci.name(), listener);
        progress.planned("scale-out", count);
        Instant start = Instant.now();
        List<VmOutcome> outcomes = new ArrayList<>();
        for (VmProvisioner.Made made : createGroup(mci, group, firstIndex, count, progress)) {
            outcomes.add(made.outcome());
            made.vm().ifPresent(mci::add);
        }
        MciReport report = applyPolicy(mci, "scale-out", outcomes, progress, start);
        releaseWhereNoMember(mci, progress);
        return report;
    }

    /** Deletes VMs of an MCI in parallel; the shared resources go when nothing uses them. */
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
     * Releases the shared network of dynamic subgroups whose connection holds no VM of this MCI
     * (every VM there failed at the API): it would otherwise stay, as no later delete visits it.
     */
    private void releaseWhereNoMember(Mci mci, Progress progress) {
        Set<String> withMembers = new HashSet<>(mci.vms().stream().map(MciVm::connection).toList());
        List<Cloud> empty = dynamicClouds(mci).stream().filter(c -> !withMembers.contains(c.config().name())).toList();
        if (!empty.isEmpty()) {
            releaseShared(empty, progress);
        }
    }

    private static List<Cloud> dynamicClouds(Mci mci) {
        return mci.subGroups().stream().filter(g -> !g.isStatic()).map(SubGroupRequest::cloud).toList();
    }

    /** Forgets a deleted MCI. */
    /** The remote layer of this engine's MCIs. */
    MciRemote remote() {
        return remote;
    }

    void forget(Mci mci) {
        mcis.remove(mci.name(), mci);
        journal.mciDeleted(mci.name());
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

    private List<VmProvisioner.Made> createGroup(Mci mci, SubGroupRequest group, int firstIndex, int count, Progress progress) {
        SharedResources.Set set = null;
        if (!group.isStatic()) {
            try {
                set = shared.acquire(group.cloud(), progress);
            } catch (CloudException e) {
                // The chain broke before any VM: every VM of the group fails for that reason.
                return IntStream.range(firstIndex, firstIndex + count).mapToObj(i -> new VmProvisioner.Made(new VmOutcome(
                        group.name(), VmProvisioner.vmName(mci.name(), group.name(), i), group.connection(),
                        VmOutcome.Result.FAILED, VmStatus.TERMINATED, "shared network resources: " + e.getMessage(), 0),
                        Optional.<MciVm>empty())).toList();
            }
        }
        SharedResources.Set resources = set;
        try {
            return Parallel.map(IntStream.range(firstIndex, firstIndex + count).boxed().toList(),
                    i -> provisioner.create(mci.name(), group, resources, i, progress));
        } finally {
            if (resources != null) {
                shared.endUse(group.cloud());
            }
        }
    }

    private MciReport applyPolicy(Mci mci, String operation, List<VmOutcome> outcomes, Progress progress, Instant start) {
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

    private void releaseShared(List<Cloud> clouds, Progress progress) {
        Map<String, Cloud> byConnection = new LinkedHashMap<>();
        clouds.forEach(c -> byConnection.putIfAbsent(c.config().name(), c));
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
