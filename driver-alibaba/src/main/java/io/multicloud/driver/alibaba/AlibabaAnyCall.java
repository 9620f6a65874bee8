package io.multicloud.driver.alibaba;

import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.ResourceKind;
import io.multicloud.spi.AnyCallService;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Alibaba Cloud functions the abstraction leaves out:
 * <ul>
 *   <li>{@code DescribeAvailableInstanceTypes} {@code zone} (optional: the connection's zone):
 *       the instance types on sale there, comma-separated, as {@code types};</li>
 *   <li>{@code DescribeInstanceConsoleOutput} {@code vm}: the VM's serial console output
 *       (GetInstanceConsoleOutput, decoded from Base64) as {@code output}.</li>
 * </ul>
 */
final class AlibabaAnyCall implements AnyCallService {
    static final Set<String> FUNCTIONS = Set.of("DescribeAvailableInstanceTypes", "DescribeInstanceConsoleOutput");
    private final AlibabaContext ctx;
    private final AlibabaZones zones;
    private final AlibabaVms vms;

    AlibabaAnyCall(AlibabaContext ctx, AlibabaZones zones, AlibabaVms vms) {
        this.ctx = ctx;
        this.zones = zones;
        this.vms = vms;
    }

    @Override
    public Map<String, String> call(String function, Map<String, String> params) {
        return switch (function) {
            case "DescribeAvailableInstanceTypes" -> availableTypes(zones.pick(params.get("zone")));
            case "DescribeInstanceConsoleOutput" -> consoleOutput(params.get("vm"));
            default -> throw new InvalidRequestException("function", "'" + function + "' is not one of " + new TreeSet<>(FUNCTIONS));
        };
    }

    private Map<String, String> availableTypes(String zone) {
        var body = ctx.call(ResourceKind.SPEC, null, () -> ctx.clients().ecs().describeAvailableResource(
                new com.aliyun.ecs20140526.models.DescribeAvailableResourceRequest().setRegionId(ctx.region()).setZoneId(zone)
                        .setDestinationResource("InstanceType").setInstanceChargeType("PostPaid")).getBody());
        TreeSet<String> types = new TreeSet<>();
        if (body.getAvailableZones() != null && body.getAvailableZones().getAvailableZone() != null) {
            body.getAvailableZones().getAvailableZone().forEach(z -> {
                if (z.getAvailableResources() != null && z.getAvailableResources().getAvailableResource() != null) {
                    z.getAvailableResources().getAvailableResource().forEach(r -> {
                        if (r.getSupportedResources() != null && r.getSupportedResources().getSupportedResource() != null) {
                            r.getSupportedResources().getSupportedResource().stream()
                                    .filter(s -> "Available".equalsIgnoreCase(s.getStatus())).forEach(s -> types.add(s.getValue()));
                        }
                    });
                }
            });
        }
        return Map.of("zone", zone, "types", String.join(",", types));
    }

    private Map<String, String> consoleOutput(String vm) {
        if (vm == null || vm.isBlank()) {
            throw new InvalidRequestException("vm", "DescribeInstanceConsoleOutput needs the parameter vm");
        }
        String id = vms.find(vm).filter(v -> v.id() != null).map(v -> v.id())
                .orElseThrow(() -> new NotFoundException(ctx.error(ResourceKind.VM, vm), "no instance of this name"));
        var body = ctx.call(ResourceKind.VM, vm, () -> ctx.clients().ecs().getInstanceConsoleOutput(
                new com.aliyun.ecs20140526.models.GetInstanceConsoleOutputRequest().setRegionId(ctx.region()).setInstanceId(id)).getBody());
        String raw = body.getConsoleOutput() == null ? "" : body.getConsoleOutput();
        String text;
        try {
            text = new String(Base64.getDecoder().decode(raw), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            text = raw;
        }
        return Map.of("vm", vm, "output", text);
    }
}
