package io.multicloud.driver.openstack;

import io.multicloud.api.VmStatus;
import java.util.Locale;
import org.openstack4j.model.compute.Server;

/**
 * Nova's server status and task state in the common model. The task state says what is under
 * way while the status still shows the old one (ACTIVE with task "suspending" is SUSPENDING).
 * A stopped server (SHUTOFF) is SUSPENDED, as a stopped AWS instance is: resume starts it; so is
 * a shelved one (SHELVED, SHELVED_OFFLOADED): resume unshelves it. A server in BUILD is CREATING
 * whatever its task (scheduling, networking, spawning, ...).
 */
final class NovaStatus {
    private NovaStatus() {
    }

    /** The common status of a server. */
    static VmStatus of(Server server) {
        return of(server.getStatus() == null ? null : server.getStatus().name(), server.getTaskState());
    }

    /** The common status of a Nova status and task state (either may be null). */
    static VmStatus of(String status, String taskState) {
        String task = taskState == null ? "" : taskState.toLowerCase(Locale.ROOT);
        String upper = status == null ? "UNKNOWN" : status.toUpperCase(Locale.ROOT);
        if (upper.equals("BUILD") || upper.equals("BUILDING")) {
            return VmStatus.CREATING;
        }
        if (task.startsWith("deleting") || task.equals("soft-deleting")) {
            return VmStatus.TERMINATING;
        }
        if (task.startsWith("suspending") || task.startsWith("powering-off") || task.startsWith("pausing")
                || task.startsWith("shelving")) {
            return VmStatus.SUSPENDING;
        }
        if (task.startsWith("resuming") || task.startsWith("powering-on") || task.startsWith("unpausing")
                || task.startsWith("unshelving") || task.startsWith("spawning") && upper.startsWith("SHELVED")) {
            return VmStatus.RESUMING;
        }
        if (task.startsWith("reboot")) {
            return VmStatus.REBOOTING;
        }
        return switch (upper) {
            case "ACTIVE" -> VmStatus.RUNNING;
            case "SUSPENDED", "SHUTOFF", "STOPPED", "PAUSED", "SHELVED", "SHELVED_OFFLOADED" -> VmStatus.SUSPENDED;
            case "REBOOT", "HARD_REBOOT" -> VmStatus.REBOOTING;
            case "ERROR" -> VmStatus.FAILED;
            case "DELETED", "SOFT_DELETED" -> VmStatus.TERMINATED;
            default -> VmStatus.UNKNOWN;
        };
    }
}
