package io.multicloud.driver.azure;

import com.azure.resourcemanager.compute.fluent.models.ResourceSkuInner;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.ResourceKind;
import io.multicloud.spi.AnyCallService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Azure functions outside the common model:
 * <ul>
 *   <li>{@code GetBootDiagnostics} {@code vm}: the boot diagnostics of a VM
 *       ({@code retrieveBootDiagnosticsData}: {@code consoleScreenshotBlobUri},
 *       {@code serialConsoleLogBlobUri}, SAS URIs that expire);</li>
 *   <li>{@code ListVmSizesAvailableInZone} {@code zone}: the VM sizes the subscription can have
 *       in that zone of the region ({@code sizes}, comma-separated, and {@code count});</li>
 *   <li>{@code GeneralizeVm} {@code vm}: marks a stopped or deallocated VM generalized
 *       ({@code VirtualMachines_Generalize}; {@code vm}, {@code osState: generalized}), after
 *       which a my-image of it is a managed image. Deprovision the guest first
 *       ({@code waagent -deprovision+user}, or Sysprep), then suspend (deallocate) the VM. A VM
 *       that is not stopped or deallocated is refused before the call (Azure would refuse it,
 *       {@code OperationNotAllowed}); generalizing cannot be undone: the VM never starts again.</li>
 * </ul>
 */
final class AzureAnyCall implements AnyCallService {
    static final Set<String> FUNCTIONS = Set.of("GetBootDiagnostics", "ListVmSizesAvailableInZone", "GeneralizeVm");

    private final AzureContext ctx;
    private final AzureSpecs specs;
    private final AzureVms vms;

    AzureAnyCall(AzureContext ctx, AzureSpecs specs, AzureVms vms) {
        this.ctx = ctx;
        this.specs = specs;
        this.vms = vms;
    }

    @Override
    public Map<String, String> call(String function, Map<String, String> params) {
        return switch (function) {
            case "GetBootDiagnostics" -> bootDiagnostics(required(params, "vm"));
            case "ListVmSizesAvailableInZone" -> sizesInZone(required(params, "zone"));
            case "GeneralizeVm" -> generalize(required(params, "vm"));
            default -> throw new InvalidRequestException("function", "'" + function + "' is not one of " + new TreeSet<>(FUNCTIONS));
        };
    }

    private static String required(Map<String, String> params, String key) {
        String value = params.get(key);
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(key, "is required");
        }
        return value;
    }

    private Map<String, String> bootDiagnostics(String vm) {
        var found = vms.require(vm);
        var data = ctx.errors().call(ResourceKind.VM, found.name(), () -> ctx.clients().compute().getVirtualMachines()
                .retrieveBootDiagnosticsData(AzureIds.group(found.id()), found.name()));
        Map<String, String> out = new LinkedHashMap<>();
        out.put("consoleScreenshotBlobUri", data.consoleScreenshotBlobUri() == null ? "" : data.consoleScreenshotBlobUri());
        out.put("serialConsoleLogBlobUri", data.serialConsoleLogBlobUri() == null ? "" : data.serialConsoleLogBlobUri());
        return out;
    }

    private Map<String, String> generalize(String vm) {
        var found = vms.require(vm);
        String power = AzureVmStatus.powerState(found.instanceView());
        if (power != null && !power.equals("stopped") && !power.equals("deallocated")) {
            throw new InvalidRequestException(ctx.context(ResourceKind.VM, found.name()), "vm", "VM '" + found.name() + "' is " + power
                    + ": Azure generalizes only a stopped or deallocated VM; deprovision its guest (waagent -deprovision+user), then"
                    + " suspend (deallocate) it and call again. A generalized VM cannot be started again");
        }
        ctx.errors().run(ResourceKind.VM, found.name(),
                () -> ctx.clients().compute().getVirtualMachines().generalize(AzureIds.group(found.id()), found.name()));
        return Map.of("vm", found.name(), "osState", "generalized");
    }

    private Map<String, String> sizesInZone(String zone) {
        List<String> sizes = specs.skus().stream()
                .filter(s -> "virtualMachines".equalsIgnoreCase(s.resourceType()) && specs.zonesOffered(s, zone))
                .map(ResourceSkuInner::name).sorted().toList();
        return Map.of("zone", zone, "count", Integer.toString(sizes.size()), "sizes", String.join(",", sizes));
    }
}
