package io.multicloud.driver.mock;

import io.multicloud.api.Accelerator;
import io.multicloud.api.AcceleratorType;
import io.multicloud.api.Architecture;
import io.multicloud.api.GeoLocation;
import io.multicloud.api.Image;
import io.multicloud.api.Platform;
import io.multicloud.api.Price;
import io.multicloud.api.Region;
import io.multicloud.api.Spec;
import io.multicloud.api.Zone;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The mock cloud's catalog: eight regions named after planets (each at a real place on Earth,
 * with zones {@code <region>-z1..z3}), public images for x86_64 and arm64, Linux and Windows,
 * the same specs in every region (general, compute, memory, storage, arm64 and GPU), and an
 * hourly USD price for every spec in every region (a base price times a fixed regional factor).
 * Immutable; image ids differ per region, as they do on real clouds.
 */
public final class MockCatalog {
    private static final List<RegionDef> REGIONS = List.of(
            new RegionDef("mars", "Ohio, USA", 40.4, -82.9, 1.00),
            new RegionDef("venus", "Frankfurt, Germany", 50.11, 8.68, 1.12),
            new RegionDef("mercury", "Seoul, South Korea", 37.57, 126.98, 1.10),
            new RegionDef("jupiter", "Sao Paulo, Brazil", -23.55, -46.63, 1.45),
            new RegionDef("saturn", "Tokyo, Japan", 35.68, 139.69, 1.18),
            new RegionDef("uranus", "Sydney, Australia", -33.87, 151.21, 1.22),
            new RegionDef("neptune", "Mumbai, India", 19.08, 72.88, 1.06),
            new RegionDef("pluto", "Oregon, USA", 45.6, -121.2, 1.00));

    private static final List<ImageDef> IMAGES = List.of(
            linux("ubuntu-22.04", "Ubuntu", "22.04", Architecture.X86_64, "ubuntu"),
            linux("ubuntu-22.04-arm64", "Ubuntu", "22.04", Architecture.ARM64, "ubuntu"),
            linux("ubuntu-24.04", "Ubuntu", "24.04", Architecture.X86_64, "ubuntu"),
            linux("ubuntu-24.04-arm64", "Ubuntu", "24.04", Architecture.ARM64, "ubuntu"),
            linux("debian-12", "Debian", "12", Architecture.X86_64, "admin"),
            linux("debian-12-arm64", "Debian", "12", Architecture.ARM64, "admin"),
            linux("rocky-9", "Rocky Linux", "9", Architecture.X86_64, "rocky"),
            linux("rocky-9-arm64", "Rocky Linux", "9", Architecture.ARM64, "rocky"),
            new ImageDef("ubuntu-22.04-cuda-12", "Ubuntu", "22.04", Platform.LINUX, Architecture.X86_64, "ubuntu", 40),
            new ImageDef("windows-2022", "Windows Server", "2022", Platform.WINDOWS, Architecture.X86_64, "Administrator", 50),
            new ImageDef("windows-2019", "Windows Server", "2019", Platform.WINDOWS, Architecture.X86_64, "Administrator", 50));

    private static final List<SpecDef> SPECS = List.of(
            cpu("t1.micro", 1, 1), cpu("t1.small", 1, 2), cpu("t1.medium", 2, 4),
            cpu("m1.small", 2, 4), cpu("m1.medium", 4, 16), cpu("m1.large", 8, 32),
            cpu("m1.xlarge", 16, 64), cpu("m1.4xlarge", 64, 256),
            cpu("c1.large", 4, 8), cpu("c1.xlarge", 8, 16), cpu("c1.4xlarge", 32, 64),
            cpu("r1.large", 2, 16), cpu("r1.xlarge", 4, 32), cpu("r1.4xlarge", 16, 128),
            new SpecDef("i1.large", 2, 16, 475, Architecture.X86_64, null),
            arm("a1.small", 2, 4), arm("a1.medium", 4, 8), arm("a1.large", 8, 16), arm("a1.xlarge", 16, 32),
            arm("am1.large", 8, 32), arm("ar1.large", 4, 32),
            gpu("g1.t4x1", 4, 16, "NVIDIA T4", 1, 16),
            gpu("g1.a10gx1", 4, 16, "NVIDIA A10G", 1, 24),
            gpu("g1.a10gx4", 48, 192, "NVIDIA A10G", 4, 24),
            gpu("g1.l4x1", 4, 16, "NVIDIA L4", 1, 24),
            gpu("g1.l4x4", 48, 192, "NVIDIA L4", 4, 24),
            gpu("g1.a100x1", 12, 85, "NVIDIA A100", 1, 40),
            gpu("g1.a100x8", 96, 1152, "NVIDIA A100", 8, 80),
            gpu("g1.h100x8", 96, 1024, "NVIDIA H100", 8, 80));

