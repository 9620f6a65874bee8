package io.multicloud.core.mci;

import io.multicloud.api.Cloud;
import io.multicloud.api.CloudException;
import io.multicloud.api.ErrorContext;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Vm;
import io.multicloud.api.VmStatus;
import io.multicloud.core.remote.ExecReport;
import io.multicloud.core.remote.RemoteCommand;
import io.multicloud.core.remote.TransferReport;
import io.multicloud.core.remote.TransferResult;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A multi-cloud infrastructure: subgroups of VMs on many connections, acted on as one. Every
 * action goes to its VMs in parallel and reports VM by VM ({@link MciReport}); a selector
 * ({@link LabelSelector}, e.g. {@code "multicloud:subgroup=mars"}) narrows it to some VMs, and one
 * that matches no VM is refused. Statuses are the clouds': an action that fails leaves each VM in
 * the status its cloud reports, which the user can act on again (the library keeps no
 * transitional status of its own).
 *
 * <p>An MCI is not owned by the process that made it: its VMs carry tags ({@link MciTags}) from
 * which any process of the same owner rebuilds it, as usable as here ({@code mc.mcis().get(name)}).
 * VMs are named {@code <mci>-<subgroup>-<n>}; within a process numbers are never reused, so a
 * scale-out never touches an existing member (after a rebuild, numbering goes on after the
 * highest number found). Scale requests on one subgroup take turns; {@link #delete()} waits for
 * the operations under way, and an MCI deleted is refused any later operation.
 */
public final class Mci {
    /** The label every VM answers to with its own name, to select one VM. */
    public static final String VM_LABEL = "multicloud:vm";

    private final MciEngine engine;
    private final MciTags.Identity identity;
    private final String description;
    private final Map<String, String> labels;
    private final PartialFailure policy;
    private final Budget budget;
    private final String settingsTag;
    private final Map<String, SubGroupRequest> subGroups = new ConcurrentHashMap<>();
    private final Map<String, MciVm> members = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> lastIndex = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> scaleLocks = new ConcurrentHashMap<>();
    /** Operations hold it shared; delete holds it alone, so that it waits for a scale-out under way. */
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock(true);
    private volatile boolean deleted;
    private volatile MciReport creation;
    private volatile ExecReport postCreate;
    /** Hears the progress of every operation on this MCI: the one given when it was described. */
    private final ProgressListener listener;

    Mci(MciEngine engine, MciTags.Identity identity, String description, Map<String, String> labels, PartialFailure policy,
        Budget budget, List<SubGroupRequest> groups, ProgressListener listener) {
        this.engine = engine;
        this.identity = identity;
        this.listener = listener == null ? ProgressListener.NONE : listener;
        this.description = description;
        this.labels = Map.copyOf(labels);
        this.policy = policy;
        this.budget = budget;
        this.settingsTag = MciTags.settings(policy, description, labels, budget);
        groups.forEach(g -> {
            subGroups.put(g.name(), g);
            lastIndex.put(g.name(), new AtomicInteger(g.size()));
        });
    }

    /** Its name. */
    public String name() {
        return identity.mci();
    }

    /** The id of its creation (tagged on each VM): it tells this MCI from an earlier one of the same name. */
    public String id() {
        return identity.id();
    }

    /** The owner id of the installation that made it. */
    public String owner() {
        return identity.owner();
    }

    /** Its description. */
    public String description() {
        return description;
    }

    /** Its labels. */
    public Map<String, String> labels() {
        return labels;
    }

    /** Its failure policy, for creation and scale-out. */
    public PartialFailure policy() {
        return policy;
    }

    /** Its cap on cost per hour, if it has one: creation and scale-out beyond it are refused before any call. */
    public Optional<Budget> budget() {
        return Optional.ofNullable(budget);
    }

    /**
     * What its VMs cost per hour, from the price each was launched at (recorded in its tags when it
     * was made), not from the catalog now: a price change later does not change it. VMs made
     * without a known price are named apart.
     */
    public MciCost cost() {
        return MciCost.of(vms());
    }

    /** Its subgroups, each with its declared size (what it was made with, changed by scaling). */
    public List<SubGroupRequest> subGroups() {
        return subGroups.values().stream().sorted(Comparator.comparing(SubGroupRequest::name)).toList();
    }

    /** What its creation did, VM by VM (null for an MCI found again in the clouds). */
    public MciReport creation() {
        return creation;
    }

    /** Its VMs as last seen, in natural order (subgroup, then number). */
    public List<MciVm> vms() {
        return members.values().stream()
                .sorted(Comparator.comparing(MciVm::subGroup).thenComparingInt(MciVm::index)).toList();
    }

    /**
     * Its VMs whose labels match the selector (none may match). Besides its own labels, each VM
     * answers to {@value #VM_LABEL} with its name, so that one VM is {@code "multicloud:vm=web-mars-1"}.
     */
    public List<MciVm> vms(String selector) {
        LabelSelector parsed = LabelSelector.parse(selector);
        return vms().stream().filter(v -> {
            Map<String, String> vmLabels = new HashMap<>(v.labels());
            vmLabels.put(VM_LABEL, v.name());
            return parsed.matches(vmLabels);
        }).toList();
    }

    /** Whether it has been deleted (every later operation is refused). */
    public boolean deleted() {
        return deleted;
    }

    /** The aggregated status as last seen. */
    public MciStatus status() {
        return MciStatus.of(vms().stream().map(MciVm::status).toList());
    }

    /**
     * Reads every VM's status from its cloud (one listing per connection) and returns the
     * aggregated status. A VM the cloud no longer lists reads TERMINATED.
     */
    public MciStatus refresh() {
        Map<String, Map<String, Vm>> listed = listByConnection();
        for (MciVm member : vms()) {
            Vm now = listed.getOrDefault(member.connection(), Map.of()).get(member.name());
            update(member, now != null ? now : member.vm().withStatus(VmStatus.TERMINATED));
        }
        return status();
    }

    /** Suspends the running VMs (of the selection). */
    public MciReport suspend(String... selector) {
        return act("suspend", selector, Set.of(VmStatus.RUNNING), VmStatus.SUSPENDED,
                Set.of(VmStatus.SUSPENDING, VmStatus.SUSPENDED), (m, cloud) -> cloud.vms().suspend(m.name()));
    }

    /** Resumes the suspended VMs (of the selection). */
    public MciReport resume(String... selector) {
        return act("resume", selector, Set.of(VmStatus.SUSPENDED), VmStatus.RUNNING,
                Set.of(VmStatus.RESUMING, VmStatus.RUNNING), (m, cloud) -> cloud.vms().resume(m.name()));
    }

    /** Reboots the running VMs (of the selection). */
    public MciReport reboot(String... selector) {
        return act("reboot", selector, Set.of(VmStatus.RUNNING), VmStatus.RUNNING, Set.of(VmStatus.REBOOTING),
                (m, cloud) -> cloud.vms().reboot(m.name()));
    }

    /** Terminates the VMs (of the selection): they are deleted and leave the MCI, and their subgroups' declared sizes shrink. */
    public MciReport terminate(String... selector) {
        return operate(() -> {
            List<MciVm> targets = select(selector);
            return shrink("terminate", targets);
        });
    }

    /**
     * Deletes every VM, each verified gone, and then the MCI; the shared network resources go when
     * no VM of any process uses them any more. Waits for operations under way (a scale-out) first.
     * When some VM could not be deleted, the report says which, and the MCI stays (delete again).
     */
    public MciReport delete() {
        lifecycle.writeLock().lock();
        try {
            requireAlive();
            reviveConnections();
            Instant start = Instant.now();
            Progress progress = new Progress(name(), listener);
            progress.planned("delete", members.size());
            List<VmOutcome> outcomes = engine.removeVms(this, vms(), "deleted with the MCI", progress);
            MciReport report = new MciReport(name(), "delete", outcomes, Duration.between(start, Instant.now()));
            if (report.ok()) {
                deleted = true;
                engine.forget(this);
            }
            return report;
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    /** Adds {@code count} VMs to a subgroup with its settings; requests on one subgroup take turns. */
    public MciReport scaleOut(String subGroup, int count) {
        return scaleOut(subGroup, count, listener);
    }

    /** As {@link #scaleOut(String, int)}, telling a listener. */
    public MciReport scaleOut(String subGroup, int count, ProgressListener progressListener) {
        SubGroupRequest group = requireSubGroup(subGroup);
        if (count < 1 || count > SubGroupRequest.MAX_SIZE) {
            throw new InvalidRequestException("count", "scale out by 1 to " + SubGroupRequest.MAX_SIZE + ", not " + count);
        }
        return operate(() -> locked(subGroup, () -> {
            SubGroupRequest current = live(subGroups.get(subGroup));
            // Priced, and held to the budget, before any call that makes anything.
            io.multicloud.core.catalog.PriceQuote price = engine.quote(current);
            if (budget != null) {
                BudgetLedger.checkScaleOut(this, current, count, price);
            }
            int before = membersOf(subGroup).size();
            int first = lastIndex.get(subGroup).getAndAdd(count) + 1;
            MciReport report = engine.addVms(this, current, first, count, current.size() + count, progressListener, price);
            resize(subGroup, current.size() + membersOf(subGroup).size() - before);
            return report;
        }));
    }

    /** Removes the {@code count} newest VMs of a subgroup; more than it has is refused. */
    public MciReport scaleIn(String subGroup, int count) {
        requireSubGroup(subGroup);
        if (count < 1) {
            throw new InvalidRequestException("count", "scale in by 1 or more VMs, not " + count);
        }
        return operate(() -> locked(subGroup, () -> {
            List<MciVm> groupVms = membersOf(subGroup);
            if (count > groupVms.size()) {
                throw new InvalidRequestException("count", "subgroup " + subGroup + " of MCI " + name() + " has "
                        + groupVms.size() + " VM(s); cannot remove " + count);
            }
            List<MciVm> newest = groupVms.stream().sorted(Comparator.comparingInt(MciVm::index).reversed()).limit(count).toList();
            return shrink("scale-in", newest);
        }));
    }

    /** Removes these VMs of a subgroup. */
    public MciReport scaleIn(String subGroup, Collection<String> vmNames) {
        requireSubGroup(subGroup);
        if (vmNames == null || vmNames.isEmpty()) {
            throw new InvalidRequestException("vm names", "name at least one VM to remove");
        }
        return operate(() -> locked(subGroup, () -> {
            List<MciVm> named = vmNames.stream().map(n -> Optional.ofNullable(members.get(n))
                    .filter(v -> v.subGroup().equals(subGroup))
                    .orElseThrow(() -> new NotFoundException(ErrorContext.of(null, ResourceKind.VM, n),
                            "no VM '" + n + "' in subgroup " + subGroup + " of MCI " + name()))).distinct().toList();
            return shrink("scale-in", named);
        }));
    }

    /**
     * Compares what this MCI expects with what its clouds hold, and changes nothing: per VM,
     * missing (a member the cloud no longer lists: deleted outside the library), extra (a VM
     * tagged as this MCI's, of this owner, that is not a member: left by an earlier creation of the
     * same name, or made by a lost answer) and changed (status or spec differ from last seen). Its
     * {@link Drift#repair()} deletes the extras and makes the missing again.
     */
    public Drift reconcile() {
        return operate(() -> Drift.of(this, listByConnection()));
    }

    /**
     * Runs a command on every VM over SSH (its built-in functions expanded per VM) and reports VM
     * by VM; see {@link #exec(RemoteCommand)}.
     */
    public ExecReport exec(String command) {
        if (command == null) {
            throw new InvalidRequestException("command", "is required");
        }
        return exec(RemoteCommand.of(command));
    }

    /**
     * Runs commands on the VMs the request selects (all by default; a subgroup with
     * {@code multicloud:subgroup=<name>}, one VM with {@code multicloud:vm=<name>}), all at once up
     * to its parallelism, in one shell per VM. Each VM's login is its key pair's private key from
     * the SSH store (the MCI's shared key is put there when made) or a stored password; VMs without
     * a public IP are reached through a bastion. Returns when every VM has finished.
     *
     * @throws io.multicloud.api.InvalidRequestException when a command or one of its functions is
     *     malformed or does not resolve for some VM, or the selector matches no VM: then no VM has
     *     been contacted
     */
    public ExecReport exec(RemoteCommand command) {
        if (command == null) {
            throw new InvalidRequestException("command", "is required");
        }
        return operate(() -> {
            requireMatch(command.selector());
            return engine.remote().exec(this, command);
        });
    }

    /** As {@link #exec(RemoteCommand)}, on a virtual thread: the future completes with the report. */
    public CompletableFuture<ExecReport> execAsync(RemoteCommand command) {
        CompletableFuture<ExecReport> future = new CompletableFuture<>();
        Thread.ofVirtual().name("mci-exec-" + name()).start(() -> {
            try {
                future.complete(exec(command));
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
            }
        });
        return future;
    }

    /**
     * Uploads a local file to the selected VMs over SFTP (all VMs when no selector is given);
     * relative remote paths are from the login user's home, and missing directories are made.
     */
    public TransferReport upload(Path local, String remotePath, String... selector) {
        String joined = String.join(",", selector);
        return operate(() -> {
            requireMatch(joined);
            return engine.remote().upload(this, local, remotePath, RemoteCommand.of("upload").on(joined));
        });
    }

    /** Downloads a file from one VM over SFTP to a local path (replaced when it exists). */
    public TransferResult download(String vm, String remotePath, Path local) {
        return operate(() -> engine.remote().download(this, vm, local, remotePath, RemoteCommand.of("download")));
    }

    /** What the post-create commands did, when the MCI was described with some. */
    public Optional<ExecReport> postCreate() {
        return Optional.ofNullable(postCreate);
    }

    @Override
    public String toString() {
        return "Mci[" + name() + ", " + status() + ", subgroups=" + subGroups.keySet().stream().sorted().toList()
                + (deleted ? ", deleted" : "") + "]";
    }

    MciTags.Identity identity() {
        return identity;
    }

    /** Repairs what a reconcile found (see {@link Drift#repair()}). */
    MciReport repair(Drift drift) {
        return operate(() -> Drift.repair(drift, this, engine));
    }

    /** The open connection of this name among the MCI's. */
    Optional<Cloud> cloudOf(String connection) {
        return subGroups.values().stream().map(SubGroupRequest::cloud).filter(c -> c.config().name().equals(connection))
                .findFirst().or(() -> members.values().stream().map(MciVm::cloud)
                        .filter(c -> c.config().name().equals(connection)).findFirst())
                .map(engine::live);
    }

    /** Makes {@code count} new VMs in a subgroup without changing its declared size (a repair). */
    MciReport makeUpTo(String subGroup, int count) {
        return locked(subGroup, () -> {
            SubGroupRequest current = subGroups.get(subGroup);
            int first = lastIndex.get(subGroup).getAndAdd(count) + 1;
            return engine.addVms(this, live(current), first, count, current.size(), listener, null);
        });
    }

    /** Its settings as the VMs' tag carries them. */
    String settingsTag() {
        return settingsTag;
    }

    void postCreate(ExecReport report) {
        this.postCreate = report;
    }

    void creation(MciReport report) {
        this.creation = report;
    }

    void add(MciVm member) {
        members.put(member.name(), member);
        lastIndex.computeIfAbsent(member.subGroup(), k -> new AtomicInteger()).accumulateAndGet(member.index(), Math::max);
    }

    /** A failover subgroup now lives at its place; its numbers go on after {@code lastUsed}. */
    void placed(SubGroupRequest group, int lastUsed) {
        subGroups.put(group.name(), group);
        lastIndex.computeIfAbsent(group.name(), k -> new AtomicInteger()).accumulateAndGet(lastUsed, Math::max);
    }

    void remove(String vmName) {
        members.remove(vmName);
    }

    /** Sets a subgroup's declared size. */
    void resize(String subGroup, int size) {
        subGroups.computeIfPresent(subGroup, (k, g) -> g.size(Math.clamp(size, 1, SubGroupRequest.MAX_SIZE)));
    }

    /** The VMs of one subgroup. */
    List<MciVm> membersOf(String subGroup) {
        return vms().stream().filter(v -> v.subGroup().equals(subGroup)).toList();
    }

    /** The listener given when the MCI was described. */
    ProgressListener listener() {
        return listener;
    }

    /** Runs an operation that must not overlap a delete, on an MCI that is not deleted. */
    <T> T operate(Supplier<T> work) {
        lifecycle.readLock().lock();
        try {
            requireAlive();
            reviveConnections();
            return work.get();
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** Every VM this MCI's connections list with its tag, by connection and name: one listing per connection. */
    Map<String, Map<String, Vm>> listByConnection() {
        Map<String, Cloud> clouds = new LinkedHashMap<>();
        subGroups.values().forEach(g -> clouds.putIfAbsent(g.connection(), engine.live(g.cloud())));
        members.values().forEach(m -> clouds.putIfAbsent(m.connection(), engine.live(m.cloud())));
        List<Map.Entry<String, Cloud>> entries = List.copyOf(clouds.entrySet());
        List<Map<String, Vm>> listed = Parallel.map(entries, e -> {
            Map<String, Vm> byName = new LinkedHashMap<>();
            e.getValue().vms().listTagged(MciTags.MCI, name()).forEach(v -> byName.put(v.name(), v));
            return byName;
        });
        Map<String, Map<String, Vm>> out = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            out.put(entries.get(i).getKey(), listed.get(i));
        }
        return out;
    }

    /** A subgroup with its connection open. */
    private SubGroupRequest live(SubGroupRequest group) {
        Cloud cloud = engine.live(group.cloud());
        return cloud == group.cloud() ? group : group.on(cloud);
    }

    /** Replaces connections that were closed by reopened ones, in the subgroups and the members. */
    private void reviveConnections() {
        for (SubGroupRequest g : List.copyOf(subGroups.values())) {
            if (!g.cloud().isOpen()) {
                subGroups.put(g.name(), live(g));
            }
        }
        for (MciVm m : List.copyOf(members.values())) {
            if (!m.cloud().isOpen()) {
                members.computeIfPresent(m.name(), (k, old) -> old.on(engine.live(old.cloud())));
            }
        }
    }

    private void requireAlive() {
        if (deleted) {
            throw new NotFoundException(ErrorContext.of(null, null, name()), "MCI " + name() + " was deleted");
        }
    }

    /** Removes VMs and shrinks their subgroups' declared sizes by what was removed. */
    private MciReport shrink(String operation, List<MciVm> targets) {
        Instant start = Instant.now();
        Progress progress = new Progress(name(), listener);
        progress.planned(operation, targets.size());
        List<VmOutcome> outcomes = engine.removeVms(this, targets, operation, progress);
        Map<String, Integer> removed = new HashMap<>();
        outcomes.stream().filter(o -> o.result() == VmOutcome.Result.REMOVED).forEach(o -> removed.merge(o.subGroup(), 1, Integer::sum));
        removed.forEach((group, n) -> {
            SubGroupRequest g = subGroups.get(group);
            if (g != null) {
                resize(group, g.size() - n);
                syncDeclaredSize(group);
            }
        });
        return new MciReport(name(), operation, outcomes, Duration.between(start, Instant.now()));
    }

    /**
     * Writes a subgroup's declared size onto its newest VM's tag (a rebuild reads it there), when
     * it differs. Best effort: a failure is logged, and the size is right again after the next scale.
     */
    private void syncDeclaredSize(String subGroup) {
        SubGroupRequest group = subGroups.get(subGroup);
        Optional<MciVm> newest = membersOf(subGroup).stream().max(Comparator.comparingInt(MciVm::index));
        if (group == null || newest.isEmpty()) {
            return;
        }
        String tag = MciTags.group(group, group.size());
        if (tag.equals(newest.get().labels().get(MciTags.GROUP))) {
            return;
        }
        try {
            engine.live(newest.get().cloud()).tags().add(ResourceKind.VM, newest.get().name(), Map.of(MciTags.GROUP, tag));
            Map<String, String> tags = new HashMap<>(newest.get().vm().tags());
            tags.put(MciTags.GROUP, tag);
            Vm vm = newest.get().vm();
            update(newest.get(), new Vm(vm.name(), vm.id(), vm.status(), vm.statusReason(), vm.region(), vm.zone(), vm.spec(),
                    vm.image(), vm.vpc(), vm.subnet(), vm.securityGroups(), vm.keyPair(), vm.publicIp(), vm.privateIp(),
                    vm.ssh(), vm.rootDiskGB(), vm.rootDiskType(), vm.createdAt(), tags));
        } catch (CloudException e) {
            org.slf4j.LoggerFactory.getLogger(Mci.class).warn("could not write the declared size of subgroup {} of MCI {} on {}: {}",
                    subGroup, name(), newest.get().name(), e.getMessage());
        }
    }

    private MciReport locked(String subGroup, Supplier<MciReport> work) {
        ReentrantLock lock = scaleLocks.computeIfAbsent(subGroup, k -> new ReentrantLock(true));
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    private SubGroupRequest requireSubGroup(String subGroup) {
        SubGroupRequest group = subGroup == null ? null : subGroups.get(subGroup);
        if (group == null) {
            throw new NotFoundException(ErrorContext.of(null, null, subGroup), "MCI " + name() + " has no subgroup '"
                    + subGroup + "'; it has " + subGroups.keySet().stream().sorted().toList());
        }
        return group;
    }

    /** The VMs of a selection; a selector that matches none is refused. */
    private List<MciVm> select(String... selector) {
        if (selector == null || selector.length == 0) {
            return vms();
        }
        String joined = String.join(",", selector);
        requireMatch(joined);
        return vms(joined);
    }

    private void requireMatch(String selector) {
        if (selector != null && !selector.isBlank() && vms(selector).isEmpty()) {
            throw new InvalidRequestException("selector", "'" + selector + "' matches no VM of MCI " + name());
        }
    }

    /**
     * Acts on every selected VM at once: reads the statuses (one listing per connection), skips a
     * VM the action does not apply to, else calls (retried; a retry first looks whether the lost
     * answer took effect) and waits for the target status. A failure reads the status again, so the
     * report shows where the VM really is.
     */
    private MciReport act(String action, String[] selector, Set<VmStatus> eligible, VmStatus target, Set<VmStatus> tookEffect,
                          java.util.function.BiFunction<MciVm, Cloud, VmStatus> call) {
        return operate(() -> {
            Instant start = Instant.now();
            List<MciVm> targets = select(selector);
            Progress progress = new Progress(name(), listener);
            progress.planned(action, targets.size());
            Map<String, Map<String, Vm>> listed = listByConnection();
            List<VmOutcome> outcomes = Parallel.map(targets, member -> {
                Cloud cloud = engine.live(member.cloud());
                try {
                    Vm now = listed.getOrDefault(member.connection(), Map.of()).get(member.name());
                    if (now == null) {
                        now = cloud.vms().get(member.name());
                    }
                    update(member, now);
                    if (!eligible.contains(now.status())) {
                        return outcome(member, VmOutcome.Result.SKIPPED, now.status(), "it is " + now.status().display(), 0);
                    }
                    progress.started(action, ResourceKind.VM, member.name(), cloud);
                    int attempts = callAction(member, cloud, action, tookEffect, c -> call.apply(member, c), progress);
                    Vm after = engine.watch().untilStatus(cloud, member.name(), target, engine.vmTimeout(), null);
                    update(member, after);
                    progress.done(action, ResourceKind.VM, member.name(), cloud);
                    return outcome(member, VmOutcome.Result.OK, after.status(), null, attempts);
                } catch (CloudException e) {
                    progress.failed(action, ResourceKind.VM, member.name(), cloud, e);
                    VmStatus seen = reread(member, cloud);
                    return outcome(member, VmOutcome.Result.FAILED, seen, e.getMessage(), 1);
                }
            });
            return new MciReport(name(), action, outcomes, Duration.between(start, Instant.now()));
        });
    }

    /**
     * One action call with its retries. After a failure that may hide a lost answer (retryable, or
     * any failure of a retry), the VM is looked at: a status that shows the action took effect ends
     * the call as done rather than calling again. Returns the attempts made.
     */
    private int callAction(MciVm member, Cloud cloud, String action, Set<VmStatus> tookEffect, Function<Cloud, VmStatus> call,
                           Progress progress) {
        Retry retry = engine.retry();
        for (int attempt = 1; ; attempt++) {
            try {
                engine.provisioner().withSlot(cloud, () -> call.apply(cloud));
                return attempt;
            } catch (CloudException e) {
                if (e.retryable() || attempt > 1) {
                    Optional<Vm> now = quietFind(cloud, member.name());
                    if (now.isPresent() && tookEffect.contains(now.get().status())) {
                        return attempt;
                    }
                }
                if (!e.retryable() || attempt >= retry.attempts()) {
                    throw e;
                }
                Duration pause = retry.pause(attempt);
                progress.retries(action, ResourceKind.VM, member.name(), cloud).retrying(attempt, e, pause);
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static Optional<Vm> quietFind(Cloud cloud, String name) {
        try {
            return cloud.vms().find(name);
        } catch (CloudException e) {
            return Optional.empty();
        }
    }

    private VmStatus reread(MciVm member, Cloud cloud) {
        try {
            Vm now = cloud.vms().find(member.name()).orElse(member.vm().withStatus(VmStatus.TERMINATED));
            update(member, now);
            return now.status();
        } catch (CloudException e) {
            return VmStatus.UNKNOWN;
        }
    }

    private void update(MciVm member, Vm now) {
        members.computeIfPresent(member.name(), (k, old) -> old.with(now));
    }

    private static VmOutcome outcome(MciVm member, VmOutcome.Result result, VmStatus status, String reason, int attempts) {
        return new VmOutcome(member.subGroup(), member.name(), member.connection(), result, status, reason, attempts);
    }
}
