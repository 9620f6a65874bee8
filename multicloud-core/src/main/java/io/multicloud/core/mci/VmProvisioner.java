package io.multicloud.core.mci;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.Cloud;
import io.multicloud.api.CloudException;
import io.multicloud.api.CloudTimeoutException;
import io.multicloud.api.ConflictException;
import io.multicloud.api.ErrorContext;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Vm;
import io.multicloud.api.VmRequest;
import io.multicloud.api.VmStatus;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes and removes single MCI VMs, so that no answer lost on the way leaves a VM nobody knows:
 * <ul>
 *   <li>the intent is journaled before the create call, which carries the MCI's tags and a client
 *       token derived from the intent (the cloud's idempotency key: a retry answers the VM the
 *       first call made);</li>
 *   <li>a retryable failure (a lost answer looks like one) is followed by a look-up by name before
 *       the retry: a VM there with this creation's id is adopted, not made again; a taken name
 *       ({@link AlreadyExistsException}) is adopted the same way, and is another MCI's when its id
 *       differs ({@link NameTaken});</li>
 *   <li>a create that finally fails is looked up once more: only a VM verified absent is journaled
 *       as failed;</li>
 *   <li>a VM create that finds the shared network gone (another process released it) makes it
 *       again and tries once more;</li>
 *   <li>then the wait until RUNNING, answered with every other VM of the connection by one listing
 *       per round ({@link VmWatch}).</li>
 * </ul>
 * Delete terminates (retried; a VM already gone is success), waits until the cloud no longer lists
 * it, and only then tells the journal.
 */
final class VmProvisioner {
    private static final Logger LOG = LoggerFactory.getLogger(VmProvisioner.class);

    private final Journal journal;
    private final Retry retry;
    private final int concurrency;
    private final Duration vmTimeout;
    private final VmWatch watch;
    private final Map<String, Semaphore> callSlots = new ConcurrentHashMap<>();

    VmProvisioner(Journal journal, Retry retry, int concurrency, Duration vmTimeout, VmWatch watch) {
        this.journal = journal;
        this.retry = retry;
        this.concurrency = concurrency;
        this.vmTimeout = vmTimeout;
        this.watch = watch;
    }

    /**
     * One VM's result: its outcome, the VM when it exists in the cloud, and the cloud's error when
     * its create was refused (null otherwise), which failover reads for its scope.
     */
    record Made(VmOutcome outcome, Optional<MciVm> vm, CloudException error) {
        Made(VmOutcome outcome, Optional<MciVm> vm) {
            this(outcome, vm, null);
        }
    }

    /** The VM's name is another MCI's (another creation of the same name, here or in another process). */
    static final class NameTaken extends AlreadyExistsException {
        NameTaken(ErrorContext context, String message) {
            super(context, message);
        }
    }

    /** The VM's name was taken first by a concurrent creation of this very MCI (same owner, another creation id). */
    static final class NameContested extends AlreadyExistsException {
        NameContested(ErrorContext context, String message) {
            super(context, message);
        }
    }

    /**
     * One VM to make.
     *
     * @param identity the MCI's name, creation id and owner
     * @param group its subgroup
     * @param index its number in the subgroup
     * @param tags every tag it carries
     * @param shared the shared network it goes on (dynamic subgroups), refreshed when found gone; null for static ones
     * @param place the place a failover subgroup tries (its client tokens differ from those of another
     *              place, where a VM of the same name was made and deleted), or null
     */
    record Plan(MciTags.Identity identity, SubGroupRequest group, int index, Map<String, String> tags, SharedNetwork shared,
                String place) {
        String name() {
            return vmName(identity.mci(), group.name(), index);
        }

        String token() {
            return clientToken(identity, place == null ? name() : name() + "@" + place);
        }
    }

    /** A dynamic subgroup's shared network: the set in use, and how to make it again. */
    interface SharedNetwork {
        SharedResources.Set current();

        SharedResources.Set remake();
    }

    /** The name of a subgroup's VM. */
    static String vmName(String mci, String subGroup, int index) {
        return mci + "-" + subGroup + "-" + index;
    }

