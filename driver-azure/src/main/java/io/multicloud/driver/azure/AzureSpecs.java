package io.multicloud.driver.azure;

import com.azure.core.util.Context;
import com.azure.resourcemanager.compute.fluent.models.ResourceSkuInner;
import com.azure.resourcemanager.compute.models.ResourceSkuCapabilities;
import com.azure.resourcemanager.compute.models.ResourceSkuRestrictions;
import io.multicloud.api.Accelerator;
import io.multicloud.api.AcceleratorType;
import io.multicloud.api.Architecture;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Spec;
import io.multicloud.spi.CatalogService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Specs from the region's resource SKUs ({@code Microsoft.Compute/skus}, filtered to the
 * region, one paged listing): vCPUs, memory, architecture and GPUs from the SKU's capabilities;
 * the GPU model and memory from the size's family (Azure does not name them). A size restricted
 * for the subscription in the region ({@code NotAvailableForSubscription}), or, when the
 * connection names a zone, not offered or restricted in that zone, is not listed.
 */
final class AzureSpecs implements CatalogService<Spec> {
    private static final Pattern GPU_FAMILY = Pattern.compile("(?i)standard_(n[cdv])\\d+[a-z]*(?:_([a-z0-9]+))?_(v\\d)");

    private final AzureContext ctx;

    AzureSpecs(AzureContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public List<Spec> list() {
        List<Spec> all = new ArrayList<>();
        for (ResourceSkuInner sku : skus()) {
            if ("virtualMachines".equalsIgnoreCase(sku.resourceType()) && available(sku)) {
                all.add(toRecord(sku));
            }
        }
        all.sort(Comparator.comparing(Spec::name));
        return List.copyOf(all);
    }

    /** The region's VM SKUs, whatever their restrictions. */
    List<ResourceSkuInner> skus() {
        String filter = "location eq '" + ctx.region() + "'";
        return ctx.errors().call(ResourceKind.SPEC, null, () -> {
            List<ResourceSkuInner> list = new ArrayList<>();
            ctx.clients().compute().getResourceSkus().list(filter, null, Context.NONE).forEach(list::add);
            return list;
        });
    }

    @Override
    public Optional<Spec> find(String nameOrId) {
        return list().stream().filter(s -> s.name().equalsIgnoreCase(nameOrId)).findFirst();
    }

    /** Whether the size can be had by this subscription in the region (and the connection's zone). */
    boolean available(ResourceSkuInner sku) {
        return zonesOffered(sku, ctx.defaultZone());
    }

    /** Whether the size is offered in the region and, when {@code zone} is not null, in that zone. */
    boolean zonesOffered(ResourceSkuInner sku, String zone) {
        List<ResourceSkuRestrictions> restrictions = sku.restrictions() == null ? List.of() : sku.restrictions();
        for (ResourceSkuRestrictions r : restrictions) {
            String type = r.type() == null ? "" : r.type().toString();
            if (type.equalsIgnoreCase("Location")) {
                return false;
            }
            if (zone != null && type.equalsIgnoreCase("Zone") && r.restrictionInfo() != null
                    && r.restrictionInfo().zones() != null && r.restrictionInfo().zones().contains(zone)) {
                return false;
            }
        }
        if (zone == null) {
            return true;
        }
        return sku.locationInfo() != null && sku.locationInfo().stream()
                .anyMatch(l -> l.zones() != null && l.zones().contains(zone));
    }

    static Spec toRecord(ResourceSkuInner sku) {
        int vcpus = (int) capability(sku, "vCPUs");
        double memory = capability(sku, "MemoryGB");
        String arch = text(sku, "CpuArchitectureType");
        int gpus = (int) capability(sku, "GPUs");
        List<Accelerator> accelerators = gpus > 0 ? List.of(gpu(sku.name(), gpus)) : List.of();
        int diskGB = (int) (capability(sku, "MaxResourceVolumeMB") / 1024);
        return new Spec(sku.name(), sku.locations() == null || sku.locations().isEmpty() ? null : sku.locations().getFirst(),
                vcpus, memory, diskGB, "Arm64".equalsIgnoreCase(arch) ? Architecture.ARM64 : Architecture.X86_64, accelerators);
    }

    /** The GPU of an N-series size, by its family (model and memory per GPU in GiB). */
    static Accelerator gpu(String size, int count) {
        String s = size.toLowerCase(Locale.ROOT);
        String model = "unknown";
        double memory = 0;
        if (s.contains("h100")) {
            model = "H100";
            memory = s.startsWith("standard_nc") ? 94 : 80;
        } else if (s.contains("a100")) {
            model = "A100";
            memory = s.contains("amsr") || s.startsWith("standard_nc") ? 80 : 40;
        } else if (s.contains("_t4_")) {
            model = "T4";
            memory = 16;
        } else if (s.contains("a10")) {
            model = "A10";
            memory = 24;
        } else if (s.contains("mi300x")) {
            model = "MI300X";
            memory = 192;
        } else {
            Matcher m = GPU_FAMILY.matcher(size);
            if (m.matches()) {
                String family = m.group(1).toLowerCase(Locale.ROOT);
                String gen = m.group(3).toLowerCase(Locale.ROOT);
                if (family.equals("nc") && gen.equals("v3")) {
                    model = "V100";
                    memory = 16;
                } else if (family.equals("nd") && gen.equals("v2")) {
                    model = "V100";
                    memory = 32;
                } else if (family.equals("nv") && gen.equals("v3")) {
                    model = "M60";
                    memory = 8;
                }
            }
        }
        return new Accelerator(AcceleratorType.GPU, model, count, memory);
    }

    private static double capability(ResourceSkuInner sku, String name) {
        String value = text(sku, name);
        if (value == null) {
            return 0;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String text(ResourceSkuInner sku, String name) {
        if (sku.capabilities() == null) {
            return null;
        }
        return sku.capabilities().stream().filter(c -> name.equalsIgnoreCase(c.name())).map(ResourceSkuCapabilities::value)
                .findFirst().orElse(null);
    }
}
