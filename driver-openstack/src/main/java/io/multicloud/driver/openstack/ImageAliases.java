package io.multicloud.driver.openstack;

import io.multicloud.api.Architecture;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Portable image aliases ({@code ubuntu-22.04}, {@code ubuntu-24.04}, {@code ubuntu-22.04-arm64},
 * {@code debian-12}, {@code rocky-9}, {@code windows-2022}, ...) and how a Glance image is matched
 * to one. OpenStack has no image publisher to ask, so an image matches an alias when its
 * properties say so ({@code os_distro}, {@code os_version}, {@code architecture}) or, failing
 * those, when its name follows common cloud naming ({@code ubuntu-22.04-server-cloudimg-amd64},
 * {@code Ubuntu 22.04 LTS}, {@code jammy-server-cloudimg-amd64}, {@code Rocky-9-GenericCloud}).
 * The same rules infer the OS of an image that carries no properties.
 */
final class ImageAliases {
    /** An alias parsed: a distribution (Glance's {@code os_distro} spelling), a version and an architecture. */
    record Alias(String distro, String version, Architecture architecture) {
    }

    /** What an image says about itself: its name and the properties that matter here (nulls allowed). */
    record Facts(String name, String osDistro, String osVersion, String architecture) {
    }

    /** The distributions an alias may name (Glance's os_distro values, lower case). */
    private static final Pattern ALIAS = Pattern.compile(
            "(ubuntu|debian|centos|centos-stream|rocky|almalinux|fedora|rhel|opensuse|sles|cirros|windows)"
                    + "-(\\d+(?:\\.\\d+)*)(?:-(arm64|aarch64|x86_64|amd64))?");
    /** Code names that stand for a distribution's version in image names. */
    private static final Map<String, Alias> CODE_NAMES = Map.of(
            "focal", new Alias("ubuntu", "20.04", null), "jammy", new Alias("ubuntu", "22.04", null),
            "noble", new Alias("ubuntu", "24.04", null), "bullseye", new Alias("debian", "11", null),
            "bookworm", new Alias("debian", "12", null), "trixie", new Alias("debian", "13", null));
    /** Words that may stand between a distribution and its version in a name ("Rocky Linux 9", "Windows Server 2022"). */
    private static final String FILLER = "(?:-(?:linux|server|stream|lts|cloud))*-?";
    /** A distribution and version at the start of a word in a normalized name, for inference. */
    private static final Pattern NAME_OS = Pattern.compile(
            "(?:^|[^a-z0-9])(ubuntu|debian|centos|rocky|almalinux|fedora|rhel|opensuse|sles|cirros|windows)"
                    + FILLER + "(\\d+(?:\\.\\d+)*)?");

    private ImageAliases() {
    }

