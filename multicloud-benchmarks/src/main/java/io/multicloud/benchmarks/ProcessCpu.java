package io.multicloud.benchmarks;

import java.lang.management.ManagementFactory;

/**
 * The CPU time this JVM has used, for figures that stay meaningful on a busy machine: wall time
 * grows when other processes take the cores, the CPU a phase needed does not (much).
 */
final class ProcessCpu {
    private ProcessCpu() {
    }

    /** The process's CPU time so far (all threads, user and system), in nanoseconds; -1 where the JVM cannot tell. */
    static long nanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** The CPU milliseconds used since {@code startNanos} (from {@link #nanos}), or -1 where unknown. */
    static long msSince(long startNanos) {
        long now = nanos();
        return startNanos < 0 || now < 0 ? -1 : (now - startNanos) / 1_000_000;
    }
}
