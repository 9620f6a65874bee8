package io.multicloud.catalog.importer;

import io.multicloud.api.Architecture;
import io.multicloud.core.catalog.Offer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GCP's SkyPilot catalog. A GPU is priced on its own, in rows with an empty {@code InstanceType},
 * per zone and count, and attached to a host machine type: a VM with GPUs costs the host's price
 * plus the GPUs' price (SkyPilot's rule). So:
 * <ul>
 *   <li>accelerator-optimized types (a2-, a3-, a4-, g2-) come with their GPUs: their model and count
 *       follow from the type's name, their price is host + GPU row of the same zone;</li>
 *   <li>T4, V100, P4 and P100 attach to N1 hosts: one offer per GPU row, on the {@code n1-highmem}
 *       host SkyPilot picks for that count, named {@code n1-highmem-8:T4x1};</li>
 *   <li>every other type is a CPU-only offer; TPU rows are left out (TPU VMs are not VM specs).</li>
 * </ul>
 * Zones of one region with the same prices become one offer listing them; where prices differ by
 * zone, each zone is its own offer ({@code gcp+region+spec+zone}).
 */
final class GcpImporter {
    private static final Pattern OPTIMIZED = Pattern.compile("^(a2-highgpu|a2-megagpu|a2-ultragpu|a3-highgpu|a3-edgegpu|"
            + "a3-megagpu|a3-ultragpu|a4-highgpu)-(\\d+)g(-nolssd)?$");
    private static final Map<String, String> OPTIMIZED_MODEL = Map.of("a2-highgpu", "A100", "a2-megagpu", "A100",
            "a2-ultragpu", "A100-80GB", "a3-highgpu", "H100", "a3-edgegpu", "H100", "a3-megagpu", "H100-MEGA",
            "a3-ultragpu", "H200", "a4-highgpu", "B200");
    private static final Map<Integer, Integer> G2_L4 = Map.of(4, 1, 8, 1, 12, 1, 16, 1, 32, 1, 24, 2, 48, 4, 96, 8);
    /** vCPUs of the N1 host per GPU count (SkyPilot's table; other models take the default row). */
    private static final Map<String, Map<Integer, Integer>> N1_HOST_CPUS = Map.of(
            "V100", Map.of(1, 8, 2, 16, 4, 32, 8, 64), "T4", Map.of(1, 4, 2, 8, 4, 16),
            "P100", Map.of(1, 4, 2, 8, 4, 16), "DEFAULT", Map.of(1, 8, 2, 16, 4, 32, 8, 64, 16, 96));
    private static final List<String> N1_GPUS = List.of("T4", "V100", "P4", "P100", "K80");

    private GcpImporter() {
    }

    private record Gpu(double price, double spot, double memoryGiB) {
    }

    private record Host(String type, double vcpus, double memoryGiB, double price, double spot) {
    }

    /** An offer's facts before zones are grouped. */
    private record Draft(String spec, String region, String zone, double vcpus, double memoryGiB, Architecture arch,
                         String model, double count, double eachMemoryGiB, double price, double spot) {
        String group() {
            return spec + "|" + region;
        }

        String priceKey() {
            return OfferMaker.round6(price) + "|" + OfferMaker.round6(spot);
        }
    }

