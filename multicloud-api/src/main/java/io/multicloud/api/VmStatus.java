package io.multicloud.api;

/**
 * The status of a VM, the same on every cloud. Actions return the transitional status
 * (SUSPENDING, ...); waiting reaches the final one (SUSPENDED, ...).
 */
public enum VmStatus {
    CREATING, RUNNING, SUSPENDING, SUSPENDED, RESUMING, REBOOTING, TERMINATING, TERMINATED, FAILED, UNKNOWN;

    /** Whether the VM is on its way to another status. */
    public boolean isTransitional() {
        return this == CREATING || this == SUSPENDING || this == RESUMING || this == REBOOTING || this == TERMINATING;
    }

    /** A display form with a capital first letter, such as {@code Running}. */
    public String display() {
        return name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT);
    }
}
