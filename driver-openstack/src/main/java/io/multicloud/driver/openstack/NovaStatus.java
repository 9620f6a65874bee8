package io.multicloud.driver.openstack;

import io.multicloud.api.VmStatus;
import java.util.Locale;
import org.openstack4j.model.compute.Server;

/**
 * Nova's server status and task state in the common model. The task state says what is under
 * way while the status still shows the old one (ACTIVE with task "suspending" is SUSPENDING).
 * A stopped server (SHUTOFF) is SUSPENDED, as a stopped AWS instance is: resume starts it.
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
        if (task.startsWith("deleting") || task.equals("soft-deleting")) {
            return VmStatus.TERMINATING;
        }
        if (task.startsWith("suspending") || task.startsWith("powering-off") || task.startsWith("pausing")) {
            return VmStatus.SUSPENDING;
        }
        if (task.startsWith("resuming") || task.startsWith("powering-on") || task.startsWith("unpausing")) {
            return VmStatus.RESUMING;
        }
        if (task.startsWith("reboot")) {
            return VmStatus.REBOOTING;
        }
        return switch (status == null ? "UNKNOWN" : status.toUpperCase(Locale.ROOT)) {
            case "BUILD", "BUILDING" -> VmStatus.CREATING;
            case "ACTIVE" -> VmStatus.RUNNING;
            case "SUSPENDED", "SHUTOFF", "STOPPED", "PAUSED" -> VmStatus.SUSPENDED;
            case "REBOOT", "HARD_REBOOT" -> VmStatus.REBOOTING;
            case "ERROR" -> VmStatus.FAILED;
            case "DELETED", "SOFT_DELETED" -> VmStatus.TERMINATED;
            default -> VmStatus.UNKNOWN;
        };
    }
}
