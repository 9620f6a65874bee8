package io.multicloud.catalog.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.multicloud.api.Architecture;
import io.multicloud.api.GeoLocation;
import io.multicloud.api.Platform;
import io.multicloud.core.catalog.CatalogImage;
import io.multicloud.core.catalog.CloudRegion;
import io.multicloud.core.catalog.LatencyMatrix;
import io.multicloud.core.catalog.Offer;
import io.multicloud.core.catalog.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CB-Tumblebug's assets: region coordinates of ten clouds ({@code cloudinfo.yaml}, older ones in
 * {@code cloudlocation-v0.8.0.csv} fill gaps), the cross-cloud latency matrix, priced spec lists
 * and image hints. Provider names come in any case ({@code ALIBABA}, {@code azure},
 * {@code NCPVPC}); cells may be empty; the latency matrix is padded with blank rows and columns.
 */
final class TumblebugImporter {
    /** Spec list files, newest first: a row of a newer list wins over the same spec in an older one. */
    static final List<String> SPEC_FILES = List.of("cloudspec.csv", "cloudspec-v0.11.0.csv", "cloudspec-v0.8.0.csv");
    /** Providers whose specs come from richer sources (SkyPilot catalogs). */
    private static final Set<String> COVERED = Set.of("azure", "gcp");
    private static final Map<String, String> PROVIDERS = Map.of("ncpvpc", "ncp", "nhncloud", "nhn", "ktcloudvpc", "kt",
            "ktcloud", "kt");
    private static final Pattern DATE = Pattern.compile("(20[2-9]\\d)(0[1-9]|1[0-2])([0-2]\\d|3[01])");
    private static final Pattern OS_VERSION = Pattern.compile("^(.*?)\\s+(\\d+(\\.\\d+)*)\\b.*$");

    private TumblebugImporter() {
    }

    static String provider(String raw) {
        String p = raw.trim().toLowerCase(Locale.ROOT);
        return PROVIDERS.getOrDefault(p, p);
    }

    /** The files carry no date: the newest image build date in cloudimage.csv stands for it. */
    static LocalDate date(Path dir) throws IOException {
        Matcher m = DATE.matcher(Files.readString(dir.resolve("cloudimage.csv")));
        String best = null;
        while (m.find()) {
            if (best == null || m.group().compareTo(best) > 0) {
                best = m.group();
            }
        }
        return best == null ? LocalDate.EPOCH
                : LocalDate.of(Integer.parseInt(best.substring(0, 4)), Integer.parseInt(best.substring(4, 6)),
                Integer.parseInt(best.substring(6, 8)));
    }

