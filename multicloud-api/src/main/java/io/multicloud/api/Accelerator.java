package io.multicloud.api;

/**
 * Accelerators of one model in a VM spec.
 *
 * @param type GPU, TPU, ...
 * @param model the model, such as {@code NVIDIA L4}
 * @param count how many of them
 * @param memoryGiB memory of each one
 */
public record Accelerator(AcceleratorType type, String model, int count, double memoryGiB) {
    /** Memory of all of them together. */
    public double totalMemoryGiB() {
        return memoryGiB * count;
    }
}
