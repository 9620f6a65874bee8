package io.multicloud.core.mci;

import java.time.Duration;
import java.util.List;

/**
 * What one MCI operation did, VM by VM.
 *
 * @param mci the MCI
 * @param operation what was done: create, suspend, resume, reboot, terminate, scale-out, scale-in, delete
 * @param vms each VM's outcome
 * @param took how long the operation took
 */
public record MciReport(String mci, String operation, List<VmOutcome> vms, Duration took) {

    public MciReport {
        vms = List.copyOf(vms);
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
        return "MciReport[" + mci + " " + operation + ": " + count(VmOutcome.Result.OK) + " ok, "
                + count(VmOutcome.Result.FAILED) + " failed, " + count(VmOutcome.Result.REMOVED) + " removed, "
                + count(VmOutcome.Result.SKIPPED) + " skipped, in " + took.toMillis() + " ms]";
    }
}
