package io.multicloud.driver.alibaba;

import io.multicloud.api.Accelerator;
import io.multicloud.api.AcceleratorType;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Spec;
import io.multicloud.spi.CatalogService;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Specs: the instance types on sale in the connection's zone (DescribeAvailableResource with
 * {@code DestinationResource=InstanceType}, pay-as-you-go), described by DescribeInstanceTypes
 * (vCPUs, memory, CPU architecture, GPU model, count and memory per GPU). {@link #find(String)}
 * asks for the one type.
 */
final class AlibabaSpecs implements CatalogService<Spec> {
    private final AlibabaContext ctx;
    private final AlibabaZones zones;

    AlibabaSpecs(AlibabaContext ctx, AlibabaZones zones) {
        this.ctx = ctx;
        this.zones = zones;
    }

    @Override
    public List<Spec> list() {
        Set<String> available = available(null);
        return describe(null).stream().filter(s -> available.contains(s.name())).sorted(Comparator.comparing(Spec::name)).toList();
    }

    @Override
    public Optional<Spec> find(String name) {
        if (!available(name).contains(name)) {
            return Optional.empty();
        }
        return describe(name).stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The instance types on sale in the zone (one, or all when {@code type} is null). */
    Set<String> available(String type) {
        String zone = zones.pick(null);
        var body = ctx.call(ResourceKind.SPEC, type, () -> ctx.clients().ecs().describeAvailableResource(
                new com.aliyun.ecs20140526.models.DescribeAvailableResourceRequest().setRegionId(ctx.region()).setZoneId(zone)
                        .setDestinationResource("InstanceType").setInstanceChargeType("PostPaid").setInstanceType(type)).getBody());
        Set<String> out = new HashSet<>();
        if (body.getAvailableZones() != null && body.getAvailableZones().getAvailableZone() != null) {
            for (var z : body.getAvailableZones().getAvailableZone()) {
                if (z.getAvailableResources() == null || z.getAvailableResources().getAvailableResource() == null) {
                    continue;
                }
                for (var r : z.getAvailableResources().getAvailableResource()) {
                    if (r.getSupportedResources() == null || r.getSupportedResources().getSupportedResource() == null) {
                        continue;
                    }
                    r.getSupportedResources().getSupportedResource().stream()
                            .filter(s -> "Available".equalsIgnoreCase(s.getStatus())).forEach(s -> out.add(s.getValue()));
                }
            }
        }
        return out;
    }

    private List<Spec> describe(String type) {
        return AlibabaContext.allByToken(token -> {
            var req = new com.aliyun.ecs20140526.models.DescribeInstanceTypesRequest().setNextToken(token).setMaxResults(1600L);
            if (type != null) {
                req.setInstanceTypes(List.of(type));
            }
            var body = ctx.call(ResourceKind.SPEC, type, () -> ctx.clients().ecs().describeInstanceTypes(req).getBody());
            List<Spec> items = body.getInstanceTypes() == null || body.getInstanceTypes().getInstanceType() == null ? List.of()
                    : body.getInstanceTypes().getInstanceType().stream().map(t -> {
                List<Accelerator> gpus = t.getGPUAmount() == null || t.getGPUAmount() < 1 ? List.of()
                        : List.of(new Accelerator(AcceleratorType.GPU, t.getGPUSpec(), t.getGPUAmount(),
                        t.getGPUMemorySize() == null ? 0 : t.getGPUMemorySize()));
                String arch = t.getCpuArchitecture() == null ? "x86" : t.getCpuArchitecture().toLowerCase(Locale.ROOT);
                return new Spec(t.getInstanceTypeId(), ctx.region(), t.getCpuCoreCount() == null ? 0 : t.getCpuCoreCount(),
                        t.getMemorySize() == null ? 0 : t.getMemorySize(), 0,
                        AlibabaImages.architecture(arch.startsWith("arm") ? "arm64" : "x86_64"), gpus);
            }).toList();
            return new AlibabaContext.Page<>(items, body.getNextToken());
        });
    }
}
