package io.multicloud.core.mci;

import io.multicloud.core.catalog.FailoverPlan;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one MCI operation did, VM by VM.
 *
 * @param mci the MCI
 * @param operation what was done: create, suspend, resume, reboot, terminate, scale-out, scale-in, delete
 * @param vms each VM's outcome (for a failover subgroup: at the place it ended on)
 * @param took how long the operation took
 * @param placements for each failover subgroup of a creation, the places tried or passed over, in
 *                   order: place, error (empty for the one that took it), scope blocked, time
 */
public record MciReport(String mci, String operation, List<VmOutcome> vms, Duration took,
                        Map<String, List<FailoverPlan.Attempt>> placements) {

    public MciReport {
        vms = List.copyOf(vms);
        placements = placements == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(placements));
    }

    /** A report without failover placements. */
    public MciReport(String mci, String operation, List<VmOutcome> vms, Duration took) {
        this(mci, operation, vms, took, Map.of());
    }

    /** A copy with these placements. */
    MciReport withPlacements(Map<String, List<FailoverPlan.Attempt>> attempts) {
        return new MciReport(mci, operation, vms, took, attempts);
    }

    /** Where a failover subgroup ended (its last attempt that worked), if it was placed. */
    public Optional<String> placeOf(String subGroup) {
        return placements.getOrDefault(subGroup, List.of()).stream().filter(FailoverPlan.Attempt::succeeded)
                .map(a -> a.candidate().place()).findFirst();
    }

    /** Whether every VM went as asked (skipped ones count as fine). */
    public boolean ok() {
        return vms.stream().allMatch(v -> v.result() != VmOutcome.Result.FAILED);
    }

    /** The VMs that failed. */
    public List<VmOutcome> failed() {
        return vms.stream().filter(v -> v.result() == VmOutcome.Result.FAILED).toList();
    }

    /** How many VMs ended with this result. */
    public long count(VmOutcome.Result result) {
        return vms.stream().filter(v -> v.result() == result).count();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("MciReport[" + mci + " " + operation + ": " + count(VmOutcome.Result.OK) + " ok, "
                + count(VmOutcome.Result.FAILED) + " failed, " + count(VmOutcome.Result.REMOVED) + " removed, "
                + count(VmOutcome.Result.SKIPPED) + " skipped, in " + took.toMillis() + " ms]");
        placements.forEach((group, attempts) -> {
            b.append("\n  ").append(group).append(": ").append(attempts.size()).append(" place(s) tried");
            attempts.forEach(a -> b.append("\n    ").append(a));
        });
        return b.toString();
    }
}
