package io.multicloud.driver.aws;

import io.multicloud.api.Accelerator;
import io.multicloud.api.AcceleratorType;
import io.multicloud.api.Architecture;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Spec;
import io.multicloud.spi.CatalogService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.model.ArchitectureType;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;

/**
 * VM specs from DescribeInstanceTypes (read with the SDK's paginator): vCPUs, memory, local
 * instance storage, architecture and GPUs (manufacturer and name as the model, count, memory of
 * each). Types that run neither x86_64 nor arm64 (32-bit only, Mac) are left out.
 */
final class AwsSpecs implements CatalogService<Spec> {
    private final AwsContext ctx;

    AwsSpecs(AwsContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public List<Spec> list() {
        return ctx.errors().call(ResourceKind.SPEC, null, () -> ctx.clients().ec2().describeInstanceTypesPaginator(r -> r
                        .maxResults(100)).instanceTypes().stream().toList()).stream()
                .map(this::toSpec).flatMap(Optional::stream).sorted(Comparator.comparing(Spec::name)).toList();
    }

    @Override
    public Optional<Spec> find(String name) {
        // A filter answers an empty list for an unknown type; InstanceTypes would answer an error.
        return ctx.errors().call(ResourceKind.SPEC, name, () -> ctx.clients().ec2().describeInstanceTypes(r -> r.filters(
                        Ec2Tags.filter("instance-type", name))).instanceTypes()).stream()
                .filter(t -> name.equals(t.instanceTypeAsString())).findFirst().flatMap(this::toSpec);
    }

    Optional<Spec> toSpec(InstanceTypeInfo t) {
        Architecture arch = architecture(t);
        if (arch == null) {
            return Optional.empty();
        }
        int vcpus = t.vCpuInfo() == null || t.vCpuInfo().defaultVCpus() == null ? 0 : t.vCpuInfo().defaultVCpus();
        double memory = t.memoryInfo() == null || t.memoryInfo().sizeInMiB() == null ? 0 : t.memoryInfo().sizeInMiB() / 1024.0;
        int disk = t.instanceStorageInfo() == null || t.instanceStorageInfo().totalSizeInGB() == null
                ? 0 : Math.toIntExact(t.instanceStorageInfo().totalSizeInGB());
        return Optional.of(new Spec(t.instanceTypeAsString(), ctx.config().region(), vcpus, memory, disk, arch, gpus(t)));
    }

    static List<Accelerator> gpus(InstanceTypeInfo t) {
        List<Accelerator> out = new ArrayList<>();
        if (t.gpuInfo() == null) {
            return out;
        }
        t.gpuInfo().gpus().forEach(g -> {
            String model = ((g.manufacturer() == null ? "" : g.manufacturer() + " ") + (g.name() == null ? "" : g.name())).trim();
            double memory = g.memoryInfo() == null || g.memoryInfo().sizeInMiB() == null ? 0 : g.memoryInfo().sizeInMiB() / 1024.0;
            out.add(new Accelerator(AcceleratorType.GPU, model, g.count() == null ? 0 : g.count(), memory));
        });
        return out;
    }

    private static Architecture architecture(InstanceTypeInfo t) {
        if (t.processorInfo() == null) {
            return null;
        }
        List<ArchitectureType> archs = t.processorInfo().supportedArchitectures();
        if (archs.contains(ArchitectureType.X86_64)) {
            return Architecture.X86_64;
        }
        if (archs.contains(ArchitectureType.ARM64)) {
            return Architecture.ARM64;
        }
        return null;
    }
}