    /** The alias this text names, or empty when it is not one. */
    static Optional<Alias> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = ALIAS.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        Architecture arch = m.group(3) == null ? Architecture.X86_64 : architecture(m.group(3)).orElse(Architecture.X86_64);
        return Optional.of(new Alias(m.group(1), m.group(2), arch));
    }

    /** Whether the image's properties say it is what the alias names. */
    static boolean matchesByProperties(Alias alias, Facts facts) {
        if (facts.osDistro() == null || !alias.distro().equalsIgnoreCase(facts.osDistro().strip())) {
            return false;
        }
        return versionMatches(alias.version(), facts.osVersion()) && architectureOf(facts) == alias.architecture();
    }

    /** Whether the image's name follows common naming for what the alias names (its properties leave the version open). */
    static boolean matchesByName(Alias alias, Facts facts) {
        // Properties, where set, outrank the name: a name is read only for what they leave open.
        boolean distroSet = facts.osDistro() != null && !facts.osDistro().isBlank();
        boolean versionSet = facts.osVersion() != null && !facts.osVersion().isBlank();
        if (facts.name() == null || versionSet || distroSet && !alias.distro().equalsIgnoreCase(facts.osDistro().strip())) {
            return false;
        }
        if (architectureOf(facts) != alias.architecture()) {
            return false;
        }
        String name = normalize(facts.name());
        Pattern full = Pattern.compile("(?:^|[^a-z0-9])" + Pattern.quote(alias.distro()) + FILLER
                + Pattern.quote(alias.version()) + "(?:[^0-9]|$)");
        if (full.matcher(name).find()) {
            return true;
        }
        return CODE_NAMES.entrySet().stream().anyMatch(e -> e.getValue().distro().equals(alias.distro())
                && versionMatches(alias.version(), e.getValue().version())
                && Pattern.compile("(?:^|[^a-z])" + e.getKey() + "(?:[^a-z]|$)").matcher(name).find());
    }

    /** Whether the image matches the alias, by its properties or its name. */
    static boolean matches(Alias alias, Facts facts) {
        return matchesByProperties(alias, facts) || matchesByName(alias, facts);
    }

    /**
     * The OS and version an image is: its properties when set, else what its name says
     * ({@code cirros-0.6.2-x86_64-disk} is cirros 0.6.2), else empty.
     */
    static Optional<Alias> infer(Facts facts) {
        Architecture arch = architectureOf(facts);
        if (facts.osDistro() != null && !facts.osDistro().isBlank()) {
            return Optional.of(new Alias(facts.osDistro().strip().toLowerCase(Locale.ROOT), facts.osVersion(), arch));
        }
        if (facts.name() == null) {
            return Optional.empty();
        }
        String name = normalize(facts.name());
        Matcher m = NAME_OS.matcher(name);
        if (m.find()) {
            return Optional.of(new Alias(m.group(1), m.group(2), arch));
        }
        for (Map.Entry<String, Alias> e : CODE_NAMES.entrySet()) {
            if (Pattern.compile("(?:^|[^a-z])" + e.getKey() + "(?:[^a-z]|$)").matcher(name).find()) {
                return Optional.of(new Alias(e.getValue().distro(), e.getValue().version(), arch));
            }
        }
        return Optional.empty();
    }

    /** The architecture an image boots on: its property, else what its name says, else x86_64. */
    static Architecture architectureOf(Facts facts) {
        if (facts.architecture() != null && !facts.architecture().isBlank()) {
            return architecture(facts.architecture()).orElse(Architecture.X86_64);
        }
        if (facts.name() != null) {
            String name = normalize(facts.name());
            if (Pattern.compile("(?:^|[^a-z0-9])(arm64|aarch64)(?:[^a-z0-9]|$)").matcher(name).find()) {
                return Architecture.ARM64;
            }
            if (Pattern.compile("(?:^|[^a-z0-9])(i386|i686)(?:[^a-z0-9]|$)").matcher(name).find()) {
                return Architecture.I386;
            }
        }
        return Architecture.X86_64;
    }

    /** The architecture an OpenStack spelling names (x86_64, amd64, aarch64, arm64). */
    static Optional<Architecture> architecture(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "x86_64", "amd64", "x64", "x86-64" -> Optional.of(Architecture.X86_64);
            case "aarch64", "arm64" -> Optional.of(Architecture.ARM64);
            // Glance's (and Nova's) names of 32-bit x86: never x86_64, which review tells apart.
            case "i686", "i386", "i486", "i586", "x86", "x86_32" -> Optional.of(Architecture.I386);
            default -> Optional.empty();
        };
    }

    /** 22.04 matches 22.04 and 22.04.3, not 22.040; a missing version never matches. */
    private static boolean versionMatches(String wanted, String actual) {
        if (actual == null) {
            return false;
        }
        String a = actual.strip();
        return a.equals(wanted) || a.startsWith(wanted + ".");
    }

    /** Lower case, with spaces and underscores as hyphens: "Ubuntu 22.04 LTS" → "ubuntu-22.04-lts". */
    private static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[\\s_]+", "-");
    }
}
