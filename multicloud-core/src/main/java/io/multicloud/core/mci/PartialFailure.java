package io.multicloud.core.mci;

/**
 * What an MCI operation does when some of its VMs fail, at the cloud's API or after the cloud
 * accepted them (a VM that ends FAILED instead of RUNNING).
 */
public enum PartialFailure {
    /** Keep what worked, report what failed (failed VMs are deleted: a failed VM serves no one). */
    CONTINUE,
    /** Delete everything this request created, the shared network, security group and key pair too when no one else uses them. */
    ROLLBACK,
    /** Keep what worked, delete the failed VMs, and leave the MCI with the ones that run. */
    REFINE
}
