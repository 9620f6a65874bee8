package io.multicloud.driver.gcp;

import com.google.cloud.compute.v1.AcceleratorType;
import com.google.cloud.compute.v1.GetMachineTypeRequest;
import com.google.cloud.compute.v1.ListAcceleratorTypesRequest;
import com.google.cloud.compute.v1.ListMachineTypesRequest;
import com.google.cloud.compute.v1.MachineType;
import io.multicloud.api.Accelerator;
import io.multicloud.api.Architecture;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Spec;
import io.multicloud.spi.CatalogService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Specs: the machine types of the connection's zone (vCPUs, memory, architecture, and the GPUs
 * built into accelerator-optimized types such as a2, a3 and g2), plus one spec per GPU type that
 * attaches to an N1 machine, named {@code <machine type>+<accelerator type>:<count>}
 * ({@code n1-standard-8+nvidia-tesla-t4:1}). Any such name works in a VM request, with any N1
 * type and any count the zone allows: the VM then gets the GPUs, and the {@code TERMINATE}
 * maintenance policy GPUs need. GPU memory comes from the table below (GCE does not say it).
 */
final class GcpSpecs implements CatalogService<Spec> {
    /** GPU type → memory per GPU (GiB). */
    static final Map<String, Double> GPU_MEMORY = Map.ofEntries(
            Map.entry("nvidia-tesla-t4", 16.0), Map.entry("nvidia-tesla-p4", 8.0), Map.entry("nvidia-tesla-p100", 16.0),
            Map.entry("nvidia-tesla-v100", 16.0), Map.entry("nvidia-l4", 24.0), Map.entry("nvidia-tesla-a100", 40.0),
            Map.entry("nvidia-a100-80gb", 80.0), Map.entry("nvidia-h100-80gb", 80.0), Map.entry("nvidia-h100-mega-80gb", 80.0),
            Map.entry("nvidia-h200-141gb", 141.0), Map.entry("nvidia-b200", 180.0));
    /** The GPU types that attach to N1 machine types. */
    static final List<String> ATTACHABLE = List.of("nvidia-tesla-t4", "nvidia-tesla-p4", "nvidia-tesla-p100", "nvidia-tesla-v100");
    /** The host machine type listed with each attachable GPU type. */
    static final String GPU_HOST = "n1-standard-8";
    private static final Pattern WITH_GPU = Pattern.compile("([a-z0-9-]+)\\+([a-z0-9-]+)(?::(\\d+))?");

    /** A machine type with GPUs to attach. */
    record Parsed(String machineType, String accelerator, int count) {
    }

    private final GcpContext ctx;

    GcpSpecs(GcpContext ctx) {
        this.ctx = ctx;
    }

    /** A spec name split into machine type and attached GPUs (none: null accelerator). */
    static Parsed parse(String spec) {
        Matcher m = WITH_GPU.matcher(spec);
        if (m.matches()) {
            return new Parsed(m.group(1), m.group(2), m.group(3) == null ? 1 : Integer.parseInt(m.group(3)));
        }
        return new Parsed(spec, null, 0);
    }

    @Override
    public List<Spec> list() {
        List<MachineType> types = new ArrayList<>();
        ctx.errors().run(ResourceKind.SPEC, null, () -> ctx.clients().machineTypes.get().list(ListMachineTypesRequest.newBuilder()
                .setProject(ctx.project()).setZone(ctx.zone()).setMaxResults(500).build()).iterateAll().forEach(types::add));
        List<Spec> out = new ArrayList<>(types.stream().map(t -> toRecord(t.getName(), t, null, 0)).toList());
        Optional<MachineType> host = types.stream().filter(t -> t.getName().equals(GPU_HOST)).findFirst();
        if (host.isPresent()) {
            for (AcceleratorType a : acceleratorTypes()) {
                if (ATTACHABLE.contains(a.getName())) {
                    out.add(toRecord(GPU_HOST + "+" + a.getName() + ":1", host.get(), a.getName(), 1));
                }
            }
        }
        return List.copyOf(out);
    }

    private List<AcceleratorType> acceleratorTypes() {
        List<AcceleratorType> out = new ArrayList<>();
        ctx.errors().run(ResourceKind.SPEC, null, () -> ctx.clients().acceleratorTypes.get().list(ListAcceleratorTypesRequest.newBuilder()
                .setProject(ctx.project()).setZone(ctx.zone()).build()).iterateAll().forEach(out::add));
        return out;
    }

    @Override
    public Optional<Spec> find(String name) {
        Parsed p = parse(name);
        if (!p.machineType().matches("[a-z][-a-z0-9]{0,62}")) {
            return Optional.empty();
        }
        return machineType(p.machineType()).map(t -> toRecord(name, t, p.accelerator(), p.count()));
    }

    Optional<MachineType> machineType(String name) {
        try {
            return Optional.of(ctx.errors().call(ResourceKind.SPEC, name, () -> ctx.clients().machineTypes.get().get(
                    GetMachineTypeRequest.newBuilder().setProject(ctx.project()).setZone(ctx.zone()).setMachineType(name).build())));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    Spec toRecord(String name, MachineType t, String attached, int count) {
        List<Accelerator> gpus = new ArrayList<>();
        t.getAcceleratorsList().forEach(a -> gpus.add(gpu(a.getGuestAcceleratorType(), a.getGuestAcceleratorCount())));
        if (attached != null) {
            gpus.add(gpu(attached, count));
        }
        Architecture arch = "ARM64".equals(t.getArchitecture()) ? Architecture.ARM64 : Architecture.X86_64;
        return new Spec(name, ctx.region(), t.getGuestCpus(), t.getMemoryMb() / 1024.0, 0, arch, gpus);
    }

    static Accelerator gpu(String type, int count) {
        String model = type.replaceFirst("^nvidia-(tesla-)?", "").toUpperCase(java.util.Locale.ROOT);
        return new Accelerator(io.multicloud.api.AcceleratorType.GPU, "NVIDIA " + model, count, GPU_MEMORY.getOrDefault(type, 0.0));
    }
}
