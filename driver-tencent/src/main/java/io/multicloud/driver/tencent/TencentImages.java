package io.multicloud.driver.tencent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.api.Architecture;
import io.multicloud.api.Image;
import io.multicloud.api.Platform;
import io.multicloud.api.ResourceKind;
import io.multicloud.driver.tencent.TencentClients.Product;
import io.multicloud.spi.CatalogService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Public images (CVM DescribeImages, {@code image-type=PUBLIC_IMAGE}), each named by its id (a
 * public image's name is prose), plus the portable aliases, each resolved to the newest public
 * image whose OS matches: {@code ubuntu-20.04}, {@code ubuntu-22.04}, {@code ubuntu-22.04-arm64},
 * {@code ubuntu-24.04}, {@code debian-12}, {@code tencentos-3}, {@code windows-2022}.
 */
final class TencentImages implements CatalogService<Image> {
    /** An alias: the platform filter and a test of the image's OS name and architecture. */
    record Alias(String platform, String osPrefix, String architecture) {
        boolean matches(JsonNode image) {
            return image.path("OsName").asText().toLowerCase(Locale.ROOT).startsWith(osPrefix)
                    && architecture.equals(arch(image.path("Architecture").asText()));
        }
    }

    static final Map<String, Alias> ALIASES = Map.of(
            "ubuntu-20.04", new Alias("Ubuntu", "ubuntu server 20.04", "x86_64"),
            "ubuntu-22.04", new Alias("Ubuntu", "ubuntu server 22.04", "x86_64"),
            "ubuntu-22.04-arm64", new Alias("Ubuntu", "ubuntu server 22.04", "arm64"),
            "ubuntu-24.04", new Alias("Ubuntu", "ubuntu server 24.04", "x86_64"),
            "debian-12", new Alias("Debian", "debian 12", "x86_64"),
            "tencentos-3", new Alias("TencentOS", "tencentos server 3", "x86_64"),
            "windows-2022", new Alias("Windows", "windows server 2022", "x86_64"));

    private final TencentContext ctx;

    TencentImages(TencentContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public List<Image> list() {
        List<JsonNode> all = publicImages(null);
        List<Image> out = new ArrayList<>();
        ALIASES.keySet().stream().sorted().forEach(alias -> newest(all, ALIASES.get(alias)::matches)
                .ifPresent(img -> out.add(toRecord(alias, img))));
        all.forEach(img -> out.add(toRecord(img.path("ImageId").asText(), img)));
        return out;
    }

    @Override
    public Optional<Image> find(String name) {
        return resolve(name).map(img -> toRecord(name, img));
    }

    /** The cloud's image for an alias, an image id or an exact image name. */
    Optional<JsonNode> resolve(String name) {
        Alias alias = ALIASES.get(name);
        if (alias != null) {
            return newest(publicImages(alias.platform()), alias::matches);
        }
        ObjectNode params = TencentApi.object();
        if (TencentTagCodec.isId(name, "img")) {
            params.set("ImageIds", TencentApi.strings(List.of(name)));
        } else {
            params.withArray("Filters").add(TencentApi.filter("image-name", List.of(name)));
        }
        List<JsonNode> found = ctx.api().list(Product.CVM, "DescribeImages", params, "ImageSet", false, ResourceKind.IMAGE, name);
        return found.stream().filter(i -> name.equals(i.path("ImageId").asText()) || name.equals(i.path("ImageName").asText()))
                .findFirst();
    }

    private List<JsonNode> publicImages(String platform) {
        ObjectNode params = TencentApi.object();
        params.withArray("Filters").add(TencentApi.filter("image-type", List.of("PUBLIC_IMAGE")));
        if (platform != null) {
            params.withArray("Filters").add(TencentApi.filter("platform", List.of(platform)));
        }
        return ctx.api().list(Product.CVM, "DescribeImages", params, "ImageSet", false, ResourceKind.IMAGE, null);
    }

    private static Optional<JsonNode> newest(List<JsonNode> images, Predicate<JsonNode> which) {
        return images.stream().filter(which).filter(i -> !"DEPRECATED".equals(i.path("ImageState").asText()))
                .max(Comparator.comparing(i -> i.path("CreatedTime").asText()));
    }

    static String arch(String tencent) {
        String a = tencent.toLowerCase(Locale.ROOT);
        return a.startsWith("arm") || a.equals("aarch64") ? "arm64" : a.equals("i386") ? "i386" : "x86_64";
    }

    static Image toRecord(String name, JsonNode img) {
        String os = img.path("Platform").asText();
        boolean windows = os.toLowerCase(Locale.ROOT).contains("windows");
        Architecture architecture = switch (arch(img.path("Architecture").asText())) {
            case "arm64" -> Architecture.ARM64;
            case "i386" -> Architecture.I386;
            default -> Architecture.X86_64;
        };
        return new Image(name, img.path("ImageId").asText(), os, img.path("OsName").asText(),
                windows ? Platform.WINDOWS : Platform.LINUX, architecture, loginUser(os), img.path("ImageSize").asInt(0));
    }

    /** The image's default login user on Tencent Cloud. */
    static String loginUser(String platform) {
        String p = platform.toLowerCase(Locale.ROOT);
        return p.contains("windows") ? "Administrator" : p.contains("ubuntu") ? "ubuntu" : "root";
    }
}