    static List<Offer> read(Path file, OfferMaker maker, ImportReport report) throws IOException {
        Csv csv = Csv.read(file);
        Map<String, Gpu> gpus = new TreeMap<>();
        Map<String, Host> hosts = new TreeMap<>();
        List<String[]> hostRows = new ArrayList<>();
        for (String[] row : csv.rows()) {
            String type = csv.get(row, "InstanceType");
            String zone = csv.get(row, "AvailabilityZone");
            if (type.isEmpty()) {
                String model = csv.get(row, "AcceleratorName");
                if (model.startsWith("tpu-")) {
                    report.skip("gcp: TPU row (TPU VMs are not VM specs)");
                    continue;
                }
                report.fact("gcp GPU rows priced apart from their host");
                gpus.put(zone + "|" + model + "|" + (int) OfferMaker.num(csv.get(row, "AcceleratorCount")),
                        new Gpu(OfferMaker.num(csv.get(row, "Price")), OfferMaker.num(csv.get(row, "SpotPrice")),
                                SkyPilotImporter.gpuInfoGiB(csv.get(row, "GpuInfo"))));
            } else {
                hostRows.add(row);
                hosts.put(zone + "|" + type, new Host(type, OfferMaker.num(csv.get(row, "vCPUs")),
                        OfferMaker.num(csv.get(row, "MemoryGiB")), OfferMaker.num(csv.get(row, "Price")),
                        OfferMaker.num(csv.get(row, "SpotPrice"))));
            }
        }
        List<Draft> drafts = new ArrayList<>();
        for (String[] row : hostRows) {
            String type = csv.get(row, "InstanceType");
            String region = csv.get(row, "Region");
            String zone = csv.get(row, "AvailabilityZone");
            Host h = hosts.get(zone + "|" + type);
            Architecture arch = type.matches("^(t2a|c4a|n4a|a4x)-.*") ? Architecture.ARM64 : Architecture.X86_64;
            String model = null;
            int count = 0;
            Matcher m = OPTIMIZED.matcher(type);
            if (m.matches()) {
                model = OPTIMIZED_MODEL.get(m.group(1));
                count = Integer.parseInt(m.group(2));
            } else if (type.startsWith("g2-standard-")) {
                model = "L4";
                count = G2_L4.getOrDefault(Integer.parseInt(type.substring("g2-standard-".length())), 0);
            }
            if (model == null || count == 0) {
                drafts.add(new Draft(type, region, zone, h.vcpus(), h.memoryGiB(), arch, "", 0, 0, h.price(), h.spot()));
                continue;
            }
            Gpu g = gpus.get(zone + "|" + model + "|" + count);
            if (g == null) {
                report.skip("gcp: accelerator-optimized type without a GPU price in its zone");
                continue;
            }
            report.fact("gcp accelerator-optimized offers priced host + GPU");
            drafts.add(new Draft(type, region, zone, h.vcpus(), h.memoryGiB(), arch, model, count, g.memoryGiB(),
                    h.price() + g.price(), h.spot() + g.spot()));
        }
        for (Map.Entry<String, Gpu> e : gpus.entrySet()) {
            String[] key = e.getKey().split("\\|");
            String zone = key[0];
            String model = key[1];
            int count = Integer.parseInt(key[2]);
            if (!N1_GPUS.contains(model)) {
                continue;
            }
            Integer cpus = N1_HOST_CPUS.getOrDefault(model, N1_HOST_CPUS.get("DEFAULT")).get(count);
            Host h = cpus == null ? null : hosts.get(zone + "|n1-highmem-" + cpus);
            if (h == null) {
                report.skip("gcp: N1 GPU without its n1-highmem host in the zone");
                continue;
            }
            report.fact("gcp N1 offers priced host + attached GPU");
            String region = zone.substring(0, zone.lastIndexOf('-'));
            drafts.add(new Draft(h.type() + ":" + model + "x" + count, region, zone, h.vcpus(), h.memoryGiB(),
                    Architecture.X86_64, model, count, e.getValue().memoryGiB(), h.price() + e.getValue().price(),
                    h.spot() + e.getValue().spot()));
        }
        return group(drafts, maker, report);
    }

    /** One offer per spec and region listing its zones, or one per zone where the prices differ by zone. */
    private static List<Offer> group(List<Draft> drafts, OfferMaker maker, ImportReport report) {
        Map<String, Map<String, List<Draft>>> byGroup = new TreeMap<>();
        for (Draft d : drafts) {
            byGroup.computeIfAbsent(d.group(), k -> new TreeMap<>()).computeIfAbsent(d.priceKey(), k -> new ArrayList<>())
                    .add(d);
        }
        List<Offer> out = new ArrayList<>();
        for (Map<String, List<Draft>> prices : byGroup.values()) {
            boolean perZone = prices.size() > 1;
            if (perZone) {
                report.fact("gcp offers split by zone (prices differ by zone)");
            }
            for (List<Draft> same : prices.values()) {
                List<String> zones = same.stream().map(Draft::zone).filter(Objects::nonNull).sorted().distinct().toList();
                if (perZone) {
                    for (Draft d : same) {
                        out.add(offer(d, d.zone(), List.of(d.zone()), maker));
                    }
                } else {
                    out.add(offer(same.get(0), null, zones, maker));
                }
            }
        }
        return out;
    }

    private static Offer offer(Draft d, String idZone, List<String> zones, OfferMaker maker) {
        return maker.make("gcp", d.region(), d.spec(), idZone, zones, d.vcpus(), d.memoryGiB(), d.arch(), d.model(),
                d.count(), d.eachMemoryGiB(), d.price(), d.spot(), "USD");
    }
}
