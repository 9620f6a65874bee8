package io.multicloud.core.mci;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;

/**
 * A multi-cloud infrastructure: subgroups of VMs on many connections, acted on as one. Every
 * action goes to its VMs in parallel and reports VM by VM ({@link MciReport}); a selector
 * ({@link LabelSelector}, e.g. {@code "multicloud:subgroup=mars"}) narrows it to some VMs.
 * Statuses are the clouds': an action that fails leaves each VM in the status its cloud reports,
 * which the user can act on again (the library keeps no transitional status of its own).
 * VMs are named {@code <mci>-<subgroup>-<n>}; numbers are never reused, so a scale-out never
 * touches an existing member.
 */
public final class Mci {
    /** The label every VM answers to with its own name, to select one VM. */
    public static final String VM_LABEL = "multicloud:vm";

    private final MciEngine engine;
    private final String name;
    private final String description;
    private final Map<String, String> labels;
    private final PartialFailure policy;
    private final Map<String, SubGroupRequest> subGroups = new ConcurrentHashMap<>();
    private final Map<String, MciVm> members = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> lastIndex = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> scaleLocks = new ConcurrentHashMap<>();
    private volatile MciReport creation;
    private volatile ExecReport postCreate;
    /** Hears the progress of every operation on this MCI: the one given when it was described. */
    private final ProgressListener listener;

    Mci(MciEngine engine, String name, String description, Map<String, String> labels, PartialFailure policy,
        List<SubGroupRequest> groups, ProgressListener listener) {
        this.engine = engine;
        this.listener = listener == null ? ProgressListener.NONE : listener;
        this.name = name;
        this.description = description;
        this.labels = Map.copyOf(labels);
        this.policy = policy;
        groups.forEach(g -> {
            subGroups.put(g.name(), g);
            lastIndex.put(g.name(), new AtomicInteger(g.size()));
        });
    }