    /**
     * The client token of a VM of a creation: the same for every retry, another for every creation.
     * A UUID (GCP takes only those) from two 64-bit hashes of owner, creation id and VM name: not
     * MD5 as {@link UUID#nameUUIDFromBytes} would, which cost a 10,000-VM MCI 4 % of its CPU, and
     * nothing here needs a cryptographic hash (the creation id is random already).
     */
    static String clientToken(MciTags.Identity identity, String vm) {
        String text = identity.owner() + "/" + identity.id() + "/" + vm;
        long high = 0xcbf29ce484222325L;
        long low = 0x9e3779b97f4a7c15L;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            high = (high ^ c) * 0x100000001b3L;
            low = Long.rotateLeft(low ^ c, 31) * 0xbf58476d1ce4e5b9L;
        }
        // Version 4 and the IETF variant, so that any UUID parser takes it.
        high = (high & ~0xf000L) | 0x4000L;
        low = (low & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /**
     * Creates one VM and waits until it runs. Never throws for a cloud error (the outcome says it),
     * except {@link NameTaken} when another MCI has the name, and {@link NameContested} when a
     * concurrent creation of this MCI made it first.
     */
    Made create(Plan plan, Progress progress, Stop stop) {
        Cloud cloud = plan.group().cloud();
        String name = plan.name();
        String group = plan.group().name();
        JournalEntry intent = journal.intent(plan.identity().mci(), ResourceKind.VM, JournalEntry.ConnectionRef.of(cloud.config()),
                name, plan.tags());
        progress.started("create", ResourceKind.VM, name, cloud);
        int[] attempts = {0};
        Vm created;
        try {
            created = withSlot(cloud, () -> {
                try (VmWatch.Creating call = watch.creating(cloud)) {
                    return createOrAdopt(plan, attempts, progress, stop);
                }
            });
        } catch (Stopped e) {
            journal.failed(intent, e.getMessage());
            return new Made(outcome(plan, VmOutcome.Result.FAILED, VmStatus.TERMINATED, e.getMessage(), attempts[0]),
                    Optional.empty());
        } catch (NameTaken | NameContested e) {
            journal.failed(intent, e.getMessage());
            progress.failed("create", ResourceKind.VM, name, cloud, e);
            throw e;
        } catch (CloudException e) {
            progress.failed("create", ResourceKind.VM, name, cloud, e);
            Optional<Vm> there = lookUp(cloud, name, plan.identity());
            if (there.isPresent()) {
                // Made after all (an answer lost on the last try): it is a member, however it fares.
                created = there.get();
            } else {
                if (verifiedAbsent(cloud, name)) {
                    journal.failed(intent, e.getMessage());
                }
                return new Made(outcome(plan, VmOutcome.Result.FAILED, VmStatus.TERMINATED, e.getMessage(), attempts[0]),
                        Optional.empty(), e);
            }
        }
        journal.created(intent, created.id());
        try {
            Vm running = watch.untilStatus(cloud, name, VmStatus.RUNNING, vmTimeout, stop);
            progress.done("create", ResourceKind.VM, name, cloud);
            return new Made(outcome(plan, VmOutcome.Result.OK, running.status(), null, attempts[0]),
                    Optional.of(new MciVm(group, plan.index(), cloud, running)));
        } catch (ConflictException | CloudTimeoutException e) {
            // Accepted, but FAILED or not running in time: the VM exists and must be accounted for.
            progress.failed("create", ResourceKind.VM, name, cloud, e);
            Vm seen = quietFind(cloud, name).orElse(created.withStatus(VmStatus.UNKNOWN));
            String reason = seen.statusReason() != null ? seen.statusReason() : e.getMessage();
            return new Made(outcome(plan, VmOutcome.Result.FAILED, seen.status(), reason, attempts[0]),
                    Optional.of(new MciVm(group, plan.index(), cloud, seen)));
        } catch (CloudException e) {
            progress.failed("create", ResourceKind.VM, name, cloud, e);
            return new Made(outcome(plan, VmOutcome.Result.FAILED, created.status(), e.getMessage(), attempts[0]),
                    Optional.of(new MciVm(group, plan.index(), cloud, created)));
        }
    }

    /** The operation was stopped before this VM's first create call: it was never made. */
    private static final class Stopped extends CloudException {
        Stopped(ErrorContext context) {
            super(context, "not made: the operation was stopped");
        }
    }

    /** The create call with its retries, adopting what a lost answer made; none when the operation is stopped first. */
    private Vm createOrAdopt(Plan plan, int[] attempts, Progress progress, Stop stop) {
        Cloud cloud = plan.group().cloud();
        String name = plan.name();
        boolean remade = false;
        for (int attempt = 1; ; attempt++) {
            attempts[0] = attempt;
            if (attempt == 1 && stop != null && stop.stopped()) {
                throw new Stopped(ErrorContext.of(cloud.config().name(), ResourceKind.VM, name));
            }
            try {
                return cloud.vms().create(request(plan));
            } catch (AlreadyExistsException e) {
                Optional<Vm> there = quietFind(cloud, name);
                if (there.isPresent() && ours(there.get(), plan.identity())) {
                    return there.get();
                }
                if (there.isPresent() && concurrent(there.get(), plan.identity())) {
                    throw new NameContested(ErrorContext.of(cloud.config().name(), ResourceKind.VM, name),
                            "a concurrent creation of this MCI (" + there.get().tags().get(MciTags.ID) + ") made it first");
                }
                throw new NameTaken(ErrorContext.of(cloud.config().name(), ResourceKind.VM, name),
                        "the name is another MCI's" + there.map(v -> " (creation " + v.tags().get(MciTags.ID) + ")").orElse(""));
            } catch (NotFoundException e) {
                if (plan.shared() == null || remade || !SharedResources.isShared(e.context().kind(), e.context().name())) {
                    throw e;
                }
                LOG.info("the shared {} of {} is gone (another process released it): made again", e.context().kind().label(),
                        cloud.config().name());
                plan.shared().remake();
                remade = true;
            } catch (CloudException e) {
                if (!e.retryable() || attempt >= retry.attempts()) {
                    throw e;
                }
                Duration pause = retry.pause(attempt);
                progress.retries("create", ResourceKind.VM, name, cloud).retrying(attempt, e, pause);
                sleep(pause, e);
                // A lost answer looks like this failure: look before making it again.
                Optional<Vm> there = lookUp(cloud, name, plan.identity());
                if (there.isPresent()) {
                    return there.get();
                }
            }
        }
    }

    private static VmRequest request(Plan plan) {
        SubGroupRequest group = plan.group();
        VmRequest request = VmRequest.named(plan.name()).image(group.image()).spec(group.spec()).publicIp(group.publicIp())
                .clientToken(plan.token()).tags(plan.tags());
        if (group.isStatic()) {
            return request.subnet(group.vpc(), group.subnet()).securityGroups(group.securityGroups().toArray(String[]::new))
                    .keyPair(group.keyPair());
        }
        SharedResources.Set shared = plan.shared().current();
        return request.subnet(shared.vpc(), shared.subnet()).securityGroups(shared.securityGroup()).keyPair(shared.keyPair());
    }

    /** Whether a VM found by name is this creation's. */
    /** Whether the VM is another creation's of this very MCI: same name and owner, another creation id. */
    static boolean concurrent(Vm vm, MciTags.Identity identity) {
        String id = vm.tags().get(MciTags.ID);
        return id != null && !id.equals(identity.id()) && identity.mci().equals(vm.tags().get(MciTags.MCI))
                && identity.owner().equals(vm.tags().get(MciTags.OWNER));
    }

    /**
     * Makes a VM whose name a concurrent creation made first, once that creation has given the name
     * up (it lost the claim and deletes what it made): the name is watched until it is free.
     */
    Made createWhenFree(Plan plan, Progress progress, Stop stop) {
        Cloud cloud = plan.group().cloud();
        try {
            // The connection's watch answers with its shared listing rounds: no look-up per VM.
            watch.await(cloud, plan.name(), vmTimeout, stop, "to be given up by the creation that lost the name",
                    seen -> seen.isEmpty() || !concurrent(seen.get(), plan.identity()));
        } catch (CloudException e) {
            return new Made(outcome(plan, VmOutcome.Result.FAILED, VmStatus.TERMINATED, e.getMessage(), 0), Optional.empty(), e);
        }
        try {
            return create(plan, progress, stop);
        } catch (NameTaken | NameContested e) {
            return new Made(outcome(plan, VmOutcome.Result.FAILED, VmStatus.TERMINATED, e.getMessage(), 1), Optional.empty());
        }
    }

    static boolean ours(Vm vm, MciTags.Identity identity) {
        return identity.id().equals(vm.tags().get(MciTags.ID)) && identity.mci().equals(vm.tags().get(MciTags.MCI));
    }

    /** This creation's VM of that name, when the cloud shows it (a failed look-up counts as not seen). */
    private static Optional<Vm> lookUp(Cloud cloud, String name, MciTags.Identity identity) {
        return quietFind(cloud, name).filter(vm -> ours(vm, identity));
    }

    private static Optional<Vm> quietFind(Cloud cloud, String name) {
        try {
            return cloud.vms().find(name);
        } catch (CloudException e) {
            LOG.debug("looking up VM {} on {} failed: {}", name, cloud.config().name(), e.getMessage());
            return Optional.empty();
        }
    }

    /** Whether the cloud says, when asked, that there is no VM of that name (a failed question says nothing). */
    private static boolean verifiedAbsent(Cloud cloud, String name) {
        try {
            return cloud.vms().find(name).isEmpty();
        } catch (CloudException e) {
            return false;
        }
    }

    /**
     * Deletes one VM and waits until the cloud no longer lists it; journals it then. Returns null
     * when done, else the reason it could not be deleted (the VM is then still the MCI's).
     */
    String delete(String mci, MciVm member, Progress progress) {
        Cloud cloud = member.cloud();
        String name = member.name();
        progress.started("delete", ResourceKind.VM, name, cloud);
        try {
            withSlot(cloud, () -> {
                terminate(cloud, name, progress);
                return null;
            });
            watch.untilGone(cloud, name, vmTimeout);
        } catch (CloudException e) {
            progress.failed("delete", ResourceKind.VM, name, cloud, e);
            return e.getMessage();
        }
        journal.deleted(mci, ResourceKind.VM, JournalEntry.ConnectionRef.of(cloud.config()), name);
        progress.done("delete", ResourceKind.VM, name, cloud);
        return null;
    }

    /**
     * Terminates a VM, retrying retryable failures; after each such failure (a lost answer looks
     * like one) the VM is looked at first, and one already terminating or gone needs no more calls.
     * A VM gone already is success.
     */
    private void terminate(Cloud cloud, String name, Progress progress) {
        for (int attempt = 1; ; attempt++) {
            try {
                cloud.vms().terminate(name);
                return;
            } catch (NotFoundException e) {
                return;
            } catch (CloudException e) {
                if (!e.retryable()) {
                    throw e;
                }
                try {
                    Optional<Vm> now = cloud.vms().find(name);
                    if (now.isEmpty() || now.get().status() == VmStatus.TERMINATING || now.get().status() == VmStatus.TERMINATED) {
                        return;
                    }
                } catch (CloudException lookUp) {
                    e.addSuppressed(lookUp);
                }
                if (attempt >= retry.attempts()) {
                    throw e;
                }
                Duration pause = retry.pause(attempt);
                progress.retries("delete", ResourceKind.VM, name, cloud).retrying(attempt, e, pause);
                sleep(pause, e);
            }
        }
    }

    /** Runs a call within the connection's bound on concurrent calls. */
    <T> T withSlot(Cloud cloud, Supplier<T> call) {
        Semaphore slots = callSlots.computeIfAbsent(cloud.config().name(), k -> new Semaphore(concurrency, true));
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CloudException(ErrorContext.NONE, "interrupted while waiting for a call slot", e);
        }
        try {
            return call.get();
        } finally {
            slots.release();
        }
    }

    private static VmOutcome outcome(Plan plan, VmOutcome.Result result, VmStatus status, String reason, int attempts) {
        return new VmOutcome(plan.group().name(), plan.name(), plan.group().connection(), result, status, reason, attempts);
    }

    private static void sleep(Duration pause, CloudException cause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cause.addSuppressed(e);
            throw cause;
        }
    }
}
