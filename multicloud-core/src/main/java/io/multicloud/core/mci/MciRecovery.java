package io.multicloud.core.mci;

import io.multicloud.api.Cloud;
import io.multicloud.api.CloudException;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.TaggedResource;
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
 * left alone. A sweep finds, on given connections, VMs that carry the library's MCI tag but that
 * no MCI of this process and no journal entry accounts for.
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
     * What the library made on these connections that nothing accounts for: VMs carrying an MCI tag
     * that no living MCI or journal knows, and the shared network resources while no VM uses them.
     */
    List<Orphan> sweep(List<Cloud> clouds) {
        List<Orphan> orphans = new ArrayList<>();
        for (Cloud cloud : clouds) {
            orphans.addAll(shared.unused(cloud));
            for (TaggedResource r : cloud.tags().find(VmProvisioner.MCI_TAG, null)) {
                String mci = r.tags().get(VmProvisioner.MCI_TAG);
                boolean accounted = alive.contains(mci) || journal.pending(mci).stream()
                        .anyMatch(p -> p.name().equals(r.name()) && p.connection().name().equals(cloud.config().name()));
                if (!accounted) {
                    orphans.add(new Orphan(cloud.config().name(), r.kind(), r.name(), mci));
                }
            }
        }
        return orphans;
    }

    private static boolean deleteIfPresent(Cloud cloud, ResourceKind kind, String name) {
        try {
            switch (kind) {
                case VM -> cloud.vms().delete(name);
                case VPC -> cloud.vpcs().delete(name);
                case SECURITY_GROUP -> cloud.securityGroups().delete(name);
                case KEY_PAIR -> cloud.keyPairs().delete(name);
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
