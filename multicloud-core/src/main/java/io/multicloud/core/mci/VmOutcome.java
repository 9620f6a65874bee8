package io.multicloud.core.mci;

import io.multicloud.api.VmStatus;

/**
 * What an MCI operation did to one VM, and why when it did not go as asked.
 *
 * @param subGroup the VM's subgroup
 * @param vm the VM's name
 * @param connection its connection
 * @param result what happened
 * @param status the VM's status at the end (TERMINATED when it is gone)
 * @param reason why it failed, or null
 * @param attempts how many calls it took (retries included)
 */
public record VmOutcome(String subGroup, String vm, String connection, Result result, VmStatus status, String reason,
                        int attempts) {

    /** What happened to the VM. */
    public enum Result {
        /** It was made and runs (or, for an action, it reached the asked status). */
        OK,
        /** It could not be made or did not reach the asked status; see the reason and status. */
        FAILED,
        /** It was made, then deleted again by the failure policy (ROLLBACK, REFINE) or a scale-in. */
        REMOVED,
        /** The action did not apply to it in its status (e.g. resuming a running VM). */
        SKIPPED
    }

    /** Whether it went as asked. */
    public boolean ok() {
        return result == Result.OK;
    }
}
