package io.multicloud.core.catalog;

import io.multicloud.api.AcceleratorType;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * One name per accelerator model across clouds, so that one filter finds the same GPU everywhere:
 * {@code "NVIDIA A100"} with 80 GB (AWS p4de), {@code "A100-80GB"} (GCP, Azure) and
 * {@code "NVIDIA A100 80GB"} all become {@code A100-80GB}; {@code "NVIDIA L4"} and {@code "L4"}
 * become {@code L4}; GCP's {@code H100-MEGA} (a3-megagpu: the same H100, a faster network) is
 * {@code H100}. Vendor words go ({@code NVIDIA}, {@code Tesla}, {@code AMD}, {@code AWS},
 * {@code Blackwell}); an unknown name is kept, upper case, spaces as hyphens.
 * <p>
 * The table also gives each model's memory (GiB per accelerator), for the sources that name the
 * GPU without its memory (Azure's {@code GpuInfo}, AWS's "Unknown").
 */
public final class AcceleratorModels {
    private static final Map<String, Double> MEMORY_GIB = Map.ofEntries(
            Map.entry("A100", 40.0), Map.entry("A100-80GB", 80.0), Map.entry("H100", 80.0), Map.entry("H200", 141.0),
            Map.entry("B200", 179.0), Map.entry("B300", 262.0), Map.entry("GB200", 185.0),
            Map.entry("L4", 24.0), Map.entry("L40", 48.0), Map.entry("L40S", 48.0), Map.entry("A10G", 24.0),
            Map.entry("A10", 24.0), Map.entry("T4", 16.0), Map.entry("T4G", 16.0), Map.entry("V100", 16.0),
            Map.entry("V100-32GB", 32.0), Map.entry("P100", 16.0), Map.entry("P4", 8.0), Map.entry("K80", 12.0),
            Map.entry("M60", 8.0), Map.entry("K520", 4.0), Map.entry("RTX-PRO-6000", 96.0), Map.entry("MI25", 16.0),
            Map.entry("MI300X", 192.0), Map.entry("V520", 8.0), Map.entry("INFERENTIA", 8.0),
            Map.entry("INFERENTIA2", 32.0), Map.entry("TRAINIUM", 32.0), Map.entry("TRAINIUM2", 96.0));

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("H100-MEGA", "H100"), Map.entry("H100-80GB", "H100"), Map.entry("A100-40GB", "A100"),
            Map.entry("GRID-K520", "K520"), Map.entry("RADEON-PRO-V520", "V520"), Map.entry("GB200-GRACE", "GB200"),
            Map.entry("GRACE-GB200", "GB200"), Map.entry("RTX-PRO-6000-BLACKWELL", "RTX-PRO-6000"),
            Map.entry("QUALCOMM-AI-100", "AI100"), Map.entry("AI-100", "AI100"), Map.entry("V100-16GB", "V100"),
            Map.entry("A100-SXM4-80GB", "A100-80GB"), Map.entry("A100-80G", "A100-80GB"), Map.entry("T4G", "T4G"));

    private static final Pattern VENDOR = Pattern.compile("\\b(NVIDIA|TESLA|AMD|AWS|BLACKWELL|GRACE BLACKWELL)\\b");

    private AcceleratorModels() {
    }

    /**
     * The normalised model for a cloud's name and (when known, else NaN) the memory of one
     * accelerator in GiB: the memory picks the variant ({@code A100} with 80 GiB is {@code A100-80GB}).
     */
    public static String normalise(String raw, double memoryGiB) {
        if (raw == null || raw.isBlank()) {
            return "";
        }
        String s = raw.trim().toUpperCase(Locale.ROOT);
        if (s.contains("GRACE BLACKWELL") || s.startsWith("GB200")) {
            return "GB200";
        }
        s = VENDOR.matcher(s).replaceAll(" ").trim().replaceAll("[\\s_]+", "-");
        s = ALIASES.getOrDefault(s, s);
        if (s.equals("A100") && memoryGiB >= 79 && memoryGiB <= 81) {
            return "A100-80GB";
        }
        if (s.equals("V100") && memoryGiB >= 31 && memoryGiB <= 33) {
            return "V100-32GB";
        }
        return s;
    }

    /** The memory of one accelerator of a normalised model, when the table knows it. */
    public static OptionalDouble memoryGiB(String model) {
        Double m = model == null ? null : MEMORY_GIB.get(model.toUpperCase(Locale.ROOT));
        return m == null ? OptionalDouble.empty() : OptionalDouble.of(m);
    }

    /** GPU for graphics processors, NPU for the inference and training chips, TPU for Google's. */
    public static AcceleratorType type(String model) {
        String m = model.toUpperCase(Locale.ROOT);
        if (m.startsWith("TPU")) {
            return AcceleratorType.TPU;
        }
        if (m.startsWith("INFERENTIA") || m.startsWith("TRAINIUM") || m.equals("AI100")) {
            return AcceleratorType.NPU;
        }
        return AcceleratorType.GPU;
    }
}
