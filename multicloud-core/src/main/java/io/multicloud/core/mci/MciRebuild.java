package io.multicloud.core.mci;

import io.multicloud.api.Cloud;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Vm;
import io.multicloud.api.VmStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rebuilds an MCI from its VMs as the clouds list them, by their tags ({@link MciTags}): the
 * creation that made its first VM first is the MCI (another creation's VMs of the same name are
 * extras, which {@link Mci#reconcile()} reports); each subgroup takes its settings and declared
 * size from its newest VM, and lives on the connection its VMs were found on. Where a journal is
 * kept, the MCI's creates that were in flight are settled from what was found: a VM there is
 * recorded as made, one not there as never made.
 */
final class MciRebuild {
    private MciRebuild() {
    }

    /** One VM with its tags read and where it was found. */
    private record Found(Cloud cloud, Vm vm, MciTags.Read tags, int index) {
    }

    /** The MCI the VMs make, or empty when none of them carries readable tags. */
    static Optional<Mci> of(MciEngine engine, String name, Map<Cloud, List<Vm>> vms) {
        List<Found> all = new ArrayList<>();
        vms.forEach((cloud, list) -> list.stream().filter(v -> v.status() != VmStatus.TERMINATED).forEach(v ->
                MciTags.read(v).filter(t -> t.identity().mci().equals(name)).ifPresent(t ->
                        all.add(new Found(cloud, v, t, index(name, t.subGroup(), v.name()))))));
        if (all.isEmpty()) {
            return Optional.empty();
        }
        String id = winner(all);
        List<Found> members = all.stream().filter(f -> f.tags().identity().id().equals(id)).filter(f -> f.index() > 0).toList();
        if (members.isEmpty()) {
            return Optional.empty();
        }
        Found newest = members.stream().max(Comparator.comparing((Found f) -> created(f.vm()))).orElseThrow();
        Map<String, SubGroupRequest> groups = new LinkedHashMap<>();
        members.stream().sorted(Comparator.comparingInt(Found::index).reversed())
                .forEach(f -> groups.computeIfAbsent(f.tags().subGroup(), g -> subGroup(f)));
        MciTags.Read settings = newest.tags();
        PartialFailure policy;
        try {
            policy = PartialFailure.valueOf(settings.policyName());
        } catch (IllegalArgumentException e) {
            policy = PartialFailure.CONTINUE;
        }
        Mci mci = new Mci(engine, settings.identity(), settings.description(), settings.mciLabels(), policy,
                settings.budget().orElse(null),
                List.copyOf(groups.values()), ProgressListener.NONE);
        members.forEach(f -> mci.add(new MciVm(f.tags().subGroup(), f.index(), f.cloud(), f.vm())));
        try {
            settleJournal(engine.journal(), name, members, vms.keySet());
        } catch (RuntimeException e) {
            // The journal is a cache: the MCI is what the clouds say, whether or not it can be told.
            org.slf4j.LoggerFactory.getLogger(MciRebuild.class).warn("could not settle the journal of MCI {}: {}", name, e.getMessage());
        }
        return Optional.of(mci);
    }

    /** The creation whose earliest VM the cloud made first (ties: the smaller id), as a create's claim decides. */
    private static String winner(List<Found> all) {
        Map<String, Instant> firstOf = new LinkedHashMap<>();
        all.forEach(f -> firstOf.merge(f.tags().identity().id(), created(f.vm()), (a, b) -> a.isBefore(b) ? a : b));
        return firstOf.entrySet().stream()
                .min(Comparator.<Map.Entry<String, Instant>, Instant>comparing(Map.Entry::getValue).thenComparing(Map.Entry::getKey))
                .orElseThrow().getKey();
    }

    private static Instant created(Vm vm) {
        return vm.createdAt() == null ? Instant.MAX : vm.createdAt();
    }

    /** A subgroup as its newest VM's tags describe it, on the connection it was found on. */
    private static SubGroupRequest subGroup(Found newest) {
        MciTags.Read t = newest.tags();
        return new SubGroupRequest(t.subGroup(), newest.cloud(), t.group().get("spec"), t.group().get("image"),
                Math.clamp(t.size(), 1, SubGroupRequest.MAX_SIZE), t.group().get("vpc"), t.group().get("subnet"),
                t.securityGroups(), t.group().get("key"), t.labels(), t.publicIp());
    }

    /** The number of {@code <mci>-<subgroup>-<n>}, or 0 when the name is not one of the subgroup's. */
    static int index(String mci, String subGroup, String vmName) {
        String prefix = mci + "-" + subGroup + "-";
        if (!vmName.startsWith(prefix)) {
            return 0;
        }
        try {
            return Integer.parseInt(vmName.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Settles the MCI's journal with what the clouds show, on the connections that were searched:
     * a create in flight whose VM is there was made, one whose VM is not was never made; a VM the
     * journal has as made that is gone was deleted (outside, or by a process that died before it
     * could say so).
     */
    private static void settleJournal(Journal journal, String mci, List<Found> members, java.util.Set<Cloud> searched) {
        List<Journal.Pending> pending = journal.pending(mci);
        if (pending.isEmpty()) {
            return;
        }
        java.util.Set<String> connections = new java.util.HashSet<>();
        searched.forEach(c -> connections.add(c.config().name()));
        Map<String, Found> byName = new LinkedHashMap<>();
        members.forEach(f -> byName.put(f.cloud().config().name() + "/" + f.vm().name(), f));
        List<JournalEntry> entries = journal.entries(mci);
        for (Journal.Pending p : pending) {
            if (p.kind() != ResourceKind.VM || !connections.contains(p.connection().name())) {
                continue;
            }
            Found there = byName.get(p.connection().name() + "/" + p.name());
            if (p.inFlight()) {
                JournalEntry intent = lastIntent(entries, p);
                if (intent == null) {
                    continue;
                }
                if (there != null) {
                    journal.created(intent, there.vm().id());
                } else {
                    journal.failed(intent, "not made: no such VM in the cloud after a restart");
                }
            } else if (there == null) {
                journal.deleted(mci, p.kind(), p.connection(), p.name());
            }
        }
    }

    private static JournalEntry lastIntent(List<JournalEntry> entries, Journal.Pending p) {
        JournalEntry last = null;
        for (JournalEntry e : entries) {
            if (e.type() == JournalEntry.Type.INTENT && e.kind() == p.kind() && e.name().equals(p.name())
                    && e.connection().name().equals(p.connection().name())) {
                last = e;
            }
        }
        return last;
    }
}
