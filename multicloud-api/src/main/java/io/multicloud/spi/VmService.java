package io.multicloud.spi;

import io.multicloud.api.Vm;
import io.multicloud.api.VmRequest;
import io.multicloud.api.VmStatus;
import java.util.List;

/**
 * VMs. Each action starts the transition and returns the transitional status at once.
 * {@code delete} starts termination; a VM that has finished terminating is no longer listed.
 */
public interface VmService extends ResourceService<Vm, VmRequest> {
    /**
     * The VMs carrying the tag (any value when {@code value} is null). Override with the cloud's
     * own filter (EC2 {@code tag:} filters, GCP label filters) so that a large account is not
     * listed whole; the MCI engine polls its VMs with this, once per connection, not per VM.
     */
    default List<Vm> listTagged(String key, String value) {
        return list().stream().filter(vm -> vm.tags().containsKey(key) && (value == null || value.equals(vm.tags().get(key))))
                .toList();
    }

    VmStatus suspend(String name);

    VmStatus resume(String name);

    VmStatus reboot(String name);
}
