package io.multicloud.driver.alibaba;

import io.multicloud.api.Architecture;
import io.multicloud.api.Image;
import io.multicloud.api.Platform;
import io.multicloud.api.ResourceKind;
import io.multicloud.spi.CatalogService;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Public (system) images. The list is the portable aliases ({@code ubuntu-22.04},
 * {@code debian-12}, {@code alibaba-cloud-linux-3}, {@code windows-2022}, ...) each resolved to
 * the newest system image whose id matches, then every system image under its own id. The system
 * images are read once per connection (DescribeImages with {@code ImageOwnerAlias=system}, paged
 * to the end) and kept for ten minutes. {@link #find(String)} takes an alias, a system image id,
 * or an image id or name of the account's own images. Login user: {@code root} on Linux (Alibaba
 * puts the key pair on root), {@code Administrator} on Windows.
 */
final class AlibabaImages implements CatalogService<Image> {
    /** Alias → pattern of the image id. */
    static final Map<String, Pattern> ALIASES = aliases();

    private static Map<String, Pattern> aliases() {
        Map<String, Pattern> m = new LinkedHashMap<>();
        m.put("ubuntu-22.04", Pattern.compile("ubuntu_22_04_x64_.*"));
        m.put("ubuntu-22.04-arm64", Pattern.compile("ubuntu_22_04_arm64_.*"));
        m.put("ubuntu-24.04", Pattern.compile("ubuntu_24_04_x64_.*"));
        m.put("debian-12", Pattern.compile("debian_12_\\d+_x64_.*"));
        m.put("alibaba-cloud-linux-3", Pattern.compile("aliyun_3_x64_.*"));
        m.put("alibaba-cloud-linux-3-arm64", Pattern.compile("aliyun_3_arm64_.*"));
        m.put("windows-2022", Pattern.compile("win2022_.*_en-us_.*"));
        return Map.copyOf(m);
    }

    private static final Pattern VERSION = Pattern.compile("^[a-z]+_?(\\d+)_(\\d+)?");
    private static final long CACHE_NANOS = 10L * 60 * 1_000_000_000;

    /** An image as DescribeImages reports it. */
    record RawImage(String id, String name, String osType, String osName, String platform, String architecture,
                    int sizeGB, String status, String creationTime, String ownerAlias, Map<String, String> cloudTags) {
    }

    private record Cached(List<RawImage> images, long at) {
    }

    private final AlibabaContext ctx;
    private volatile Cached system;

    AlibabaImages(AlibabaContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public List<Image> list() {
        List<RawImage> all = systemImages();
        List<Image> out = new ArrayList<>();
        ALIASES.keySet().stream().sorted().forEach(alias -> newest(all, ALIASES.get(alias)).ifPresent(i -> out.add(toRecord(alias, i))));
        all.forEach(i -> out.add(toRecord(i.id(), i)));
        return List.copyOf(out);
    }

    @Override
    public Optional<Image> find(String name) {
        return resolve(name).map(i -> toRecord(name, i));
    }

    /** The image an alias, a system image id, or an own image's id or name stands for. */
    Optional<RawImage> resolve(String name) {
        Pattern alias = ALIASES.get(name);
        if (alias != null) {
            return newest(systemImages(), alias);
        }
        Optional<RawImage> system = systemImages().stream().filter(i -> i.id().equals(name)).findFirst();
        if (system.isPresent()) {
            return system;
        }
        return describe(name, null, AlibabaNames.looksLikeId(name, "m-") ? name : null, name.startsWith("m-") ? null : name).stream()
                .filter(i -> i.id().equals(name) || name.equals(i.name())).findFirst();
    }

    /** The account's own images (CreateImage), optionally by name or id. */
    List<RawImage> own(String name, String id) {
        return describe(name, "self", id, name);
    }

    private List<RawImage> systemImages() {
        Cached c = system;
        if (c == null || System.nanoTime() - c.at() > CACHE_NANOS) {
            c = new Cached(describe(null, "system", null, null), System.nanoTime());
            system = c;
        }
        return c.images();
    }

    private List<RawImage> describe(String what, String owner, String id, String imageName) {
        return AlibabaContext.allByNumber(page -> {
            var req = new com.aliyun.ecs20140526.models.DescribeImagesRequest().setRegionId(ctx.region())
                    .setPageNumber(page).setPageSize(100).setImageOwnerAlias(owner).setImageId(id).setImageName(imageName);
            var body = ctx.call(ResourceKind.IMAGE, what, () -> ctx.clients().ecs().describeImages(req).getBody());
            List<RawImage> items = body.getImages() == null || body.getImages().getImage() == null ? List.of()
                    : body.getImages().getImage().stream().map(i -> {
                Map<String, String> t = new LinkedHashMap<>();
                if (i.getTags() != null && i.getTags().getTag() != null) {
                    i.getTags().getTag().forEach(x -> t.put(x.getTagKey(), x.getTagValue() == null ? "" : x.getTagValue()));
                }
                return new RawImage(i.getImageId(), i.getImageName(), i.getOSType(), i.getOSNameEn() != null ? i.getOSNameEn() : i.getOSName(),
                        i.getPlatform(), i.getArchitecture(), i.getSize() == null ? 0 : i.getSize(), i.getStatus(),
                        i.getCreationTime(), i.getImageOwnerAlias(), t);
            }).toList();
            return new AlibabaContext.Numbered<>(items, body.getTotalCount() == null ? 0 : body.getTotalCount());
        });
    }

    private static Optional<RawImage> newest(List<RawImage> images, Pattern pattern) {
        return images.stream().filter(i -> pattern.matcher(i.id()).matches())
                .filter(i -> i.status() == null || "Available".equalsIgnoreCase(i.status()))
                .max(Comparator.comparing(i -> i.creationTime() == null ? "" : i.creationTime()));
    }

    static boolean windows(RawImage i) {
        return "windows".equalsIgnoreCase(i.osType()) || (i.platform() != null && i.platform().toLowerCase(Locale.ROOT).contains("windows"));
    }

    static Image toRecord(String name, RawImage i) {
        boolean windows = windows(i);
        String os = os(i);
        return new Image(name, i.id(), os, version(i), windows ? Platform.WINDOWS : Platform.LINUX, architecture(i.architecture()),
                windows ? "Administrator" : "root", i.sizeGB());
    }

    private static String os(RawImage i) {
        String p = (i.platform() == null ? i.id() : i.platform()).toLowerCase(Locale.ROOT);
        if (p.contains("ubuntu")) {
            return "ubuntu";
        }
        if (p.contains("debian")) {
            return "debian";
        }
        if (p.contains("aliyun") || p.contains("alibaba")) {
            return "alibaba-cloud-linux";
        }
        if (p.contains("windows") || p.startsWith("win")) {
            return "windows";
        }
        return p.split("[ _]")[0];
    }

    private static String version(RawImage i) {
        Matcher m = VERSION.matcher(i.id());
        if (!m.find()) {
            return null;
        }
        if (i.id().startsWith("ubuntu") && m.group(2) != null) {
            return m.group(1) + "." + m.group(2);
        }
        if (i.id().startsWith("win")) {
            Matcher w = Pattern.compile("win(\\d{4})").matcher(i.id());
            return w.find() ? w.group(1) : null;
        }
        return m.group(1);
    }

    static Architecture architecture(String a) {
        if (a == null) {
            return Architecture.X86_64;
        }
        return switch (a.toLowerCase(Locale.ROOT)) {
            case "arm64", "arm" -> Architecture.ARM64;
            case "i386" -> Architecture.I386;
            default -> Architecture.X86_64;
        };
    }
}
