package io.multicloud.driver.azure;

import com.azure.resourcemanager.compute.fluent.models.VirtualMachineImageInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineImageResourceInner;
import io.multicloud.api.Architecture;
import io.multicloud.api.Image;
import io.multicloud.api.Platform;
import io.multicloud.api.ResourceKind;
import io.multicloud.spi.CatalogService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Images: Marketplace images by URN ({@code publisher:offer:sku:version}, {@code latest} allowed)
 * and the portable aliases below, each resolved to its newest version in the region (one call per
 * alias). {@link #list()} shows the aliases the region offers; any URN is found by itself.
 * Architecture and Hyper-V generation come from Azure's image (the generation goes into the
 * image's id, as {@code URN#gen2}: the common model has no field for it). Linux images log in as
 * the library's user {@code multicloud} (the driver makes it on every VM); Windows ones too.
 */
final class AzureImages implements CatalogService<Image> {
    /** A Marketplace image by its parts. */
    record Urn(String publisher, String offer, String sku, String version) {
        static Optional<Urn> parse(String text) {
            String[] p = text.split(":");
            return p.length == 4 && !p[0].isBlank() && !p[1].isBlank() && !p[2].isBlank() && !p[3].isBlank()
                    ? Optional.of(new Urn(p[0], p[1], p[2], p[3])) : Optional.empty();
        }

        @Override
        public String toString() {
            return publisher + ":" + offer + ":" + sku + ":" + version;
        }
    }

    /** A portable alias: the URN, and what is known of it without asking Azure. */
    record Alias(Urn urn, String os, String osVersion, Platform platform, Architecture architecture) {
    }

    static final Map<String, Alias> ALIASES = aliases();

    private final AzureContext ctx;

    AzureImages(AzureContext ctx) {
        this.ctx = ctx;
    }

    private static Map<String, Alias> aliases() {
        Map<String, Alias> m = new LinkedHashMap<>();
        m.put("ubuntu-22.04", new Alias(new Urn("Canonical", "0001-com-ubuntu-server-jammy", "22_04-lts-gen2", "latest"),
                "ubuntu", "22.04", Platform.LINUX, Architecture.X86_64));
        m.put("ubuntu-22.04-arm64", new Alias(new Urn("Canonical", "0001-com-ubuntu-server-jammy", "22_04-lts-arm64", "latest"),
                "ubuntu", "22.04", Platform.LINUX, Architecture.ARM64));
        m.put("ubuntu-24.04", new Alias(new Urn("Canonical", "ubuntu-24_04-lts", "server", "latest"),
                "ubuntu", "24.04", Platform.LINUX, Architecture.X86_64));
        m.put("ubuntu-24.04-arm64", new Alias(new Urn("Canonical", "ubuntu-24_04-lts", "server-arm64", "latest"),
                "ubuntu", "24.04", Platform.LINUX, Architecture.ARM64));
        m.put("debian-12", new Alias(new Urn("Debian", "debian-12", "12-gen2", "latest"),
                "debian", "12", Platform.LINUX, Architecture.X86_64));
        m.put("debian-12-arm64", new Alias(new Urn("Debian", "debian-12", "12-arm64", "latest"),
                "debian", "12", Platform.LINUX, Architecture.ARM64));
        m.put("windows-2022", new Alias(new Urn("MicrosoftWindowsServer", "WindowsServer", "2022-datacenter-azure-edition", "latest"),
                "windows", "2022", Platform.WINDOWS, Architecture.X86_64));
        m.put("windows-2019", new Alias(new Urn("MicrosoftWindowsServer", "WindowsServer", "2019-datacenter-gensecond", "latest"),
                "windows", "2019", Platform.WINDOWS, Architecture.X86_64));
        return Map.copyOf(m);
    }

    private com.azure.resourcemanager.compute.fluent.VirtualMachineImagesClient images() {
        return ctx.clients().compute().getVirtualMachineImages();
    }

    @Override
    public List<Image> list() {
        List<Image> all = new ArrayList<>();
        ALIASES.keySet().stream().sorted().forEach(alias -> find(alias).ifPresent(all::add));
        return List.copyOf(all);
    }

    @Override
    public Optional<Image> find(String nameOrId) {
        String key = nameOrId.contains("#") ? nameOrId.substring(0, nameOrId.indexOf('#')) : nameOrId;
        Alias alias = ALIASES.get(key);
        Optional<Urn> urn = alias != null ? Optional.of(alias.urn()) : Urn.parse(key);
        if (urn.isEmpty()) {
            return Optional.empty();
        }
        return resolve(urn.get()).map(found -> toRecord(nameOrId.equals(key) ? key : nameOrId, found.urn(), found.image(), alias));
    }

    /** A resolved image: the URN with its concrete version, and Azure's description of it. */
    record Resolved(Urn urn, VirtualMachineImageInner image) {
    }

    /** The image with its concrete version ({@code latest}: the newest), when the region offers it. */
    Optional<Resolved> resolve(Urn urn) {
        String version = urn.version();
        if (version.equalsIgnoreCase("latest")) {
            List<VirtualMachineImageResourceInner> versions = ctx.find(ResourceKind.IMAGE, urn.toString(),
                    () -> images().list(ctx.region(), urn.publisher(), urn.offer(), urn.sku())).orElse(List.of());
            Optional<String> newest = versions.stream().map(VirtualMachineImageResourceInner::name)
                    .max(AzureImages::compareVersions);
            if (newest.isEmpty()) {
                return Optional.empty();
            }
            version = newest.get();
        }
        String v = version;
        Urn exact = new Urn(urn.publisher(), urn.offer(), urn.sku(), v);
        return ctx.find(ResourceKind.IMAGE, exact.toString(),
                () -> images().get(ctx.region(), urn.publisher(), urn.offer(), urn.sku(), v)).map(i -> new Resolved(exact, i));
    }

    /** Resolves an alias or URN for a VM; the alias's URN keeps {@code latest}. */
    Optional<Urn> urnOf(String nameOrId) {
        Alias alias = ALIASES.get(nameOrId);
        return alias != null ? Optional.of(alias.urn()) : Urn.parse(nameOrId);
    }

    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? parse(x[i]) : 0;
            long q = i < y.length ? parse(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return a.compareTo(b);
    }

    private static long parse(String part) {
        try {
            return Long.parseLong(part);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Image toRecord(String name, Urn urn, VirtualMachineImageInner image, Alias alias) {
        Platform platform = image.osDiskImage() != null && image.osDiskImage().operatingSystem() != null
                ? (image.osDiskImage().operatingSystem().toString().equalsIgnoreCase("Windows") ? Platform.WINDOWS : Platform.LINUX)
                : alias != null ? alias.platform() : Platform.LINUX;
        Architecture arch = image.architecture() != null && image.architecture().toString().equalsIgnoreCase("Arm64")
                ? Architecture.ARM64 : Architecture.X86_64;
        String generation = image.hyperVGeneration() == null ? "" : "#" + image.hyperVGeneration().toString().toLowerCase(java.util.Locale.ROOT);
        String os = alias != null ? alias.os() : urn.offer().toLowerCase(java.util.Locale.ROOT);
        String osVersion = alias != null ? alias.osVersion() : urn.sku();
        return new Image(name, urn + generation, os, osVersion, platform, arch, io.multicloud.spi.CloudInitUserData.USER, 30);
    }

    /** Sorted names, for messages. */
    static List<String> aliasNames() {
        return ALIASES.keySet().stream().sorted(Comparator.naturalOrder()).toList();
    }
}
