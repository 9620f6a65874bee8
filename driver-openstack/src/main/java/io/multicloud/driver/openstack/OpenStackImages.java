package io.multicloud.driver.openstack;

import io.multicloud.api.Architecture;
import io.multicloud.api.Image;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.Platform;
import io.multicloud.api.ResourceKind;
import io.multicloud.spi.CatalogService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Glance v2 images visible to the project (public, the project's own and shared ones), active
 * only. {@link #list()} names them by their Glance names and leaves out the user's own images
 * (snapshots this library made: they are {@code myImages()}). {@link #find(String)} and
 * {@link #resolve(String)} take an exact image name, an image id or a portable alias
 * ({@code ubuntu-22.04}, see {@link ImageAliases}); like the AWS driver, the record {@code find}
 * returns carries the name it was asked for, so {@code find("ubuntu-22.04").name()} is
 * {@code ubuntu-22.04} and its id is the Glance image's. An alias never picks a snapshot.
 * OS, architecture and login user come from the image's properties, or its name when it has none.
 */
final class OpenStackImages implements CatalogService<Image> {
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}");
    /** Glance's page size: its default cap (api_limit_max) is 1000. */
    private static final int PAGE = 200;
    /** Login users by os_distro, for images without {@code os_admin_user}. */
    private static final Map<String, String> LOGIN_USERS = Map.of("ubuntu", "ubuntu", "debian", "debian",
            "centos", "centos", "rocky", "rocky", "fedora", "fedora", "cirros", "cirros", "windows", "Administrator",
            "almalinux", "almalinux", "rhel", "cloud-user");

    private final OpenStackContext ctx;

    OpenStackImages(OpenStackContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public List<Image> list() {
        return active().stream().filter(i -> !managed(i)).map(this::toRecord)
                .sorted(Comparator.comparing(Image::name)).toList();
    }

    @Override
    public Optional<Image> find(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        return candidate(name, active()).map(i -> toRecord(name, i));
    }

    /** The Glance image for an alias (ubuntu-22.04), an exact image name or an id; NotFound otherwise. */
    org.openstack4j.model.image.v2.Image resolve(String nameOrAlias) {
        List<org.openstack4j.model.image.v2.Image> images = active();
        return candidate(nameOrAlias, images).orElseThrow(() -> {
            String available = images.stream().filter(i -> !managed(i)).map(i -> i.getName()).sorted().distinct()
                    .collect(Collectors.joining(", "));
            return new NotFoundException(io.multicloud.api.ErrorContext.of(ctx.config().name(), ResourceKind.IMAGE, nameOrAlias),
                    "no active image has this name or id, and no image matches it as an alias (such as ubuntu-22.04);"
                            + " available: " + (available.isEmpty() ? "none" : available));
        });
    }

    /** The common record of a Glance image (OS, architecture and login user from its properties). */
    Image toRecord(org.openstack4j.model.image.v2.Image image) {
        return toRecord(image.getName(), image);
    }

    /** Every image of these Glance filters, page after page (openstack4j does not follow Glance's pages). */
    static List<org.openstack4j.model.image.v2.Image> glance(OpenStackContext ctx, ResourceKind kind, String name,
                                                              Map<String, String> filters) {
        List<org.openstack4j.model.image.v2.Image> out = new ArrayList<>();
        String marker = null;
        while (true) {
            Map<String, String> params = new HashMap<>(filters);
            params.put("limit", String.valueOf(PAGE));
            if (marker != null) {
                params.put("marker", marker);
            }
            List<? extends org.openstack4j.model.image.v2.Image> page = ctx.errors().call(kind, name,
                    () -> ctx.client().imagesV2().list(params));
            if (page == null || page.isEmpty()) {
                return out;
            }
            out.addAll(page);
            // A deployment may cap pages below PAGE, so only an empty page says the end is reached.
            marker = page.get(page.size() - 1).getId();
        }
    }

    /** Whether this library made the image (a user's image, see {@link OpenStackMyImages}). */
    static boolean managed(org.openstack4j.model.image.v2.Image image) {
        return "true".equals(image.getAdditionalPropertyValue(OpenStackMyImages.MANAGED));
    }

    private List<org.openstack4j.model.image.v2.Image> active() {
        return glance(ctx, ResourceKind.IMAGE, null, Map.of("status", "active"));
    }

    /** Exact name first (newest of equals), then id, then alias (by properties before by name, newest first). */
    private Optional<org.openstack4j.model.image.v2.Image> candidate(String wanted,
                                                                      List<org.openstack4j.model.image.v2.Image> images) {
        Comparator<org.openstack4j.model.image.v2.Image> newest = Comparator.comparing(
                (org.openstack4j.model.image.v2.Image i) -> i.getCreatedAt() == null ? new Date(0) : i.getCreatedAt()).reversed();
        Optional<org.openstack4j.model.image.v2.Image> byName = images.stream().filter(i -> wanted.equals(i.getName()))
                .min(newest);
        if (byName.isPresent()) {
            return byName;
        }
        if (UUID.matcher(wanted).matches()) {
            Optional<org.openstack4j.model.image.v2.Image> byId = images.stream()
                    .filter(i -> wanted.equalsIgnoreCase(i.getId())).findFirst();
            if (byId.isPresent()) {
                return byId;
            }
        }
        Optional<ImageAliases.Alias> alias = ImageAliases.parse(wanted);
        if (alias.isEmpty()) {
            return Optional.empty();
        }
        // Snapshots inherit their base image's os_distro: an alias must not pick a user's snapshot.
        List<org.openstack4j.model.image.v2.Image> bases = images.stream()
                .filter(i -> !managed(i) && !"snapshot".equals(i.getAdditionalPropertyValue("image_type"))).toList();
        Optional<org.openstack4j.model.image.v2.Image> byProperties = bases.stream()
                .filter(i -> ImageAliases.matchesByProperties(alias.get(), facts(i))).min(newest);
        return byProperties.isPresent() ? byProperties
                : bases.stream().filter(i -> ImageAliases.matchesByName(alias.get(), facts(i))).min(newest);
    }

    private static ImageAliases.Facts facts(org.openstack4j.model.image.v2.Image i) {
        String arch = i.getArchitecture() != null ? i.getArchitecture() : i.getAdditionalPropertyValue("hw_architecture");
        return new ImageAliases.Facts(i.getName(), i.getOsDistro(), i.getOsVersion(), arch);
    }

    private static Image toRecord(String name, org.openstack4j.model.image.v2.Image i) {
        ImageAliases.Facts facts = facts(i);
        Optional<ImageAliases.Alias> os = ImageAliases.infer(facts);
        String distro = os.map(ImageAliases.Alias::distro).orElse(null);
        String osType = i.getAdditionalPropertyValue("os_type");
        boolean windows = "windows".equalsIgnoreCase(osType) || "windows".equals(distro);
        Architecture arch = ImageAliases.architectureOf(facts);
        String login = i.getAdditionalPropertyValue("os_admin_user");
        if (login == null || login.isBlank()) {
            login = windows ? "Administrator" : distro == null ? null : LOGIN_USERS.get(distro.toLowerCase(Locale.ROOT));
        }
        int minDisk = i.getMinDisk() == null ? 0 : Math.toIntExact(i.getMinDisk());
        return new Image(name, i.getId(), distro, os.map(ImageAliases.Alias::version).orElse(null),
                windows ? Platform.WINDOWS : Platform.LINUX, arch, login, minDisk);
    }
}
