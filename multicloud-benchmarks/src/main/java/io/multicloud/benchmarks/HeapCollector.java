package io.multicloud.benchmarks;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * A full GC before a timed run, so that its peak heap starts from live data only, without
 * undoing what the warm-ups taught the JVM: after a full GC, G1 gives back all memory above
 * {@code MaxHeapFreeRatio} free, and the heap of the {@code mci} run shrank from about 200 MB to
 * 28-40 MB; the timed create of 1,000 VMs (about 27 MB allocated) then met 2 young GCs, 13-14 ms
 * of pauses that a JVM in its steady state would not have had there. So the ratio is raised to
 * 100 % first (a manageable flag on HotSpot JVMs); a JVM without it keeps its own rule.
 */
final class HeapCollector {
    private HeapCollector() {
    }

    /** Collects the heap, keeping its size. */
    static void collectKeepingSize() {
        try {
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).setVMOption("MaxHeapFreeRatio", "100");
        } catch (RuntimeException e) {
            // Not a HotSpot JVM, or the flag is not manageable there: its heap may shrink.
        }
        System.gc();
    }
}
