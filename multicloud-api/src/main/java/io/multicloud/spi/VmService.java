package io.multicloud.spi;

import io.multicloud.api.Vm;
import io.multicloud.api.VmRequest;
import io.multicloud.api.VmStatus;

/**
 * VMs. Each action starts the transition and returns the transitional status at once.
 * {@code delete} starts termination; a VM that has finished terminating is no longer listed.
 */
public interface VmService extends ResourceService<Vm, VmRequest> {
    VmStatus suspend(String name);

    VmStatus resume(String name);

    VmStatus reboot(String name);
}
