package io.multicloud.core.mci;

import io.multicloud.api.Cloud;
import io.multicloud.api.CloudException;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.ResourceKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cleans up after a process that died while it owned MCIs: every resource its journal says may
 * exist (created, or asked for when it stopped) is deleted, newest first, if the cloud still has
 * it; then the shared network resources go where no VM uses them. MCIs this process holds are
 * left alone. A sweep finds, on given connections, what the library made that no MCI accounts for.
 */
public final class MciRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(MciRecovery.class);

    /** A resource the library made that no MCI accounts for ({@code mci} is {@code _shared} for the shared network). */
    public record Orphan(String connection, ResourceKind kind, String name, String mci) {
    }

    private final Journal journal;
    private final SharedResources shared;
    private final Set<String> alive;

    MciRecovery(Journal journal, SharedResources shared, Set<String> alive) {
        this.journal = journal;
        this.shared = shared;
        this.alive = alive;
    }

    /** Undoes every MCI of the journal that this process does not hold; returns the resources deleted. */
    List<String> undo(Function<JournalEntry.ConnectionRef, Cloud> connect) {
        Map<String, Cloud> clouds = new LinkedHashMap<>();
        List<String> deleted = new ArrayList<>();
        for (String mci : journal.mcis()) {
            if (alive.contains(mci) || mci.equals(SharedResources.JOURNAL_NAME)) {
                continue;
            }
            List<Journal.Pending> pending = new ArrayList<>(journal.pending(mci));
            java.util.Collections.reverse(pending);
            boolean complete = true;
            for (Journal.Pending p : pending) {
                Cloud cloud = clouds.computeIfAbsent(p.connection().name(), k -> connect.apply(p.connection()));
                try {
                    if (deleteIfPresent(cloud, p.kind(), p.name())) {
                        deleted.add(p.connection().name() + " " + p.kind().label() + " " + p.name());
                    }
                    journal.deleted(mci, p.kind(), p.connection(), p.name());
                } catch (CloudException e) {
                    LOG.warn("recovery could not delete {} {} of MCI {}: {}", p.kind().label(), p.name(), mci, e.getMessage());
                    complete = false;
                }
            }
            if (complete) {
                journal.mciDeleted(mci);
            }
        }
        for (Journal.Pending p : journal.pending(SharedResources.JOURNAL_NAME)) {
            clouds.computeIfAbsent(p.connection().name(), k -> connect.apply(p.connection()));
        }
        Progress quiet = new Progress(SharedResources.JOURNAL_NAME, ProgressListener.NONE);
        for (Cloud cloud : clouds.values()) {
            shared.releaseIfUnused(cloud, quiet);
            for (Journal.Pending p : journal.pending(SharedResources.JOURNAL_NAME)) {
                if (p.connection().name().equals(cloud.config().name()) && !exists(cloud, p.kind(), p.name())) {
                    journal.deleted(SharedResources.JOURNAL_NAME, p.kind(), p.connection(), p.name());
                }
            }
        }
        return deleted;
    }

    /**
     * What the library made on these connections that nothing accounts for: the shared network
     * resources while no VM uses them; VMs with the MCI tag whose tags cannot rebuild an MCI (made
     * by an older version, or tagged by hand); and, among this owner's VMs of one MCI name, those
     * of a creation that lost the name to another. Another owner's MCIs and every live MCI (its VMs
     * rebuild it) are never listed.
     */
    List<Orphan> sweep(List<Cloud> clouds, MciEngine engine) {
        List<Orphan> orphans = new ArrayList<>();
        Map<String, Map<String, java.time.Instant>> firstOfCreation = new LinkedHashMap<>();
        List<Map.Entry<Cloud, io.multicloud.api.Vm>> ownVms = new ArrayList<>();
        for (Cloud cloud : clouds) {
            orphans.addAll(shared.unused(cloud));
            for (io.multicloud.api.Vm vm : cloud.vms().listTagged(MciTags.MCI, null)) {
                if (vm.status() == io.multicloud.api.VmStatus.TERMINATED || vm.status() == io.multicloud.api.VmStatus.TERMINATING) {
                    continue;
                }
                String mci = vm.tags().get(MciTags.MCI);
                java.util.Optional<MciTags.Read> read = MciTags.read(vm);
                if (read.isEmpty()) {
                    if (!alive.contains(mci)) {
                        orphans.add(new Orphan(cloud.config().name(), ResourceKind.VM, vm.name(), mci));
                    }
                    continue;
                }
                if (!engine.owner().equals(read.get().identity().owner())) {
                    continue;
                }
                ownVms.add(Map.entry(cloud, vm));
                java.time.Instant created = vm.createdAt() == null ? java.time.Instant.MAX : vm.createdAt();
                firstOfCreation.computeIfAbsent(mci, k -> new LinkedHashMap<>())
                        .merge(read.get().identity().id(), created, (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        for (Map.Entry<Cloud, io.multicloud.api.Vm> e : ownVms) {
            String mci = e.getValue().tags().get(MciTags.MCI);
            String id = e.getValue().tags().get(MciTags.ID);
            String winner = engine.held(mci).map(Mci::id).orElseGet(() -> firstOfCreation.get(mci).entrySet().stream()
                    .min(Map.Entry.<String, java.time.Instant>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                    .orElseThrow().getKey());
            if (!winner.equals(id)) {
                orphans.add(new Orphan(e.getKey().config().name(), ResourceKind.VM, e.getValue().name(), mci));
            }
        }
        return orphans;
    }

    private static boolean deleteIfPresent(Cloud cloud, ResourceKind kind, String name) {
        try {
            switch (kind) {
                case VM -> cloud.vms().forceDelete(name);
                case VPC -> cloud.vpcs().forceDelete(name);
                case SECURITY_GROUP -> cloud.securityGroups().forceDelete(name);
                case KEY_PAIR -> cloud.keyPairs().forceDelete(name);
                default -> throw new IllegalStateException("the MCI journal holds no " + kind.label());
            }
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private static boolean exists(Cloud cloud, ResourceKind kind, String name) {
        return switch (kind) {
            case VM -> cloud.vms().find(name).isPresent();
            case VPC -> cloud.vpcs().find(name).isPresent();
            case SECURITY_GROUP -> cloud.securityGroups().find(name).isPresent();
            case KEY_PAIR -> cloud.keyPairs().find(name).isPresent();
            default -> false;
        };
    }
}
