package io.multicloud.catalog.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.multicloud.api.Architecture;
import io.multicloud.core.catalog.AcceleratorModels;
import io.multicloud.core.catalog.Offer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The AWS GPU instance list of tsaol/aws-gpu ({@code all_gpu_instances.js}: a JavaScript array
 * literal of instances.vantage.sh data), with per-region on-demand prices. Its traps:
 * <ul>
 *   <li>g5g is listed with an "ARM Mali-G78MP12" GPU of 4 GB: g5g instances carry NVIDIA T4G
 *       GPUs (16 GB) on Graviton2, so they are read as T4G on arm64;</li>
 *   <li>g6f and gr6f have fractional GPU counts (a share of one L40);</li>
 *   <li>eight types say "Unknown" GPU memory (the model table fills what it knows);</li>
 *   <li>the GPU memory is per GPU for most types but the whole VM's for the big ones (p4d: "320 GB"
 *       for 8 × A100 40 GB): a value far above the model's known memory is divided by the count.</li>
 * </ul>
 */
final class AwsGpuImporter {
    private static final Pattern DATE = Pattern.compile("Last updated:\\s*(\\d{4}-\\d{2}-\\d{2})");
    private static final Pattern NUMBER = Pattern.compile("(\\d+(\\.\\d+)?)");

    private AwsGpuImporter() {
    }

    /** The date in the file's header comment. */
    static Optional<LocalDate> date(Path file) throws IOException {
        Matcher m = DATE.matcher(Files.readString(file));
        return m.find() ? Optional.of(LocalDate.parse(m.group(1))) : Optional.empty();
    }

    static List<Offer> read(Path file, OfferMaker maker, ImportReport report) throws IOException {
        String js = Files.readString(file);
        JsonNode all = new ObjectMapper().readTree(js.substring(js.indexOf('['), js.lastIndexOf(']') + 1));
        List<Offer> out = new ArrayList<>();
        for (JsonNode i : all) {
            String type = i.hasNonNull("apiName") ? i.get("apiName").asText() : i.get("name").asText();
            String gpu = i.path("gpu").asText("");
            double count = i.path("gpuCount").asDouble(0);
            double memory = number(i.path("gpuMemory").asText(""));
            Architecture arch = type.startsWith("g5g.") || type.contains("gb200") ? Architecture.ARM64 : Architecture.X86_64;
            if (type.startsWith("g5g.")) {
                report.fact("aws g5g listed with an ARM Mali GPU name, read as NVIDIA T4G");
                gpu = "NVIDIA T4G";
                memory = 16;
            }
            if (Double.isNaN(memory)) {
                report.fact("aws GPU memory 'Unknown'");
            }
            memory = perGpu(AcceleratorModels.normalise(gpu, Double.NaN), memory, count);
            double vcpus = i.path("vcpu").asDouble(Double.NaN);
            double ram = number(i.path("memory").asText(""));
            JsonNode pricing = i.path("pricing");
            if (pricing.isEmpty()) {
                report.skip("aws: instance type without any regional price");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = pricing.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                double price = e.getValue().path("onDemand").asDouble(Double.NaN);
                if (Double.isNaN(price)) {
                    report.skip("aws: region without an on-demand price");
                    continue;
                }
                out.add(maker.make("aws", e.getKey(), type, null, List.of(), vcpus, ram, arch, gpu, count, memory, price,
                        Double.NaN, "USD"));
            }
        }
        return out;
    }

    /** Per-GPU memory: a value far above the model's known memory is the whole VM's. */
    static double perGpu(String model, double memory, double count) {
        if (Double.isNaN(memory) || count <= 1) {
            return memory;
        }
        double known = AcceleratorModels.memoryGiB(model).orElse(Double.NaN);
        if (!Double.isNaN(known) && memory > known * 1.5) {
            return memory / count;
        }
        return memory;
    }

    /** The first number of a text ({@code "24 GB GDDR6"} is 24), NaN when none ({@code "Unknown"}). */
    static double number(String text) {
        Matcher m = NUMBER.matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }
}
