package io.multicloud.core.catalog;

import io.multicloud.api.Architecture;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the images of an offer's region that fit its architecture and an OS wish
 * ({@code "ubuntu 22.04"}, {@code "ubuntu-22.04"}, {@code "Debian"}, {@code "windows 2022"}), best first:
 * the same version before a newer patch of it, before the same major version; live images before
 * snapshot hints; an image of another architecture never fits.
 */
final class ImageMatcher {
    private static final Pattern VERSION = Pattern.compile("\\d+(\\.\\d+)*");

    private ImageMatcher() {
    }

    /** A wish: operating system words, a version (may be empty), an architecture (may be null). */
    record Wish(String os, String version, Architecture arch) {
        static Wish parse(String text) {
            String t = text.toLowerCase(Locale.ROOT).replace('_', ' ').replace('-', ' ').trim();
            Architecture arch = null;
            if (t.matches(".*\\b(arm64|aarch64)\\b.*")) {
                arch = Architecture.ARM64;
            } else if (t.matches(".*\\b(x86 64|amd64|x64)\\b.*")) {
                arch = Architecture.X86_64;
            }
            t = t.replaceAll("\\b(arm64|aarch64|x86 64|amd64|x64|lts|server)\\b", " ");
            Matcher m = VERSION.matcher(t);
            String version = m.find() ? m.group() : "";
            String os = osKey(VERSION.matcher(t).replaceAll(" "));
            return new Wish(os, version, arch);
        }
    }

    /** Lower-case OS words with common names made one: rhel, windows, amazon-linux. */
    static String osKey(String os) {
        String s = os.toLowerCase(Locale.ROOT).replaceAll("\\(.*?\\)", " ").replaceAll("[^a-z ]", " ")
                .replaceAll("\\s+", " ").trim();
        if (s.startsWith("red hat") || s.startsWith("rhel")) {
            return "rhel";
        }
        if (s.startsWith("windows")) {
            return "windows";
        }
        if (s.startsWith("amazon linux")) {
            return "amazon linux";
        }
        if (s.startsWith("alma")) {
            return "almalinux";
        }
        if (s.startsWith("rocky")) {
            return "rocky";
        }
        if (s.startsWith("suse") || s.startsWith("opensuse")) {
            return "suse";
        }
        return s.isEmpty() ? "" : s.split(" ")[0];
    }

    static List<ImageMatch> match(Offer offer, String wishText, List<CatalogImage> images) {
        Wish wish = Wish.parse(wishText);
        Architecture arch = wish.arch() != null ? wish.arch() : offer.architecture() == null ? Architecture.X86_64
                : offer.architecture();
        List<ImageMatch> out = new ArrayList<>();
        for (CatalogImage i : images) {
            if (!i.provider().equalsIgnoreCase(offer.provider())) {
                continue;
            }
            if (!i.region().equals(CatalogImage.ANY_REGION) && !i.region().equals(offer.region())) {
                continue;
            }
            Architecture ia = i.architecture();
            if (ia != null && ia != arch) {
                continue;
            }
            String os = osKey(i.os());
            if (!wish.os().isEmpty() && !os.equals(wish.os())) {
                continue;
            }
            int score = 0;
            List<String> why = new ArrayList<>();
            why.add(i.os() + (i.osVersion().isEmpty() ? "" : " " + i.osVersion()));
            if (!wish.version().isEmpty()) {
                if (i.osVersion().equals(wish.version())) {
                    score += 100;
                    why.add("the version asked");
                } else if (i.osVersion().startsWith(wish.version() + ".")) {
                    score += 80;
                    why.add("a release of " + wish.version());
                } else if (major(i.osVersion()).equals(major(wish.version()))) {
                    score += 40;
                    why.add("the same major version");
                } else {
                    continue;
                }
            }
            if (ia == null) {
                score -= 10;
                why.add("architecture not stated");
            } else {
                score += 10;
                why.add(ia.name().toLowerCase(Locale.ROOT));
            }
            String alias = wish.os() + (wish.version().isEmpty() ? "" : "-" + wish.version())
                    + (arch == Architecture.ARM64 ? "-arm64" : "");
            if (i.name().equalsIgnoreCase(alias)) {
                score += 3;
                why.add("the portable alias");
            }
            if (i.source() == Source.LIVE) {
                score += 5;
                why.add("live");
            }
            out.add(new ImageMatch(i, i.name(), score, String.join(", ", why)));
        }
        out.sort(Comparator.comparingInt(ImageMatch::score).reversed()
                .thenComparing(m -> m.image().osVersion(), Comparator.reverseOrder())
                .thenComparing(m -> m.image().id()));
        return List.copyOf(out);
    }

    private static String major(String version) {
        int dot = version.indexOf('.');
        return dot < 0 ? version : version.substring(0, dot);
    }
}
