package io.multicloud.driver.azure;

import com.azure.resourcemanager.compute.models.InstanceViewStatus;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInstanceViewInner;
import io.multicloud.api.VmStatus;
import java.util.List;
import java.util.Locale;

/**
 * A VM's status from its provisioning state and the power state of its instance view:
 * <pre>
 * provisioning Failed                         FAILED (the failing status's message is the reason)
 * provisioning Deleting                       TERMINATING
 * PowerState/starting while Creating          CREATING; otherwise RESUMING
 * PowerState/running                          RUNNING
 * PowerState/stopping, deallocating           SUSPENDING
 * PowerState/deallocated                      SUSPENDED
 * PowerState/stopped                          SUSPENDED (stopped but not deallocated: still billed)
 * no power state yet, provisioning Creating   CREATING
 * </pre>
 */
final class AzureVmStatus {
    /** The status and, when there is one, the reason. */
    record Seen(VmStatus status, String reason) {
    }

    private AzureVmStatus() {
    }

    static Seen of(String provisioningState, VirtualMachineInstanceViewInner view) {
        String provisioning = provisioningState == null ? "" : provisioningState.toLowerCase(Locale.ROOT);
        List<InstanceViewStatus> statuses = statuses(view);
        String power = powerState(view);
        if (provisioning.equals("failed")) {
            String reason = statuses.stream().filter(s -> s.code() != null && s.code().startsWith("ProvisioningState/failed"))
                    .map(s -> s.message() != null ? s.message() : s.displayStatus()).findFirst().orElse("provisioning failed");
            return new Seen(VmStatus.FAILED, reason);
        }
        if (provisioning.equals("deleting")) {
            return new Seen(VmStatus.TERMINATING, null);
        }
        if (power == null) {
            return new Seen(provisioning.equals("creating") ? VmStatus.CREATING : VmStatus.UNKNOWN, null);
        }
        return switch (power) {
            case "starting" -> new Seen(provisioning.equals("creating") ? VmStatus.CREATING : VmStatus.RESUMING, null);
            case "running" -> new Seen(VmStatus.RUNNING, null);
            case "stopping", "deallocating" -> new Seen(VmStatus.SUSPENDING, null);
            case "deallocated" -> new Seen(VmStatus.SUSPENDED, null);
            case "stopped" -> new Seen(VmStatus.SUSPENDED, "stopped but not deallocated: its compute is still billed");
            default -> new Seen(VmStatus.UNKNOWN, "power state " + power);
        };
    }

    private static List<InstanceViewStatus> statuses(VirtualMachineInstanceViewInner view) {
        return view == null || view.statuses() == null ? List.of() : view.statuses();
    }

    /** The power state of an instance view, lower case ({@code running}, {@code deallocated}, ...), or null when it has none. */
    static String powerState(VirtualMachineInstanceViewInner view) {
        return statuses(view).stream().map(InstanceViewStatus::code).filter(c -> c != null && c.startsWith("PowerState/"))
                .map(c -> c.substring("PowerState/".length()).toLowerCase(Locale.ROOT)).findFirst().orElse(null);
    }

    /** Whether the instance view says the VM was generalized ({@code OSState/generalized}): Azure then makes managed images of it. */
    static boolean generalized(VirtualMachineInstanceViewInner view) {
        return statuses(view).stream().anyMatch(s -> "OSState/generalized".equalsIgnoreCase(s.code()));
    }
}
