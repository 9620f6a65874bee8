package io.multicloud.driver.gcp;

import com.google.cloud.billing.v1.ListSkusRequest;
import com.google.cloud.billing.v1.Service;
import com.google.cloud.billing.v1.Sku;
import com.google.type.Money;
import io.multicloud.api.Accelerator;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.Price;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Spec;
import io.multicloud.spi.CatalogService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * On-demand hourly prices from the Cloud Billing Catalog API: a machine type costs its vCPUs
 * times its family's "Instance Core" SKU plus its memory (GiB) times the "Instance Ram" SKU of
 * the connection's region (shared-core e2-micro, e2-small and e2-medium count as 0.25, 0.5 and 1
 * vCPU), plus, for GPUs, their count times the GPU's SKU. Compute Engine's SKUs are read once
 * per connection (paged) and kept for an hour. Not priced: custom machine types, sustained-use
 * and committed-use discounts, spot, disks, images' licences (Windows), network; a type whose
 * family has no SKU in the region has no price (NotFound).
 */
final class GcpPrices implements CatalogService<Price> {
    private static final Duration KEEP = Duration.ofHours(1);
    private static final Map<String, Double> SHARED_CORE = Map.of("e2-micro", 0.25, "e2-small", 0.5, "e2-medium", 1.0);
    /** GPU type → the start of its SKU's description. */
    private static final Map<String, String> GPU_SKUS = Map.ofEntries(
            Map.entry("nvidia-tesla-t4", "Nvidia Tesla T4 GPU"), Map.entry("nvidia-tesla-p4", "Nvidia Tesla P4 GPU"),
            Map.entry("nvidia-tesla-p100", "Nvidia Tesla P100 GPU"), Map.entry("nvidia-tesla-v100", "Nvidia Tesla V100 GPU"),
            Map.entry("nvidia-l4", "Nvidia L4 GPU"), Map.entry("nvidia-tesla-a100", "Nvidia Tesla A100 GPU"),
            Map.entry("nvidia-a100-80gb", "Nvidia Tesla A100 80GB GPU"), Map.entry("nvidia-h100-80gb", "Nvidia H100 80GB GPU"));

    private record Cached(Instant at, List<Sku> skus) {
    }

    private final GcpContext ctx;
    private final GcpSpecs specs;
    private volatile Cached cached;

    GcpPrices(GcpContext ctx, GcpSpecs specs) {
        this.ctx = ctx;
        this.specs = specs;
    }

    @Override
    public List<Price> list() {
        List<Price> out = new ArrayList<>();
        for (Spec s : specs.list()) {
            price(s).ifPresent(out::add);
        }
        return List.copyOf(out);
    }

    @Override
    public Optional<Price> find(String spec) {
        return specs.find(spec).flatMap(this::price);
    }

    private Optional<Price> price(Spec spec) {
        GcpSpecs.Parsed parsed = GcpSpecs.parse(spec.name());
        String type = parsed.machineType();
        String family = type.substring(0, type.indexOf('-') < 0 ? type.length() : type.indexOf('-')).toUpperCase(Locale.ROOT);
        List<Sku> regional = skus().stream().filter(s -> s.getServiceRegionsList().contains(ctx.region())
                && "OnDemand".equals(s.getCategory().getUsageType())).toList();
        Optional<Double> core = unit(regional, "CPU", family + (family.equals("N1") ? " Predefined" : "") + " Instance Core");
        Optional<Double> ram = unit(regional, "RAM", family + (family.equals("N1") ? " Predefined" : "") + " Instance Ram");
        if (core.isEmpty() || ram.isEmpty()) {
            return Optional.empty();
        }
        double cpus = SHARED_CORE.getOrDefault(type, (double) spec.vcpus());
        double total = cpus * core.get() + spec.memoryGiB() * ram.get();
        List<String> gpuTypes = new ArrayList<>();
        if (parsed.accelerator() != null) {
            gpuTypes.add(parsed.accelerator());
        }
        for (Accelerator a : spec.accelerators()) {
            String gpuType = GcpSpecs.GPU_MEMORY.keySet().stream()
                    .filter(t -> a.model().equals(GcpSpecs.gpu(t, 1).model())).findFirst().orElse(null);
            if (gpuType == null) {
                return Optional.empty();
            }
            Optional<Double> gpu = unit(regional, "GPU", GPU_SKUS.getOrDefault(gpuType, "?"));
            if (gpu.isEmpty()) {
                return Optional.empty();
            }
            total += a.count() * gpu.get();
        }
        return Optional.of(new Price(spec.name(), ctx.region(), Math.round(total * 1e6) / 1e6, "USD"));
    }

    private static Optional<Double> unit(List<Sku> skus, String group, String prefix) {
        return skus.stream().filter(s -> group.equals(s.getCategory().getResourceGroup()) && s.getDescription().startsWith(prefix + " running in")
                        && s.getPricingInfoCount() > 0)
                .map(s -> {
                    var rates = s.getPricingInfo(0).getPricingExpression().getTieredRatesList();
                    Money m = rates.get(rates.size() - 1).getUnitPrice();
                    return m.getUnits() + m.getNanos() / 1e9;
                }).findFirst();
    }

    private List<Sku> skus() {
        Cached c = cached;
        if (c != null && c.at().plus(KEEP).isAfter(Instant.now())) {
            return c.skus();
        }
        List<Sku> all = new ArrayList<>();
        ctx.errors().run(ResourceKind.PRICE, null, () -> {
            String service = null;
            for (Service s : ctx.clients().billing.get().listServices().iterateAll()) {
                if ("Compute Engine".equals(s.getDisplayName())) {
                    service = s.getName();
                    break;
                }
            }
            if (service == null) {
                throw new NotFoundException(ctx.error(ResourceKind.PRICE, null), "the Billing Catalog lists no Compute Engine service");
            }
            ctx.clients().billing.get().listSkus(ListSkusRequest.newBuilder().setParent(service).setCurrencyCode("USD").setPageSize(5000).build())
                    .iterateAll().forEach(all::add);
        });
        cached = new Cached(Instant.now(), List.copyOf(all));
        return cached.skus();
    }
}
