package io.multicloud.core.mci;

import io.multicloud.api.Vm;
import io.multicloud.api.VmStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link Mci#reconcile()} found: how the clouds differ from what the MCI expects, VM by VM.
 * Nothing is changed until {@link #repair()} is called.
 */
public final class Drift {
    private final Mci mci;
    private final List<VmDrift> missing;
    private final List<VmDrift> extra;
    private final List<VmDrift> changed;
    private final Map<String, Vm> extraVms;

    private Drift(Mci mci, List<VmDrift> missing, List<VmDrift> extra, List<VmDrift> changed, Map<String, Vm> extraVms) {
        this.mci = mci;
        this.missing = List.copyOf(missing);
        this.extra = List.copyOf(extra);
        this.changed = List.copyOf(changed);
        this.extraVms = Map.copyOf(extraVms);
    }

    /**
     * One VM that differs.
     *
     * @param vm its name
     * @param connection where it is (or was)
     * @param subGroup its subgroup (from its tags, for an extra one)
     * @param expected what the MCI expected (status and spec), or null for an extra VM
     * @param found what the cloud lists (status and spec), or null for a missing VM
     */
    public record VmDrift(String vm, String connection, String subGroup, String expected, String found) {
    }

    /** Members the clouds no longer list (deleted outside the library). */
    public List<VmDrift> missing() {
        return missing;
    }

    /** VMs tagged as this MCI's, of this owner, that are not members (an earlier creation's, or another's of the same name). */
    public List<VmDrift> extra() {
        return extra;
    }

    /** Members whose status or spec differ from what was last seen. */
    public List<VmDrift> changed() {
        return changed;
    }

    /** Whether the clouds hold exactly what the MCI expects. */
    public boolean clean() {
        return missing.isEmpty() && extra.isEmpty() && changed.isEmpty();
    }

    /**
     * Deletes the extra VMs (each verified gone), drops the missing ones from the MCI and, for each
     * subgroup that then has fewer VMs than its declared size, makes new ones up to it (new numbers,
     * the subgroup's settings, the MCI's failure policy). Returns what was done, VM by VM.
     */
    public MciReport repair() {
        return mci.repair(this);
    }

    @Override
    public String toString() {
        if (clean()) {
            return "Drift[" + mci.name() + ": none]";
        }
        return "Drift[" + mci.name() + ": missing " + missing.stream().map(VmDrift::vm).toList() + ", extra "
                + extra.stream().map(VmDrift::vm).toList() + ", changed "
                + changed.stream().map(d -> d.vm() + " " + d.expected() + " -> " + d.found()).toList() + "]";
    }

    /** The cloud's view of an extra VM. */
    Vm extraVm(String name) {
        return extraVms.get(name);
    }

    /** Compares the MCI with the clouds' listings of its tagged VMs (by connection, then name). */
    static Drift of(Mci mci, Map<String, Map<String, Vm>> listed) {
        List<VmDrift> missing = new ArrayList<>();
        List<VmDrift> changed = new ArrayList<>();
        Map<String, MciVm> members = new HashMap<>();
        for (MciVm member : mci.vms()) {
            members.put(member.name(), member);
            Vm now = listed.getOrDefault(member.connection(), Map.of()).get(member.name());
            if (now == null || now.status() == VmStatus.TERMINATED) {
                missing.add(new VmDrift(member.name(), member.connection(), member.subGroup(), describe(member.vm()), null));
            } else if (now.status() != member.status() || !same(now.spec(), member.vm().spec())) {
                changed.add(new VmDrift(member.name(), member.connection(), member.subGroup(), describe(member.vm()),
                        describe(now)));
            }
        }
        List<VmDrift> extra = new ArrayList<>();
        Map<String, Vm> extraVms = new HashMap<>();
        listed.forEach((connection, vms) -> vms.values().stream()
                .filter(v -> mci.owner().equals(v.tags().get(MciTags.OWNER)))
                .filter(v -> v.status() != VmStatus.TERMINATED && v.status() != VmStatus.TERMINATING)
                .filter(v -> !members.containsKey(v.name()) || !mci.id().equals(v.tags().get(MciTags.ID)))
                .forEach(v -> {
                    extra.add(new VmDrift(v.name(), connection, v.tags().get(MciTags.SUBGROUP), null, describe(v)));
                    extraVms.put(v.name(), v);
                }));
        return new Drift(mci, missing, extra, changed, extraVms);
    }

    private static boolean same(String a, String b) {
        return a == null || b == null || a.equals(b);
    }

    private static String describe(Vm vm) {
        return vm.status().display() + (vm.spec() == null ? "" : " " + vm.spec());
    }

    /** Runs the repair on the MCI's engine (called by the MCI, under its lifecycle lock). */
    static MciReport repair(Drift drift, Mci mci, MciEngine engine) {
        Instant start = Instant.now();
        Progress progress = new Progress(mci.name(), mci.listener());
        List<VmOutcome> outcomes = new ArrayList<>();
        List<MciVm> extras = new ArrayList<>();
        for (VmDrift d : drift.extra) {
            mci.cloudOf(d.connection()).ifPresent(cloud -> extras.add(new MciVm(d.subGroup() == null ? "?" : d.subGroup(), 0,
                    cloud, drift.extraVm(d.vm()))));
        }
        outcomes.addAll(engine.removeVms(mci, extras, "extra: not a member of the MCI", progress));
        for (VmDrift gone : drift.missing) {
            mci.remove(gone.vm());
            outcomes.add(new VmOutcome(gone.subGroup(), gone.vm(), gone.connection(), VmOutcome.Result.REMOVED,
                    VmStatus.TERMINATED, "missing: deleted outside the library", 0));
        }
        for (SubGroupRequest group : mci.subGroups()) {
            int lacking = group.size() - mci.membersOf(group.name()).size();
            if (lacking > 0) {
                outcomes.addAll(mci.makeUpTo(group.name(), lacking).vms());
            }
        }
        return new MciReport(mci.name(), "repair", outcomes, Duration.between(start, Instant.now()));
    }
}
