package io.multicloud.catalog.importer;

import io.multicloud.api.Architecture;
import io.multicloud.core.catalog.Offer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SkyPilot-format VM catalogs ({@code InstanceType, vCPUs, MemoryGiB, AcceleratorName,
 * AcceleratorCount, GpuInfo, Region, [AvailabilityZone], Price, SpotPrice}, in any column order)
 * of Azure and Lambda; GCP has its own rules ({@link GcpImporter}).
 */
final class SkyPilotImporter {
    private static final Pattern MIB = Pattern.compile("'SizeInMiB':\\s*(\\d+)");
    /** Azure's Arm sizes carry a {@code p} among their feature letters: D2ps_v5, E4pds_v6, B2pls_v2. */
    private static final Pattern AZURE_ARM = Pattern.compile("^Standard_[A-Z]+\\d+[a-z]*p[a-z]*_v\\d+.*");

    private SkyPilotImporter() {
    }

    /** Azure: the GPU's memory is not given ({@code GpuInfo} is its name): the model table gives it. */
    static List<Offer> azure(Path file, OfferMaker maker, ImportReport report) throws IOException {
        Csv csv = Csv.read(file);
        report.fact("azure rows with an extra unquoted field (V1,V2), joined to Generation", csv.widened());
        List<Offer> out = new ArrayList<>();
        for (String[] row : csv.rows()) {
            String type = csv.get(row, "InstanceType");
            String region = csv.get(row, "Region");
            if (type.isEmpty() || region.isEmpty()) {
                report.skip("azure: row without instance type or region");
                continue;
            }
            Architecture arch = AZURE_ARM.matcher(type).matches() ? Architecture.ARM64 : Architecture.X86_64;
            out.add(maker.make("azure", region, type, null, List.of(), OfferMaker.num(csv.get(row, "vCPUs")),
                    OfferMaker.num(csv.get(row, "MemoryGiB")), arch, csv.get(row, "AcceleratorName"),
                    OfferMaker.num(csv.get(row, "AcceleratorCount")), Double.NaN, OfferMaker.num(csv.get(row, "Price")),
                    OfferMaker.num(csv.get(row, "SpotPrice")), "USD"));
        }
        return out;
    }

    /** Lambda: GPU memory per GPU in {@code GpuInfo}'s MemoryInfo; no zones, no coordinates. */
    static List<Offer> lambda(Path file, OfferMaker maker, ImportReport report) throws IOException {
        Csv csv = Csv.read(file);
        List<Offer> out = new ArrayList<>();
        for (String[] row : csv.rows()) {
            String type = csv.get(row, "InstanceType");
            String model = csv.get(row, "AcceleratorName");
            Architecture arch = model.equalsIgnoreCase("GH200") ? Architecture.ARM64 : Architecture.X86_64;
            out.add(maker.make("lambda", csv.get(row, "Region"), type, null, List.of(), OfferMaker.num(csv.get(row, "vCPUs")),
                    OfferMaker.num(csv.get(row, "MemoryGiB")), arch, model, OfferMaker.num(csv.get(row, "AcceleratorCount")),
                    gpuInfoGiB(csv.get(row, "GpuInfo")), OfferMaker.num(csv.get(row, "Price")),
                    OfferMaker.num(csv.get(row, "SpotPrice")), "USD"));
        }
        return out;
    }

    /** The per-GPU memory in a SkyPilot {@code GpuInfo} ({@code 'SizeInMiB': 40960} is 40 GiB), NaN when absent. */
    static double gpuInfoGiB(String gpuInfo) {
        Matcher m = MIB.matcher(gpuInfo == null ? "" : gpuInfo);
        return m.find() ? Long.parseLong(m.group(1)) / 1024.0 : Double.NaN;
    }
}
