package io.multicloud.driver.tencent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.api.Accelerator;
import io.multicloud.api.AcceleratorType;
import io.multicloud.api.Architecture;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Spec;
import io.multicloud.driver.tencent.TencentClients.Product;
import io.multicloud.spi.CatalogService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Specs = the pay-as-you-go instance types of the connection's zone (or of every zone of the
 * region), from CVM DescribeZoneInstanceConfigInfos: vCPU, memory, GPUs (count from the API, model
 * and memory from the family table below). A type sold out in every zone asked about is left out
 * of {@link #list()}; {@link #find} still finds it.
 */
final class TencentSpecs implements CatalogService<Spec> {
    /** GPU model and memory (GiB per GPU) by instance family. */
    static final Map<String, Accelerator> GPU_FAMILIES = Map.of(
            "GN7", new Accelerator(AcceleratorType.GPU, "NVIDIA T4", 1, 16),
            "GN7VW", new Accelerator(AcceleratorType.GPU, "NVIDIA T4", 1, 16),
            "GN8", new Accelerator(AcceleratorType.GPU, "NVIDIA P40", 1, 24),
            "GN10X", new Accelerator(AcceleratorType.GPU, "NVIDIA V100", 1, 32),
            "GN10XP", new Accelerator(AcceleratorType.GPU, "NVIDIA V100", 1, 32),
            "GT4", new Accelerator(AcceleratorType.GPU, "NVIDIA A100", 1, 40),
            "PNV4", new Accelerator(AcceleratorType.GPU, "NVIDIA A10", 1, 24),
            "GNV4", new Accelerator(AcceleratorType.GPU, "NVIDIA A10", 1, 24));

    private final TencentContext ctx;

    TencentSpecs(TencentContext ctx) {
        this.ctx = ctx;
    }

    /** The instance-type offers (one per zone and type) of the zone, or of the region. */
    List<JsonNode> offers(String instanceType) {
        ObjectNode params = TencentApi.object();
        ctx.config().zoneIfSet().ifPresent(z -> params.withArray("Filters").add(TencentApi.filter("zone", List.of(z))));
        params.withArray("Filters").add(TencentApi.filter("instance-charge-type", List.of("POSTPAID_BY_HOUR")));
        if (instanceType != null) {
            params.withArray("Filters").add(TencentApi.filter("instance-type", List.of(instanceType)));
        }
        JsonNode answer = ctx.api().read(Product.CVM, "DescribeZoneInstanceConfigInfos", params, ResourceKind.SPEC, instanceType);
        List<JsonNode> out = new java.util.ArrayList<>();
        answer.path("InstanceTypeQuotaSet").forEach(out::add);
        return out;
    }

    @Override
    public List<Spec> list() {
        Map<String, Spec> byType = new LinkedHashMap<>();
        for (JsonNode offer : offers(null)) {
            if (!"SOLD_OUT".equals(offer.path("Status").asText())) {
                byType.putIfAbsent(offer.path("InstanceType").asText(), toRecord(offer));
            }
        }
        return List.copyOf(byType.values());
    }

    @Override
    public Optional<Spec> find(String name) {
        return offers(name).stream().filter(o -> name.equals(o.path("InstanceType").asText())).findFirst().map(this::toRecord);
    }

    Spec toRecord(JsonNode offer) {
        String family = offer.path("InstanceFamily").asText().toUpperCase(Locale.ROOT);
        int gpus = offer.path("Gpu").asInt(0);
        if (gpus == 0 && offer.path("GpuCount").asDouble(0) >= 1) {
            gpus = (int) offer.path("GpuCount").asDouble();
        }
        List<Accelerator> accelerators = List.of();
        if (gpus > 0) {
            Accelerator known = GPU_FAMILIES.getOrDefault(family, new Accelerator(AcceleratorType.GPU, "GPU", 1, 0));
            accelerators = List.of(new Accelerator(AcceleratorType.GPU, known.model(), gpus, known.memoryGiB()));
        }
        String cpu = offer.path("CpuType").asText().toLowerCase(Locale.ROOT);
        boolean arm = family.startsWith("SR") || cpu.contains("ampere") || cpu.contains("kunpeng") || cpu.contains("yitian");
        return new Spec(offer.path("InstanceType").asText(), ctx.config().region(), offer.path("Cpu").asInt(),
                offer.path("Memory").asDouble(), 0, arm ? Architecture.ARM64 : Architecture.X86_64, accelerators);
    }
}
