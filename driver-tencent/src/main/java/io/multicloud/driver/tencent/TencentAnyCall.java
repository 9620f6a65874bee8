package io.multicloud.driver.tencent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.ResourceKind;
import io.multicloud.driver.tencent.TencentClients.Product;
import io.multicloud.spi.AnyCallService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tencent-only calls:
 * <ul>
 *   <li>{@code DescribeZoneInstanceConfigInfos} {zone, spec?} → per instance type
 *       {@code <type>} = {@code status,cpu,memoryGiB,gpus,unitPrice} (status SELL or SOLD_OUT);</li>
 *   <li>{@code DescribeInstancesStatus} {vm?} → {@code <vm name or id>} = the raw Tencent state
 *       (PENDING, LAUNCH_FAILED, RUNNING, ...) of one VM, or of every VM.</li>
 * </ul>
 */
final class TencentAnyCall implements AnyCallService {
    static final Set<String> FUNCTIONS = Set.of("DescribeZoneInstanceConfigInfos", "DescribeInstancesStatus");

    private final TencentContext ctx;
    private final TencentVms vms;

    TencentAnyCall(TencentContext ctx, TencentVms vms) {
        this.ctx = ctx;
        this.vms = vms;
    }

    @Override
    public Map<String, String> call(String function, Map<String, String> params) {
        return switch (function) {
            case "DescribeZoneInstanceConfigInfos" -> zoneConfig(params);
            case "DescribeInstancesStatus" -> statuses(params);
            default -> throw new InvalidRequestException("function", "'" + function + "' is not one of " + FUNCTIONS);
        };
    }

    private Map<String, String> zoneConfig(Map<String, String> params) {
        String zone = params.get("zone");
        if (zone == null || zone.isBlank()) {
            throw new InvalidRequestException("zone", "is required");
        }
        ObjectNode request = TencentApi.object();
        request.withArray("Filters").add(TencentApi.filter("zone", List.of(zone)));
        if (params.get("spec") != null) {
            request.withArray("Filters").add(TencentApi.filter("instance-type", List.of(params.get("spec"))));
        }
        JsonNode answer = ctx.api().read(Product.CVM, "DescribeZoneInstanceConfigInfos", request, ResourceKind.SPEC, null);
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode o : answer.path("InstanceTypeQuotaSet")) {
            out.put(o.path("InstanceType").asText(), o.path("Status").asText() + "," + o.path("Cpu").asInt() + ","
                    + o.path("Memory").asInt() + "," + o.path("Gpu").asInt() + "," + o.path("Price").path("UnitPrice").asDouble());
        }
        return out;
    }

    private Map<String, String> statuses(Map<String, String> params) {
        ObjectNode request = TencentApi.object();
        String vm = params.get("vm");
        Map<String, String> names = new LinkedHashMap<>();
        if (vm != null) {
            JsonNode raw = vms.requireRaw(vm);
            request.set("InstanceIds", TencentApi.strings(List.of(raw.path("InstanceId").asText())));
            names.put(raw.path("InstanceId").asText(), vm);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode s : ctx.api().list(Product.CVM, "DescribeInstancesStatus", request, "InstanceStatusSet", false, ResourceKind.VM, vm)) {
            String id = s.path("InstanceId").asText();
            out.put(names.getOrDefault(id, id), s.path("InstanceState").asText());
        }
        return out;
    }
}
