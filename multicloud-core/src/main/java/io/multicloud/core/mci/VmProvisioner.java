package io.multicloud.core.mci;

import io.multicloud.api.Cloud;
import io.multicloud.api.CloudException;
import io.multicloud.api.CloudTimeoutException;
import io.multicloud.api.ConflictException;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Vm;
import io.multicloud.api.VmRequest;
import io.multicloud.api.VmStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes and removes single MCI VMs: the intent journaled before the create call, the call made
 * within the connection's concurrency bound and retried on retryable errors, the result
 * journaled, then the wait until RUNNING. A VM the cloud accepted but which ends FAILED (or never
 * runs in time) is a failure like a refused call, with the cloud's reason.
 */
final class VmProvisioner {
    /** Tag naming a VM's MCI (visible to the user as a label). */
    static final String MCI_TAG = "multicloud:mci";
    /** Tag naming a VM's subgroup. */
    static final String SUBGROUP_TAG = "multicloud:subgroup";

    private final Journal journal;
    private final Retry retry;
    private final int concurrency;
    private final Duration vmTimeout;
    private final Map<String, Semaphore> callSlots = new ConcurrentHashMap<>();

    VmProvisioner(Journal journal, Retry retry, int concurrency, Duration vmTimeout) {
        this.journal = journal;
        this.retry = retry;
        this.concurrency = concurrency;
        this.vmTimeout = vmTimeout;
    }

    /** One VM's result: its outcome and, when it exists in the cloud, the VM. */
    record Made(VmOutcome outcome, Optional<MciVm> vm) {
    }

    /** The name of a subgroup's VM. */
    static String vmName(String mci, String subGroup, int index) {
        return mci + "-" + subGroup + "-" + index;
    }

