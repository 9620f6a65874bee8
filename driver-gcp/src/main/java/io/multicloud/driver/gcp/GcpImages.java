package io.multicloud.driver.gcp;

import com.google.cloud.compute.v1.GetFromFamilyImageRequest;
import com.google.cloud.compute.v1.GetImageRequest;
import com.google.cloud.compute.v1.ListImagesRequest;
import io.multicloud.api.Architecture;
import io.multicloud.api.Image;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.Platform;
import io.multicloud.api.ResourceKind;
import io.multicloud.spi.CatalogService;
import io.multicloud.spi.CloudInitUserData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Images: the public image projects' (Ubuntu, Debian, Rocky Linux, Windows, Deep Learning VM)
 * and the project's own, plus the portable aliases ({@code ubuntu-22.04}, {@code debian-12}...),
 * each the newest image of its family. {@link #list()} lists each image project once (paged,
 * deprecated images left out) and names the alias entries as the aliases; {@link #find(String)}
 * takes an alias (one {@code getFromFamily}), {@code project/family/name} or a partial URL, or an
 * image name (the project's own first, then the public project its name points at).
 */
final class GcpImages implements CatalogService<Image> {
    /** A family in an image project. */
    record Family(String project, String family) {
    }

    static final Map<String, Family> ALIASES = new LinkedHashMap<>();
    static final List<String> PUBLIC_PROJECTS = List.of("ubuntu-os-cloud", "debian-cloud", "rocky-linux-cloud", "windows-cloud",
            "deeplearning-platform-release");

    static {
        ALIASES.put("ubuntu-22.04", new Family("ubuntu-os-cloud", "ubuntu-2204-lts"));
        ALIASES.put("ubuntu-22.04-arm64", new Family("ubuntu-os-cloud", "ubuntu-2204-lts-arm64"));
        ALIASES.put("ubuntu-24.04", new Family("ubuntu-os-cloud", "ubuntu-2404-lts-amd64"));
        ALIASES.put("debian-11", new Family("debian-cloud", "debian-11"));
        ALIASES.put("debian-12", new Family("debian-cloud", "debian-12"));
        ALIASES.put("rocky-9", new Family("rocky-linux-cloud", "rocky-linux-9"));
        ALIASES.put("windows-2022", new Family("windows-cloud", "windows-2022"));
    }

    private static final Pattern UBUNTU = Pattern.compile("ubuntu-(\\d\\d)(\\d\\d)");
    private static final Pattern DEBIAN = Pattern.compile("debian-(\\d+)");
    private static final Pattern ROCKY = Pattern.compile("rocky-linux-(\\d+)");
    private static final Pattern WINDOWS = Pattern.compile("windows-(?:server-)?(\\d{4})");

    private final GcpContext ctx;

    GcpImages(GcpContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public List<Image> list() {
        List<Image> out = new ArrayList<>();
        Map<Family, com.google.cloud.compute.v1.Image> newest = new LinkedHashMap<>();
        List<String> projects = new ArrayList<>(PUBLIC_PROJECTS);
        projects.add(ctx.project());
        for (String project : projects) {
            for (com.google.cloud.compute.v1.Image i : listProject(project)) {
                out.add(toRecord(i.getName(), i));
                if (!i.getFamily().isEmpty() && "READY".equals(i.getStatus())) {
                    newest.put(new Family(project, i.getFamily()), i);
                }
            }
        }
        ALIASES.forEach((alias, family) -> Optional.ofNullable(newest.get(family)).ifPresent(i -> out.add(toRecord(alias, i))));
        return List.copyOf(out);
    }

    private List<com.google.cloud.compute.v1.Image> listProject(String project) {
        List<com.google.cloud.compute.v1.Image> out = new ArrayList<>();
        ctx.errors().run(ResourceKind.IMAGE, project, () -> ctx.clients().images.get().list(ListImagesRequest.newBuilder()
                .setProject(project).setFilter("deprecated.state != \"DEPRECATED\"").setMaxResults(500).build())
                .iterateAll().forEach(out::add));
        return out;
    }

    @Override
    public Optional<Image> find(String name) {
        return resolve(name).map(i -> toRecord(name, i));
    }

    /** The image an alias, {@code project/family/F}, partial URL or image name stands for. */
    Optional<com.google.cloud.compute.v1.Image> resolve(String name) {
        Family alias = ALIASES.get(name);
        if (alias != null) {
            return family(alias.project(), alias.family());
        }
        String[] parts = name.replaceFirst("^https://[^/]+/compute/v1/", "").split("/");
        if (parts.length >= 5 && parts[0].equals("projects") && parts[2].equals("global") && parts[3].equals("images")) {
            return parts.length >= 6 && parts[4].equals("family") ? family(parts[1], parts[5]) : get(parts[1], parts[4]);
        }
        if (parts.length == 3 && parts[1].equals("family")) {
            return family(parts[0], parts[2]);
        }
        if (!name.matches("[a-z]([-a-z0-9]{0,61}[a-z0-9])?")) {
            return Optional.empty();
        }
        Optional<com.google.cloud.compute.v1.Image> own = get(ctx.project(), name);
        return own.isPresent() ? own : get(projectFor(name), name);
    }

    /** The public project an image name points at. */
    static String projectFor(String name) {
        if (name.startsWith("ubuntu")) {
            return "ubuntu-os-cloud";
        }
        if (name.startsWith("debian")) {
            return "debian-cloud";
        }
        if (name.startsWith("rocky")) {
            return "rocky-linux-cloud";
        }
        return name.startsWith("windows") ? "windows-cloud" : "deeplearning-platform-release";
    }

    Optional<com.google.cloud.compute.v1.Image> family(String project, String family) {
        try {
            return Optional.of(ctx.errors().call(ResourceKind.IMAGE, family, () -> ctx.clients().images.get().getFromFamily(
                    GetFromFamilyImageRequest.newBuilder().setProject(project).setFamily(family).build())));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private Optional<com.google.cloud.compute.v1.Image> get(String project, String image) {
        try {
            return Optional.of(ctx.errors().call(ResourceKind.IMAGE, image, () -> ctx.clients().images.get()
                    .get(GetImageRequest.newBuilder().setProject(project).setImage(image).build())));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    static Image toRecord(String name, com.google.cloud.compute.v1.Image i) {
        String text = (i.getFamily() + " " + i.getName()).toLowerCase(java.util.Locale.ROOT);
        String os;
        String version = null;
        Matcher m;
        if ((m = UBUNTU.matcher(text)).find()) {
            os = "Ubuntu";
            version = m.group(1) + "." + m.group(2);
        } else if ((m = ROCKY.matcher(text)).find()) {
            os = "Rocky Linux";
            version = m.group(1);
        } else if ((m = WINDOWS.matcher(text)).find()) {
            os = "Windows Server";
            version = m.group(1);
        } else if ((m = DEBIAN.matcher(text)).find()) {
            os = "Debian";
            version = m.group(1);
        } else {
            os = i.getFamily().isEmpty() ? i.getName() : i.getFamily();
        }
        boolean windows = os.startsWith("Windows");
        Architecture arch = "ARM64".equals(i.getArchitecture()) ? Architecture.ARM64 : Architecture.X86_64;
        return new Image(name, i.getSelfLink().isEmpty() ? i.getName() : i.getSelfLink().replaceFirst("^https://[^/]+/compute/v1/", ""),
                os, version, windows ? Platform.WINDOWS : Platform.LINUX, arch, windows ? null : CloudInitUserData.USER,
                (int) i.getDiskSizeGb());
    }
}
