package io.multicloud.core.remote;

import io.multicloud.api.ErrorContext;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.ResourceKind;
import java.time.Duration;
import java.util.List;

/**
 * What remote commands did on each targeted VM, in natural order of the VMs' names.
 *
 * @param mci the MCI's name
 * @param results one per VM
 * @param duration the wall time of the whole fan-out
 */
public record ExecReport(String mci, List<VmExecResult> results, Duration duration) {
    public ExecReport {
        results = List.copyOf(results);
    }

    /** Whether every VM ran every command with exit code 0. */
    public boolean ok() {
        return results.stream().allMatch(VmExecResult::ok);
    }

    /** The VMs where something failed: a non-zero exit or a transport error. */
    public List<VmExecResult> failed() {
        return results.stream().filter(r -> !r.ok()).toList();
    }

    /** The result of one VM. */
    public VmExecResult of(String vm) {
        return results.stream().filter(r -> r.vm().equals(vm)).findFirst()
                .orElseThrow(() -> new NotFoundException(ErrorContext.of(null, ResourceKind.VM, vm),
                        "no result for VM '" + vm + "' in this report of MCI " + mci));
    }

    @Override
    public String toString() {
        long errors = results.stream().filter(r -> r.error() != null).count();
        long nonZero = results.stream().filter(r -> r.error() == null && !r.ok()).count();
        return "ExecReport[" + mci + ": " + results.size() + " VMs, " + (results.size() - errors - nonZero) + " ok, "
                + nonZero + " non-zero exit, " + errors + " transport errors, " + duration.toMillis() + " ms]";
    }
}
