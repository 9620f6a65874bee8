package io.multicloud.catalog.importer;

import io.multicloud.api.Architecture;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * vCPUs, memory and architecture of the specs CB-Tumblebug's priced lists name without them, read
 * from the clouds' documented naming rules, and only where the rule is exact: IBM {@code bx2-2x8}
 * and KT {@code 4x16.itl} (vCPUs × GiB), NHN {@code c4m32}, NCP {@code C004.M008}, Tencent
 * {@code S5.LARGE8} (SMALL 1, MEDIUM 2, LARGE 4, nXLARGE 4n vCPUs; the number is GiB), Alibaba and
 * AWS sizes ({@code large} 2, {@code xlarge} 4, {@code nxlarge} 4n vCPUs) with the memory of the
 * families whose ratio is fixed (Alibaba g/c/r 1:4/1:2/1:8 but for the 13x and 26x sizes; AWS m/c/r from the 5th generation).
 * Anything else stays unknown (NaN): an unknown never passes a numeric filter.
 */
final class SpecNames {
    private static final Pattern TIMES = Pattern.compile("^[a-z0-9]+-(\\d+)x(\\d+)$");
    private static final Pattern KT = Pattern.compile("^(\\d+)x(\\d+)\\..*");
    private static final Pattern NHN = Pattern.compile(".*\\bc(\\d+)m(\\d+)$");
    private static final Pattern NCP = Pattern.compile(".*\\.C(\\d+)\\.M(\\d+)\\..*");
    private static final Pattern TENCENT = Pattern.compile("^[A-Z0-9]+\\.(SMALL|MEDIUM|LARGE|(\\d*)XLARGE)(\\d+)$");
    private static final Pattern SIZE = Pattern.compile("^(\\d*)xlarge$|^large$");
    private static final Pattern ALIBABA_RATIO = Pattern.compile("^(hf)?([gcr])\\d+[a-z]*$");
    private static final Pattern AWS_RATIO = Pattern.compile("^([mcr])([5-8])([adig]*)$");

    private SpecNames() {
    }

    /** vCPUs, memory GiB and architecture (NaN / null when the name does not say). */
    record Shape(double vcpus, double memoryGiB, Architecture arch) {
    }

    static Shape shape(String provider, String name) {
        double vcpus = Double.NaN;
        double memory = Double.NaN;
        Architecture arch = Architecture.X86_64;
        Matcher m;
        switch (provider) {
            case "ibm" -> {
                if ((m = TIMES.matcher(name)).matches()) {
                    vcpus = Double.parseDouble(m.group(1));
                    memory = Double.parseDouble(m.group(2));
                }
            }
            case "kt" -> {
                if ((m = KT.matcher(name)).matches()) {
                    vcpus = Double.parseDouble(m.group(1));
                    memory = Double.parseDouble(m.group(2));
                }
            }
            case "nhn" -> {
                if ((m = NHN.matcher(name)).matches()) {
                    vcpus = Double.parseDouble(m.group(1));
                    memory = Double.parseDouble(m.group(2));
                }
            }
            case "ncp" -> {
                if ((m = NCP.matcher(name)).matches()) {
                    vcpus = Double.parseDouble(m.group(1));
                    memory = Double.parseDouble(m.group(2));
                }
            }
            case "tencent" -> {
                if ((m = TENCENT.matcher(name.toUpperCase(Locale.ROOT))).matches()) {
                    String size = m.group(1);
                    vcpus = switch (size) {
                        case "SMALL" -> 1;
                        case "MEDIUM" -> 2;
                        case "LARGE" -> 4;
                        default -> 4 * (m.group(2).isEmpty() ? 1 : Integer.parseInt(m.group(2)));
                    };
                    memory = Double.parseDouble(m.group(3));
                }
                if (name.toUpperCase(Locale.ROOT).startsWith("SR")) {
                    arch = Architecture.ARM64;
                }
            }
            case "alibaba" -> {
                String[] parts = name.split("\\.");
                if (parts.length == 3 && parts[0].equals("ecs")) {
                    vcpus = size(parts[2]);
                    // 13xlarge and 26xlarge break the ratio (52 vCPUs, 192 GiB): left unknown
                    if (ALIBABA_RATIO.matcher(parts[1]).matches() && !parts[2].matches("^(13|26)xlarge$")) {
                        char family = parts[1].startsWith("hf") ? parts[1].charAt(2) : parts[1].charAt(0);
                        memory = vcpus * (family == 'g' ? 4 : family == 'c' ? 2 : 8);
                    }
                    if (parts[1].matches("^[gcr]\\d+y.*|^g6r.*")) {
                        arch = Architecture.ARM64;
                    }
                }
            }
            case "aws" -> {
                String[] parts = name.split("\\.");
                if (parts.length == 2) {
                    vcpus = size(parts[1]);
                    Matcher r = AWS_RATIO.matcher(parts[0]);
                    if (r.matches()) {
                        char family = r.group(1).charAt(0);
                        memory = vcpus * (family == 'm' ? 4 : family == 'c' ? 2 : 8);
                    }
                    if (parts[0].matches("^[a-z]+\\d+g[a-z]*$") || parts[0].equals("a1")) {
                        arch = Architecture.ARM64;
                    }
                }
            }
            default -> {
            }
        }
        return new Shape(vcpus, memory, arch);
    }

    /** vCPUs of a size word: large 2, xlarge 4, nxlarge 4n; NaN for others (medium, small, metal...). */
    static double size(String word) {
        Matcher m = SIZE.matcher(word);
        if (!m.matches()) {
            return Double.NaN;
        }
        if (word.equals("large")) {
            return 2;
        }
        return 4.0 * (m.group(1).isEmpty() ? 1 : Integer.parseInt(m.group(1)));
    }
}
