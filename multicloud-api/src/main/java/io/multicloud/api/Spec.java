package io.multicloud.api;

import java.util.List;

/**
 * A VM size (instance type, flavor, machine type).
 *
 * @param name the cloud's name, such as {@code t3.small}
 * @param region the region it is offered in
 * @param vcpus virtual CPUs
 * @param memoryGiB memory
 * @param diskGB local disk, 0 when it has none
 * @param architecture CPU architecture
 * @param accelerators GPUs and the like; empty when none
 */
public record Spec(String name, String region, int vcpus, double memoryGiB, int diskGB,
                   Architecture architecture, List<Accelerator> accelerators) implements Named {
    public Spec {
        accelerators = List.copyOf(accelerators);
    }

    /** Whether the spec carries any accelerator. */
    public boolean hasAccelerator() {
        return !accelerators.isEmpty();
    }

    /** The number of accelerators of all models. */
    public int acceleratorCount() {
        return accelerators.stream().mapToInt(Accelerator::count).sum();
    }
}