    /** On-demand USD per hour of one accelerator, by model. */
    private static final Map<String, Double> GPU_HOURLY = Map.of(
            "NVIDIA T4", 0.35, "NVIDIA A10G", 0.90, "NVIDIA L4", 0.60, "NVIDIA A100", 2.90, "NVIDIA H100", 6.10);

    private final Map<String, Region> regions = new LinkedHashMap<>();
    private final Map<String, List<Image>> images = new LinkedHashMap<>();
    private final Map<String, List<Spec>> specs = new LinkedHashMap<>();
    private final Map<String, List<Price>> prices = new LinkedHashMap<>();

    private MockCatalog() {
        for (RegionDef r : REGIONS) {
            List<Zone> zones = List.of(1, 2, 3).stream().map(i -> new Zone(r.name + "-z" + i, r.name, true)).toList();
            String display = Character.toUpperCase(r.name.charAt(0)) + r.name.substring(1) + " (" + r.place + ")";
            regions.put(r.name, new Region(r.name, display, new GeoLocation(r.lat, r.lon, r.place), zones));
            images.put(r.name, IMAGES.stream().map(i -> new Image(i.name, "img-" + shortHash(r.name + "/" + i.name),
                    i.os, i.osVersion, i.platform, i.arch, i.user, i.minDiskGB)).toList());
            specs.put(r.name, SPECS.stream().map(s -> new Spec(s.name, r.name, s.vcpus, s.memoryGiB, s.diskGB, s.arch,
                    s.accelerator == null ? List.of() : List.of(s.accelerator))).toList());
            prices.put(r.name, SPECS.stream().map(s -> new Price(s.name, r.name, round4(basePrice(s) * r.priceFactor), "USD"))
                    .toList());
        }
    }

    /** The standard catalog. */
    public static MockCatalog standard() {
        return new MockCatalog();
    }

    /** Every region, in a fixed order. */
    public List<Region> regions() {
        return List.copyOf(regions.values());
    }

    /** The region names. */
    public Set<String> regionNames() {
        return regions.keySet().stream().collect(Collectors.toUnmodifiableSet());
    }

    /** The region of that name, if the mock has it. */
    public Optional<Region> region(String name) {
        return Optional.ofNullable(regions.get(name));
    }

    /** Public images offered in a region (empty for an unknown region). */
    public List<Image> images(String region) {
        return images.getOrDefault(region, List.of());
    }

    /** A public image of a region by name or id. */
    public Optional<Image> image(String region, String nameOrId) {
        return images(region).stream().filter(i -> i.name().equals(nameOrId) || i.id().equals(nameOrId)).findFirst();
    }

    /** Specs offered in a region (empty for an unknown region). */
    public List<Spec> specs(String region) {
        return specs.getOrDefault(region, List.of());
    }

    /** A spec of a region by name. */
    public Optional<Spec> spec(String region, String name) {
        return specs(region).stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The price of every spec in a region. */
    public List<Price> prices(String region) {
        return prices.getOrDefault(region, List.of());
    }

    /** The price of one spec in a region. */
    public Optional<Price> price(String region, String spec) {
        return prices(region).stream().filter(p -> p.spec().equals(spec)).findFirst();
    }

    private static double basePrice(SpecDef s) {
        double cpu = s.vcpus * 0.0208 + s.memoryGiB * 0.0026 + s.diskGB * 0.0002;
        double perCore = s.arch == Architecture.ARM64 ? cpu * 0.8 : cpu;
        double gpu = s.accelerator == null ? 0 : s.accelerator.count() * GPU_HOURLY.get(s.accelerator.model());
        return perCore + gpu;
    }

    private static double round4(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static ImageDef linux(String name, String os, String version, Architecture arch, String user) {
        return new ImageDef(name, os, version, Platform.LINUX, arch, user, 10);
    }

    private static SpecDef cpu(String name, int vcpus, double memoryGiB) {
        return new SpecDef(name, vcpus, memoryGiB, 0, Architecture.X86_64, null);
    }

    private static SpecDef arm(String name, int vcpus, double memoryGiB) {
        return new SpecDef(name, vcpus, memoryGiB, 0, Architecture.ARM64, null);
    }

    private static SpecDef gpu(String name, int vcpus, double memoryGiB, String model, int count, double gpuMemoryGiB) {
        return new SpecDef(name, vcpus, memoryGiB, 0, Architecture.X86_64,
                new Accelerator(AcceleratorType.GPU, model, count, gpuMemoryGiB));
    }

    private record RegionDef(String name, String place, double lat, double lon, double priceFactor) {
    }

    private record ImageDef(String name, String os, String osVersion, Platform platform, Architecture arch,
                            String user, int minDiskGB) {
    }

    private record SpecDef(String name, int vcpus, double memoryGiB, int diskGB, Architecture arch,
                           Accelerator accelerator) {
    }
}
