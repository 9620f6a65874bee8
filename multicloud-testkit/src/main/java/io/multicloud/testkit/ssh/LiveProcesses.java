package io.multicloud.testkit.ssh;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The processes the VMs' commands run now, so that closing the servers leaves none behind. */
final class LiveProcesses {
    private final Set<Process> running = ConcurrentHashMap.newKeySet();

    void add(Process p) {
        running.add(p);
    }

    void remove(Process p) {
        running.remove(p);
    }

    /** Kills every process still running, with its descendants. */
    void killAll() {
        for (Process p : running) {
            VmProcess.killTree(p.toHandle());
        }
        running.clear();
    }
}
