package io.multicloud.driver.openstack;

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
import java.util.Map;
import java.util.Optional;
import org.openstack4j.model.compute.Flavor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nova flavors as specs: vCPUs, memory (MB / 1024), root disk, and from the flavor's extra specs
 * the architecture ({@code capabilities:cpu_arch} or a {@code trait:HW_ARCH_*} trait; x86_64
 * otherwise) and GPUs ({@code pci_passthrough:alias} such as {@code a100:2,t4:1}, or
 * {@code resources:VGPU=1}). Extra specs take one call per flavor (openstack4j asks Nova without
 * a microversion, so the listing does not carry them); a cloud has tens of flavors at most.
 */
final class OpenStackSpecs implements CatalogService<Spec> {
    private static final Logger LOG = LoggerFactory.getLogger(OpenStackSpecs.class);
    /** Memory of one GPU by model, where the model says it unambiguously; checked in this order. */
    private static final List<Map.Entry<String, Double>> GPU_MEMORY = List.of(
            Map.entry("a100-80", 80.0), Map.entry("h100", 80.0), Map.entry("h200", 141.0), Map.entry("l40s", 48.0),
            Map.entry("l40", 48.0), Map.entry("a100", 40.0), Map.entry("a10", 24.0), Map.entry("l4", 24.0),
            Map.entry("t4", 16.0));

    private final OpenStackContext ctx;

    OpenStackSpecs(OpenStackContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public List<Spec> list() {
        long start = System.nanoTime();
        List<Spec> specs = flavors().stream().map(this::toRecord).sorted(Comparator.comparing(Spec::name)).toList();
        LOG.debug("{}: {} flavors with their extra specs in {} ms", ctx.config().name(), specs.size(),
                (System.nanoTime() - start) / 1_000_000);
        return specs;
    }

    @Override
    public Optional<Spec> find(String name) {
        return flavors().stream().filter(f -> f.getName().equals(name)).findFirst().map(this::toRecord);
    }

    /** The flavor of this name; NotFound otherwise. */
    Flavor flavor(String name) {
        return flavors().stream().filter(f -> f.getName().equals(name)).findFirst()
                .orElseThrow(() -> ctx.errors().notFound(ResourceKind.SPEC, name));
    }

    /** The name of the flavor with this id, when it still exists. */
    Optional<String> flavorName(String flavorId) {
        if (flavorId == null) {
            return Optional.empty();
        }
        return flavors().stream().filter(f -> flavorId.equals(f.getId())).findFirst().map(Flavor::getName);
    }

    private List<Flavor> flavors() {
        List<? extends Flavor> all = ctx.errors().call(ResourceKind.SPEC, null, () -> ctx.client().compute().flavors().list());
        return all == null ? List.of() : all.stream().map(f -> (Flavor) f).toList();
    }

    private Spec toRecord(Flavor f) {
        Map<String, String> extra = ctx.errors().call(ResourceKind.SPEC, f.getName(),
                () -> ctx.client().compute().flavors().listExtraSpecs(f.getId()));
        return toSpec(f.getName(), ctx.session().region(), f.getVcpus(), f.getRam(), f.getDisk(), extra == null ? Map.of() : extra);
    }

    /** A spec from a flavor's sizes and extra specs. */
    static Spec toSpec(String name, String region, int vcpus, int ramMB, int diskGB, Map<String, String> extraSpecs) {
        return new Spec(name, region, vcpus, ramMB / 1024.0, diskGB, architecture(extraSpecs), accelerators(extraSpecs));
    }

    /** The CPU architecture extra specs ask for; x86_64 when they say nothing. */
    static Architecture architecture(Map<String, String> extra) {
        String arch = extra.get("capabilities:cpu_arch");
        if (arch == null) {
            arch = extra.get("hw:cpu_arch");
        }
        if (arch != null) {
            // ComputeCapabilitiesFilter values may carry an operator: "<in> aarch64".
            String value = arch.replaceFirst("^\\s*<[^>]*>\\s*", "").strip();
            return ImageAliases.architecture(value).orElse(Architecture.X86_64);
        }
        if ("required".equals(extra.get("trait:HW_ARCH_AARCH64"))) {
            return Architecture.ARM64;
        }
        return Architecture.X86_64;
    }

    /** GPUs from {@code pci_passthrough:alias} ("a100:2,t4:1") and {@code resources:VGPU}. */
    static List<Accelerator> accelerators(Map<String, String> extra) {
        List<Accelerator> out = new ArrayList<>();
        String alias = extra.get("pci_passthrough:alias");
        if (alias != null) {
            for (String part : alias.split(",")) {
                String item = part.strip();
                if (item.isEmpty()) {
                    continue;
                }
                int colon = item.lastIndexOf(':');
                String model = colon < 0 ? item : item.substring(0, colon).strip();
                int count = colon < 0 ? 1 : count(item.substring(colon + 1));
                if (!model.isEmpty() && count > 0) {
                    out.add(new Accelerator(AcceleratorType.GPU, model, count, memoryGiB(model)));
                }
            }
        }
        String vgpu = extra.get("resources:VGPU");
        if (vgpu != null && count(vgpu) > 0) {
            out.add(new Accelerator(AcceleratorType.GPU, "vGPU", count(vgpu), 0));
        }
        return out;
    }

    private static int count(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Memory of one GPU of a PCI alias name, 0 when the name does not tell. */
    static double memoryGiB(String model) {
        String lower = model.toLowerCase(Locale.ROOT);
        String[] words = lower.split("[^a-z0-9]+");
        for (Map.Entry<String, Double> known : GPU_MEMORY) {
            String key = known.getKey();
            boolean hit = key.contains("-") ? lower.contains(key) : java.util.Arrays.asList(words).contains(key);
            if (hit) {
                return known.getValue();
            }
        }
        return 0;
    }
}
