package io.multicloud.driver.aws;

import io.multicloud.api.Architecture;
import io.multicloud.api.Image;
import io.multicloud.api.Platform;
import io.multicloud.api.ResourceKind;
import io.multicloud.spi.CatalogService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * Public images. {@link #list()} is bounded: the well-known aliases ({@code ubuntu-22.04},
 * {@code amazon-linux-2023}, ...) each resolved to the newest AMI of its publisher, leaving out
 * an alias nothing matches. {@link #find(String)} takes an alias, an exact AMI name or an
 * {@code ami-} id, and names the result as asked. OS, version and login user are read from the
 * AMI's name and platform.
 */
final class AwsImages implements CatalogService<Image> {
    private record Alias(String owner, String pattern, String architecture) {
    }

    /** Alias → publisher (account or alias), AMI name pattern, architecture. */
    static final Map<String, Alias> ALIASES = Map.of(
            "ubuntu-22.04", new Alias("099720109477", "ubuntu/images/hvm-ssd*/ubuntu-jammy-22.04-amd64-server-*", "x86_64"),
            "ubuntu-22.04-arm64", new Alias("099720109477", "ubuntu/images/hvm-ssd*/ubuntu-jammy-22.04-arm64-server-*", "arm64"),
            "ubuntu-24.04", new Alias("099720109477", "ubuntu/images/hvm-ssd*/ubuntu-noble-24.04-amd64-server-*", "x86_64"),
            "amazon-linux-2023", new Alias("amazon", "al2023-ami-2023*-x86_64", "x86_64"),
            "debian-12", new Alias("136693071363", "debian-12-amd64-*", "x86_64"),
            "windows-2022", new Alias("amazon", "Windows_Server-2022-English-Full-Base-*", "x86_64"));

    private static final Pattern UBUNTU = Pattern.compile("(\\d\\d\\.\\d\\d)");
    private static final Pattern DEBIAN = Pattern.compile("debian-(\\d+)");
    private static final Pattern WINDOWS = Pattern.compile("server-(\\d{4})");

    private final AwsContext ctx;

    AwsImages(AwsContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public List<Image> list() {
        List<Image> out = new ArrayList<>();
        ALIASES.keySet().stream().sorted().forEach(alias -> find(alias).ifPresent(out::add));
        return List.copyOf(out);
    }

    @Override
    public Optional<Image> find(String name) {
        return resolve(name).map(i -> toRecord(name, i));
    }

    /** The AMI an alias, exact AMI name or {@code ami-} id stands for. */
    Optional<software.amazon.awssdk.services.ec2.model.Image> resolve(String name) {
        Alias alias = ALIASES.get(name);
        if (alias != null) {
            return newest(describe(name, List.of(alias.owner()), Ec2Tags.filter("name", alias.pattern()),
                    Ec2Tags.filter("architecture", alias.architecture()), Ec2Tags.filter("state", "available")));
        }
        if (name.startsWith("ami-")) {
            return newest(describe(name, List.of(), Ec2Tags.filter("image-id", name)));
        }
        return newest(describe(name, List.of(), Ec2Tags.filter("name", name)));
    }

    /** An AMI by id, for what a VM runs (empty when the AMI is gone). */
    Optional<software.amazon.awssdk.services.ec2.model.Image> byId(String id) {
        return newest(describe(id, List.of(), Ec2Tags.filter("image-id", id)));
    }

    private List<software.amazon.awssdk.services.ec2.model.Image> describe(String name, List<String> owners, Filter... filters) {
        return ctx.errors().call(ResourceKind.IMAGE, name, () -> ctx.clients().ec2().describeImages(r -> {
            r.filters(filters);
            if (!owners.isEmpty()) {
                r.owners(owners);
            }
        }).images());
    }

    private static Optional<software.amazon.awssdk.services.ec2.model.Image> newest(
            List<software.amazon.awssdk.services.ec2.model.Image> images) {
        // Creation dates are ISO-8601 strings, so text order is time order.
        return images.stream().max(Comparator.comparing(i -> i.creationDate() == null ? "" : i.creationDate()));
    }

    static Image toRecord(String name, software.amazon.awssdk.services.ec2.model.Image i) {
        String amiName = i.name() == null ? "" : i.name();
        String lower = amiName.toLowerCase(Locale.ROOT);
        boolean windows = windows(i);
        Architecture arch = architecture(i.architectureAsString());
        String[] os = os(lower, windows);
        int minDisk = i.blockDeviceMappings().stream().filter(m -> m.ebs() != null && m.ebs().volumeSize() != null
                        && m.deviceName() != null && m.deviceName().equals(i.rootDeviceName()))
                .map(m -> m.ebs().volumeSize()).findFirst().orElse(0);
        return new Image(name, i.imageId(), os[0], os[1], windows ? Platform.WINDOWS : Platform.LINUX, arch,
                loginUser(lower, windows), minDisk);
    }

    /**
     * Whether an AMI is Windows, from the raw platform EC2 sends: {@code windows} in lower case,
     * which the SDK's enum (expecting {@code Windows}) does not know; else from the AMI's name.
     */
    static boolean windows(software.amazon.awssdk.services.ec2.model.Image i) {
        String platform = i.platformAsString();
        String details = i.platformDetails();
        return platform != null && platform.equalsIgnoreCase("windows")
                || details != null && details.toLowerCase(Locale.ROOT).startsWith("windows")
                || i.name() != null && i.name().toLowerCase(Locale.ROOT).startsWith("windows");
    }

    /** The architecture of an AMI from EC2's raw value ({@code i386}, {@code x86_64}, {@code arm64}, {@code *_mac}). */
    static Architecture architecture(String raw) {
        String value = raw == null ? "" : raw.toLowerCase(Locale.ROOT);
        if (value.equals("i386")) {
            return Architecture.I386;
        }
        return value.startsWith("arm64") ? Architecture.ARM64 : Architecture.X86_64;
    }

    /** The OS and its version from an AMI name. */
    static String[] os(String lower, boolean windows) {
        if (windows) {
            return new String[] {"Windows", group(WINDOWS, lower)};
        }
        if (lower.contains("ubuntu")) {
            return new String[] {"Ubuntu", group(UBUNTU, lower)};
        }
        if (lower.contains("debian")) {
            return new String[] {"Debian", group(DEBIAN, lower)};
        }
        if (lower.startsWith("al2023")) {
            return new String[] {"Amazon Linux", "2023"};
        }
        if (lower.startsWith("al2022")) {
            return new String[] {"Amazon Linux", "2022"};
        }
        if (lower.startsWith("amzn2")) {
            return new String[] {"Amazon Linux", "2"};
        }
        if (lower.startsWith("amzn")) {
            return new String[] {"Amazon Linux", "1"};
        }
        if (lower.startsWith("rhel")) {
            return new String[] {"RHEL", null};
        }
        if (lower.contains("suse")) {
            return new String[] {"SUSE", null};
        }
        return new String[] {"Linux", null};
    }

    /** The user a fresh instance of the image lets in with the key pair. */
    static String loginUser(String lower, boolean windows) {
        if (windows) {
            return "Administrator";
        }
        if (lower.contains("ubuntu")) {
            return "ubuntu";
        }
        if (lower.contains("debian")) {
            return "admin";
        }
        return "ec2-user";
    }

    private static String group(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : null;
    }
}