    /** Its name. */
    public String name() {
        return name;
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

    /** Its subgroups as requested (sizes as at creation). */
    public List<SubGroupRequest> subGroups() {
        return subGroups.values().stream().sorted(Comparator.comparing(SubGroupRequest::name)).toList();
    }

    /** What its creation did, VM by VM. */
    public MciReport creation() {
        return creation;
    }

    /** Its VMs as last seen, in natural order (subgroup, then number). */
    public List<MciVm> vms() {
        return members.values().stream()
                .sorted(Comparator.comparing(MciVm::subGroup).thenComparingInt(MciVm::index)).toList();
    }

    /**
     * Its VMs whose labels match the selector. Besides its own labels, each VM answers to
     * {@value #VM_LABEL} with its name, so that one VM is {@code "multicloud:vm=web-mars-1"}.
     */
    public List<MciVm> vms(String selector) {
        LabelSelector parsed = LabelSelector.parse(selector);
        return vms().stream().filter(v -> {
            Map<String, String> labels = new java.util.HashMap<>(v.labels());
            labels.put(VM_LABEL, v.name());
            return parsed.matches(labels);
        }).toList();
    }

    /** The aggregated status as last seen. */
    public MciStatus status() {
        return MciStatus.of(vms().stream().map(MciVm::status).toList());
    }

    /** Reads every VM's status from its cloud, all at once, and returns the aggregated status. */
    public MciStatus refresh() {
        Parallel.map(vms(), member -> {
            Vm now = member.cloud().vms().find(member.name()).orElse(member.vm().withStatus(VmStatus.TERMINATED));
            members.computeIfPresent(member.name(), (k, old) -> old.with(now));
            return null;
        });
        return status();
    }

    /** Suspends the running VMs (of the selection). */
    public MciReport suspend(String... selector) {
        return act("suspend", selector, Set.of(VmStatus.RUNNING), VmStatus.SUSPENDED,
                (m, cloud) -> cloud.vms().suspend(m.name()));
    }

    /** Resumes the suspended VMs (of the selection). */
    public MciReport resume(String... selector) {
        return act("resume", selector, Set.of(VmStatus.SUSPENDED), VmStatus.RUNNING,
                (m, cloud) -> cloud.vms().resume(m.name()));
    }

    /** Reboots the running VMs (of the selection). */
    public MciReport reboot(String... selector) {
        return act("reboot", selector, Set.of(VmStatus.RUNNING), VmStatus.RUNNING,
                (m, cloud) -> cloud.vms().reboot(m.name()));
    }

    /** Terminates the VMs (of the selection): they are deleted and leave the MCI. */
    public MciReport terminate(String... selector) {
        Instant start = Instant.now();
        List<MciVm> targets = select(selector);
        Progress progress = new Progress(name, listener);
        progress.planned("terminate", targets.size());
        return new MciReport(name, "terminate", engine.removeVms(this, targets, "terminated", progress),
                Duration.between(start, Instant.now()));
    }

    /** Deletes every VM and then the MCI; the shared network resources go when no VM uses them any more. */
    public MciReport delete() {
        Instant start = Instant.now();
        Progress progress = new Progress(name, listener);
        progress.planned("delete", members.size());
        List<VmOutcome> outcomes = engine.removeVms(this, vms(), "deleted with the MCI", progress);
        MciReport report = new MciReport(name, "delete", outcomes, Duration.between(start, Instant.now()));
        if (report.ok()) {
            engine.forget(this);
        }
        return report;
    }

    /** Adds {@code count} VMs to a subgroup with its settings; requests on one subgroup take turns. */
    public MciReport scaleOut(String subGroup, int count) {
        return scaleOut(subGroup, count, listener);
    }

    /** As {@link #scaleOut(String, int)}, telling a listener. */
    public MciReport scaleOut(String subGroup, int count, ProgressListener listener) {
        SubGroupRequest group = requireSubGroup(subGroup);
        if (count < 1 || count > SubGroupRequest.MAX_SIZE) {
            throw new InvalidRequestException("count", "scale out by 1 to " + SubGroupRequest.MAX_SIZE + ", not " + count);
        }
        return locked(subGroup, () -> {
            int first = lastIndex.get(subGroup).getAndAdd(count) + 1;
            return engine.addVms(this, group, first, count, listener);
        });
    }

    /** Removes the {@code count} newest VMs of a subgroup. */
    public MciReport scaleIn(String subGroup, int count) {
        requireSubGroup(subGroup);
        return locked(subGroup, () -> {
            List<MciVm> newest = vms().stream().filter(v -> v.subGroup().equals(subGroup))
                    .sorted(Comparator.comparingInt(MciVm::index).reversed()).limit(count).toList();
            return removeNow("scale-in", newest);
        });
    }

    /** Removes these VMs of a subgroup. */
    public MciReport scaleIn(String subGroup, Collection<String> vmNames) {
        requireSubGroup(subGroup);
        return locked(subGroup, () -> {
            List<MciVm> named = vmNames.stream().map(n -> Optional.ofNullable(members.get(n))
                    .filter(v -> v.subGroup().equals(subGroup))
                    .orElseThrow(() -> new NotFoundException(ErrorContext.of(null, ResourceKind.VM, n),
                            "no VM '" + n + "' in subgroup " + subGroup + " of MCI " + name))).toList();
            return removeNow("scale-in", named);
        });
    }

    /**
     * Runs a command on every VM over SSH (its built-in functions expanded per VM) and reports VM
     * by VM; see {@link #exec(RemoteCommand)}.
     */
    public ExecReport exec(String command) {
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
     *     malformed or does not resolve for some VM: then no VM has been contacted
     */
    public ExecReport exec(RemoteCommand command) {
        return engine.remote().exec(this, command);
    }

    /** As {@link #exec(RemoteCommand)}, on a virtual thread: the future completes with the report. */
    public CompletableFuture<ExecReport> execAsync(RemoteCommand command) {
        CompletableFuture<ExecReport> future = new CompletableFuture<>();
        Thread.ofVirtual().name("mci-exec-" + name).start(() -> {
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
        return engine.remote().upload(this, local, remotePath, RemoteCommand.of("upload").on(String.join(",", selector)));
    }

    /** Downloads a file from one VM over SFTP to a local path (replaced when it exists). */
    public TransferResult download(String vm, String remotePath, Path local) {
        return engine.remote().download(this, vm, local, remotePath, RemoteCommand.of("download"));
    }

    /** What the post-create commands did, when the MCI was described with some. */
    public Optional<ExecReport> postCreate() {
        return Optional.ofNullable(postCreate);
    }

    @Override
    public String toString() {
        return "Mci[" + name + ", " + status() + ", subgroups=" + subGroups.keySet().stream().sorted().toList() + "]";
    }

    void postCreate(ExecReport report) {
        this.postCreate = report;
    }

    void creation(MciReport report) {
        this.creation = report;
    }

    void add(MciVm member) {
        members.put(member.name(), member);
    }

    void remove(String vmName) {
        members.remove(vmName);
    }

    private MciReport removeNow(String operation, List<MciVm> targets) {
        Instant start = Instant.now();
        Progress progress = new Progress(name, listener);
        progress.planned(operation, targets.size());
        return new MciReport(name, operation, engine.removeVms(this, targets, operation, progress),
                Duration.between(start, Instant.now()));
    }

    private MciReport locked(String subGroup, java.util.function.Supplier<MciReport> work) {
        ReentrantLock lock = scaleLocks.computeIfAbsent(subGroup, k -> new ReentrantLock(true));
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    private SubGroupRequest requireSubGroup(String subGroup) {
        SubGroupRequest group = subGroups.get(subGroup);
        if (group == null) {
            throw new NotFoundException(ErrorContext.of(null, null, subGroup), "MCI " + name + " has no subgroup '"
                    + subGroup + "'; it has " + subGroups.keySet().stream().sorted().toList());
        }
        return group;
    }

    private List<MciVm> select(String... selector) {
        return selector.length == 0 ? vms() : vms(String.join(",", selector));
    }

    /**
     * Acts on every selected VM at once: reads its status from the cloud, skips it when the action
     * does not apply, else calls and waits for the target status. A failure reads the status
     * again, so the report shows where the VM really is.
     */
    private MciReport act(String action, String[] selector, Set<VmStatus> eligible, VmStatus target,
                          BiFunction<MciVm, io.multicloud.api.Cloud, VmStatus> call) {
        Instant start = Instant.now();
        List<MciVm> targets = select(selector);
        Progress progress = new Progress(name, listener);
        progress.planned(action, targets.size());
        List<VmOutcome> outcomes = Parallel.map(targets, member -> {
            var cloud = member.cloud();
            try {
                Vm now = cloud.vms().get(member.name());
                update(member, now);
                if (!eligible.contains(now.status())) {
                    return outcome(member, VmOutcome.Result.SKIPPED, now.status(), "it is " + now.status().display(), 0);
                }
                progress.started(action, ResourceKind.VM, member.name(), cloud);
                engine.retry().call(() -> call.apply(member, cloud), progress.retries(action, ResourceKind.VM, member.name(), cloud));
                Vm after = cloud.vms().waitUntil(member.name(), target, engine.vmTimeout());
                update(member, after);
                progress.done(action, ResourceKind.VM, member.name(), cloud);
                return outcome(member, VmOutcome.Result.OK, after.status(), null, 1);
            } catch (CloudException e) {
                progress.failed(action, ResourceKind.VM, member.name(), cloud, e);
                VmStatus seen = reread(member);
                return outcome(member, VmOutcome.Result.FAILED, seen, e.getMessage(), 1);
            }
        });
        return new MciReport(name, action, outcomes, Duration.between(start, Instant.now()));
    }

    private VmStatus reread(MciVm member) {
        try {
            Vm now = member.cloud().vms().find(member.name()).orElse(member.vm().withStatus(VmStatus.TERMINATED));
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
