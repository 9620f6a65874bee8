package io.multicloud.api;

import java.time.Duration;
import java.util.List;

/**
 * The VMs of a connection. {@code create} returns at once with the VM CREATING; actions return
 * the transitional status; {@link #waitUntil(String, VmStatus, Duration)} reaches the final one.
 * {@code delete} terminates the VM and waits until it is gone.
 */
public interface Vms extends Resources<Vm, VmRequest> {
    /** Stops the VM keeping its disks; returns SUSPENDING. */
    VmStatus suspend(String name);

    /** Starts a suspended VM; returns RESUMING. */
    VmStatus resume(String name);

    /** Restarts a running VM; returns REBOOTING. */
    VmStatus reboot(String name);

    /**
     * The VMs carrying a tag, in one listing (as many calls as the cloud's pages, never one per VM):
     * with {@code value} null, every VM that has the key whatever its value.
     */
    List<Vm> listTagged(String key, String value);

    /** Terminates the VM without waiting; returns TERMINATING. */
    VmStatus terminate(String name);

    /**
     * Waits until the VM has the status. Waiting for TERMINATED also ends when the VM is gone.
     * A VM that turns FAILED while waiting for another status ends the wait with
     * {@link ConflictException}.
     */
    Vm waitUntil(String name, VmStatus status, Duration timeout);

    /** Makes a user's image of the VM. */
    MyImage snapshot(String vm, String imageName);

    /** A handle on one VM, for chained calls: {@code vms().withName("vm-1").waitUntil(RUNNING, ...)}. */
    VmHandle withName(String name);
}
