package io.multicloud.core.mci;

/**
 * What an MCI operation does when some of its VMs fail, at the cloud's API or after the cloud
 * accepted them (a VM that ends FAILED instead of RUNNING).
 */
public enum PartialFailure {
    /**
     * Keep what worked, report what failed. A VM the cloud accepted that then ended FAILED stays a
     * member, FAILED, so that it can be looked at (and it is deleted with the MCI); nothing is left
     * unaccounted for.
     */
    CONTINUE,
    /** Delete everything this request created, the shared network, security group and key pair too when no one else uses them. */
    ROLLBACK,
    /** Keep what worked, delete the failed VMs, and leave the MCI with the ones that run. */
    REFINE
}