    /** Creates one VM and waits until it runs. Never throws for a cloud error: the outcome says it. */
    Made create(String mci, SubGroupRequest group, SharedResources.Set shared, int index, Progress progress) {
        Cloud cloud = group.cloud();
        String name = vmName(mci, group.name(), index);
        Map<String, String> tags = new LinkedHashMap<>(group.labels());
        tags.put(MCI_TAG, mci);
        tags.put(SUBGROUP_TAG, group.name());
        VmRequest request = VmRequest.named(name).image(group.image()).spec(group.spec()).publicIp(group.publicIp());
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            request = request.tag(tag.getKey(), tag.getValue());
        }
        request = group.isStatic()
                ? request.subnet(group.vpc(), group.subnet()).securityGroups(group.securityGroups().toArray(String[]::new))
                        .keyPair(group.keyPair())
                : request.subnet(shared.vpc(), shared.subnet()).securityGroups(shared.securityGroup()).keyPair(shared.keyPair());
        VmRequest complete = request;
        JournalEntry intent = journal.intent(mci, ResourceKind.VM, JournalEntry.ConnectionRef.of(cloud.config()), name, tags);
        progress.started("create", ResourceKind.VM, name, cloud);
        AtomicInteger attempts = new AtomicInteger();
        Vm created;
        try {
            created = withSlot(cloud, () -> retry.call(() -> {
                attempts.incrementAndGet();
                return cloud.vms().create(complete);
            }, progress.retries("create", ResourceKind.VM, name, cloud)));
        } catch (CloudException e) {
            journal.failed(intent, e.getMessage());
            progress.failed("create", ResourceKind.VM, name, cloud, e);
            return new Made(new VmOutcome(group.name(), name, cloud.config().name(), VmOutcome.Result.FAILED,
                    VmStatus.TERMINATED, e.getMessage(), attempts.get()), Optional.empty());
        }
        journal.created(intent, created.id());
        try {
            Vm running = awaitRunning(cloud, name);
            progress.done("create", ResourceKind.VM, name, cloud);
            return new Made(new VmOutcome(group.name(), name, cloud.config().name(), VmOutcome.Result.OK, running.status(),
                    null, attempts.get()), Optional.of(new MciVm(group.name(), index, cloud, running)));
        } catch (ConflictException | CloudTimeoutException e) {
            // Accepted, but FAILED or not running in time: the VM exists and must be accounted for.
            progress.failed("create", ResourceKind.VM, name, cloud, e);
            Vm seen = cloud.vms().find(name).orElse(created.withStatus(VmStatus.UNKNOWN));
            String reason = seen.statusReason() != null ? seen.statusReason() : e.getMessage();
            return new Made(new VmOutcome(group.name(), name, cloud.config().name(), VmOutcome.Result.FAILED,
                    seen.status(), reason, attempts.get()), Optional.of(new MciVm(group.name(), index, cloud, seen)));
        } catch (CloudException e) {
            progress.failed("create", ResourceKind.VM, name, cloud, e);
            return new Made(new VmOutcome(group.name(), name, cloud.config().name(), VmOutcome.Result.FAILED,
                    created.status(), e.getMessage(), attempts.get()), Optional.of(new MciVm(group.name(), index, cloud, created)));
        }
    }

    /**
     * Deletes one VM and waits until it is gone; journals it. Returns null when done, else the
     * reason it could not be deleted (the VM is then still the MCI's).
     */
    String delete(String mci, MciVm member, Progress progress) {
        Cloud cloud = member.cloud();
        String name = member.name();
        progress.started("delete", ResourceKind.VM, name, cloud);
        try {
            withSlot(cloud, () -> retry.call(() -> {
                cloud.vms().delete(name);
                return null;
            }, progress.retries("delete", ResourceKind.VM, name, cloud)));
        } catch (NotFoundException e) {
            // Gone already: what was asked is true.
        } catch (CloudException e) {
            progress.failed("delete", ResourceKind.VM, name, cloud, e);
            return e.getMessage();
        }
        journal.deleted(mci, ResourceKind.VM, JournalEntry.ConnectionRef.of(cloud.config()), name);
        progress.done("delete", ResourceKind.VM, name, cloud);
        return null;
    }

    /**
     * Waits until the VM runs, looking again after a pause of an eighth of the time waited so far
     * (5 ms to 2 s): a VM that boots in 200 ms is seen running within about 30 ms of it, one that
     * boots in a minute is asked about every 2 s. FAILED ends the wait with a ConflictException.
     */
    private Vm awaitRunning(Cloud cloud, String name) {
        long start = System.nanoTime();
        long deadline = start + vmTimeout.toNanos();
        while (true) {
            Vm vm = cloud.vms().get(name);
            if (vm.status() == VmStatus.RUNNING) {
                return vm;
            }
            if (vm.status() == VmStatus.FAILED) {
                throw new ConflictException(io.multicloud.api.ErrorContext.of(cloud.config().name(), ResourceKind.VM, name),
                        "is FAILED and will not become Running" + (vm.statusReason() == null ? "" : ": " + vm.statusReason()));
            }
            long now = System.nanoTime();
            if (now >= deadline) {
                throw new CloudTimeoutException(io.multicloud.api.ErrorContext.of(cloud.config().name(), ResourceKind.VM, name),
                        "still not Running after " + vmTimeout);
            }
            long pauseMs = Math.clamp((now - start) / 8_000_000, 5, 2000);
            try {
                Thread.sleep(Math.min(pauseMs, Math.max(1, (deadline - now) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CloudException(io.multicloud.api.ErrorContext.of(cloud.config().name(), ResourceKind.VM, name),
                        "interrupted while waiting", e);
            }
        }
    }

    /** Runs a call within the connection's bound on concurrent calls. */
    <T> T withSlot(Cloud cloud, java.util.function.Supplier<T> call) {
        Semaphore slots = callSlots.computeIfAbsent(cloud.config().name(), k -> new Semaphore(concurrency, true));
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CloudException(io.multicloud.api.ErrorContext.NONE, "interrupted while waiting for a call slot", e);
        }
        try {
            return call.get();
        } finally {
            slots.release();
        }
    }
}