    /** Regions with coordinates and zones, by {@code provider+region}. */
    static Map<String, CloudRegion> regions(Path dir, ImportReport report) throws IOException {
        JsonNode clouds = new ObjectMapper(new YAMLFactory()).readTree(dir.resolve("cloudinfo.yaml").toFile()).path("cloud");
        Map<String, CloudRegion> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = clouds.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> c = it.next();
            String provider = provider(c.getKey());
            for (Iterator<Map.Entry<String, JsonNode>> rs = c.getValue().path("region").fields(); rs.hasNext();) {
                Map.Entry<String, JsonNode> r = rs.next();
                JsonNode loc = r.getValue().path("location");
                String display = loc.path("display").asText(r.getValue().path("description").asText(""));
                GeoLocation geo = loc.hasNonNull("latitude") && loc.hasNonNull("longitude")
                        ? new GeoLocation(loc.get("latitude").asDouble(), loc.get("longitude").asDouble(), display) : null;
                List<String> zones = new ArrayList<>();
                r.getValue().path("zone").forEach(z -> zones.add(z.asText()));
                out.put(provider + "+" + r.getKey(), new CloudRegion(provider, r.getKey(), display, geo, zones, Source.SNAPSHOT));
            }
        }
        Csv old = Csv.read(dir.resolve("cloudlocation-v0.8.0.csv"));
        for (String[] row : old.rows()) {
            String provider = provider(old.get(row, "CloudType"));
            String name = old.get(row, "ID");
            double lat = OfferMaker.num(old.get(row, "Latitude"));
            double lon = OfferMaker.num(old.get(row, "Longitude"));
            if (provider.isEmpty() || name.isEmpty() || Double.isNaN(lat) || Double.isNaN(lon)) {
                continue;
            }
            CloudRegion known = out.get(provider + "+" + name);
            if (known == null || known.location() == null) {
                report.fact("region coordinates from cloudlocation-v0.8.0.csv");
                String display = old.get(row, "DisplayName");
                out.put(provider + "+" + name, new CloudRegion(provider, name, display, new GeoLocation(lat, lon, display),
                        known == null ? List.of() : known.zones(), Source.SNAPSHOT));
            }
        }
        return out;
    }

    /** The latency matrix: keys from the first row and column, blank padding dropped, empty cells unknown. */
    static LatencyMatrix latency(Path dir, ImportReport report) throws IOException {
        Csv csv = Csv.parse("_" + Files.readString(dir.resolve("cloudlatencymap.csv")));
        List<String> header = csv.header();
        List<Integer> cols = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = 1; i < header.size(); i++) {
            if (!header.get(i).isBlank()) {
                cols.add(i);
                keys.add(header.get(i).trim().toLowerCase(Locale.ROOT));
            }
        }
        Map<String, String[]> rows = new LinkedHashMap<>();
        for (String[] row : csv.rows()) {
            if (row.length > 0 && !row[0].isBlank()) {
                rows.put(row[0].trim().toLowerCase(Locale.ROOT), row);
            }
        }
        float[] ms = new float[keys.size() * keys.size()];
        java.util.Arrays.fill(ms, Float.NaN);
        int known = 0;
        for (int i = 0; i < keys.size(); i++) {
            String[] row = rows.get(keys.get(i));
            if (row == null) {
                continue;
            }
            for (int j = 0; j < cols.size(); j++) {
                int col = cols.get(j);
                double v = col < row.length ? OfferMaker.num(row[col]) : Double.NaN;
                if (!Double.isNaN(v)) {
                    ms[i * keys.size() + j] = (float) v;
                    known++;
                }
            }
        }
        report.fact("latency pairs known", known);
        return new LatencyMatrix(keys, ms);
    }

    /**
     * Priced specs of the clouds the SkyPilot catalogs lack (Alibaba, Tencent, IBM, NCP, NHN, KT, and
     * AWS CPU types): rows of one region only (a price listed for "all" regions is not a regional fact),
     * newest list first.
     */
    static List<Offer> specs(Path dir, Map<String, CloudRegion> regions, Set<String> awsGpuTypes, OfferMaker maker,
                             ImportReport report) throws IOException {
        Map<String, Offer> out = new TreeMap<>();
        Map<String, String> regionCase = new java.util.HashMap<>();
        regions.values().forEach(r -> regionCase.put(r.provider() + "+" + r.name().toLowerCase(Locale.ROOT), r.name()));
        for (String file : SPEC_FILES) {
            Csv csv = Csv.read(dir.resolve(file));
            for (String[] row : csv.rows()) {
                String provider = provider(csv.get(row, "providerName"));
                String region = csv.get(row, "regionName");
                String spec = csv.get(row, "cspSpecName");
                if (COVERED.contains(provider)) {
                    report.skip("tumblebug: " + provider + " spec (the SkyPilot catalog covers it)");
                    continue;
                }
                if (provider.equals("cloudit")) {
                    report.skip("tumblebug: cloudit test entry");
                    continue;
                }
                if (region.isEmpty() || region.equalsIgnoreCase("all")) {
                    report.skip("tumblebug: price listed for all regions");
                    continue;
                }
                if (region.toLowerCase(Locale.ROOT).startsWith(provider + "-")) {
                    region = region.substring(provider.length() + 1);
                }
                region = regionCase.getOrDefault(provider + "+" + region.toLowerCase(Locale.ROOT), region);
                if (provider.equals("aws") && awsGpuTypes.contains(spec)) {
                    report.skip("tumblebug: aws GPU type (the AWS GPU list covers it)");
                    continue;
                }
                double cost = OfferMaker.num(csv.has("costPerHour") ? csv.get(row, "costPerHour") : csv.get(row, "CostPerHour"));
                if (Double.isNaN(cost) || cost < 0) {
                    report.skip("tumblebug: spec without a price");
                    continue;
                }
                String currency = csv.get(row, "currency").isEmpty() ? "USD" : csv.get(row, "currency").toUpperCase(Locale.ROOT);
                SpecNames.Shape shape = SpecNames.shape(provider, spec);
                if (Double.isNaN(shape.vcpus())) {
                    report.fact("tumblebug specs whose vCPUs the name does not give");
                }
                double count = OfferMaker.num(csv.get(row, "acceleratorCount"));
                double total = OfferMaker.num(csv.get(row, "acceleratorMemoryGB"));
                double each = count > 0 && !Double.isNaN(total) ? total / count : Double.NaN;
                String key = provider + "+" + region + "+" + spec;
                if (out.containsKey(key)) {
                    report.skip("tumblebug: spec repeated in an older list");
                    continue;
                }
                out.put(key, maker.origin(file).make(provider, region, spec, null, List.of(), shape.vcpus(), shape.memoryGiB(),
                        shape.arch(), csv.get(row, "acceleratorModel"), count, each, cost, Double.NaN, currency));
            }
        }
        return new ArrayList<>(out.values());
    }

    /** Image hints for VMs (Kubernetes node images are left out), for every region of their cloud. */
    static List<CatalogImage> images(Path dir, ImportReport report) throws IOException {
        Csv csv = Csv.read(dir.resolve("cloudimage.csv"));
        List<CatalogImage> out = new ArrayList<>();
        for (String[] row : csv.rows()) {
            if (!csv.get(row, "infraType").toLowerCase(Locale.ROOT).contains("vm")) {
                report.skip("tumblebug: Kubernetes node image");
                continue;
            }
            String provider = provider(csv.get(row, "providerName"));
            String region = csv.get(row, "regionName");
            String osType = csv.get(row, "osType");
            String archText = (csv.get(row, "osArchitecture") + " " + osType).toLowerCase(Locale.ROOT);
            Architecture arch = archText.contains("arm64") || archText.contains("aarch64") ? Architecture.ARM64
                    : Architecture.X86_64;
            String bare = osType.replaceAll("\\(.*?\\)", "").trim();
            Matcher m = OS_VERSION.matcher(bare);
            String os = m.matches() ? m.group(1) : bare;
            String version = m.matches() ? m.group(2) : "";
            Platform platform = os.toLowerCase(Locale.ROOT).startsWith("windows") ? Platform.WINDOWS : Platform.LINUX;
            out.add(new CatalogImage(provider, region.equalsIgnoreCase("all") ? CatalogImage.ANY_REGION : region,
                    alias(os, version, arch), csv.get(row, "cspImageName"), os, version, platform, arch, Source.SNAPSHOT));
        }
        return out;
    }

    /** The portable alias the drivers accept: {@code ubuntu-22.04}, {@code ubuntu-24.04-arm64}, {@code rhel-8}. */
    static String alias(String os, String version, Architecture arch) {
        String o = os.toLowerCase(Locale.ROOT);
        String slug = o.startsWith("red hat") ? "rhel" : o.startsWith("windows") ? "windows"
                : o.startsWith("suse") ? "suse" : o.replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return slug + (version.isEmpty() ? "" : "-" + version) + (arch == Architecture.ARM64 ? "-arm64" : "");
    }
}
