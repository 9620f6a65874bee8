package io.multicloud.catalog.importer;

import io.multicloud.core.catalog.CatalogImage;
import io.multicloud.core.catalog.CloudRegion;
import io.multicloud.core.catalog.LatencyMatrix;
import io.multicloud.core.catalog.Offer;
import io.multicloud.core.catalog.OfferTable;
import io.multicloud.core.catalog.Snapshot;
import io.multicloud.core.catalog.SnapshotSource;
import io.multicloud.core.catalog.Source;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code catalog-import}: builds the offline catalog snapshot from public data laid out as in
 * {@code ../shared/catalog-data} ({@code skypilot-format/}, {@code aws-gpu/}, {@code tumblebug/}).
 * The same files always give the same bytes, so the shipped snapshot can be checked against them.
 * <pre>
 * java -cp multicloud-catalog.jar:... io.multicloud.catalog.importer.CatalogImport \
 *      ../shared/catalog-data multicloud-catalog/src/main/resources/io/multicloud/catalog/snapshot.mcs.gz \
 *      [--skypilot-date 2026-05-20]
 * </pre>
 * The SkyPilot CSVs carry no date: pass the date of the copy ({@value #SKYPILOT_DATE} for the one
 * in catalog-data). The AWS list dates itself ("Last updated"); CB-Tumblebug's files do not, so
 * the newest image build date in its {@code cloudimage.csv} stands for them.
 */
public final class CatalogImport {
    /** The date of the SkyPilot-format catalogs in catalog-data (the anycloud-sh/catalog snapshot). */
    public static final String SKYPILOT_DATE = "2026-05-20";

    private CatalogImport() {
    }

    /** A built snapshot and what the import did. */
    public record Result(Snapshot snapshot, ImportReport report) {
    }

    /** Builds the snapshot of a data directory. */
    public static Result build(Path data, LocalDate skypilotDate) throws IOException {
        ImportReport report = new ImportReport();
        Path sky = data.resolve("skypilot-format");
        Path aws = data.resolve("aws-gpu").resolve("all_gpu_instances.js");
        Path tb = data.resolve("tumblebug");
        LocalDate awsDate = AwsGpuImporter.date(aws).orElse(skypilotDate);
        LocalDate tbDate = TumblebugImporter.date(tb);

        List<Offer> offers = new ArrayList<>();
        List<SnapshotSource> sources = new ArrayList<>();
        String skyFrom = "SkyPilot catalog schema, via the anycloud-sh/catalog snapshot";
        add(offers, sources, "gcp_vms.csv", skypilotDate, skyFrom,
                GcpImporter.read(sky.resolve("gcp_vms.csv"), maker("gcp_vms.csv", skypilotDate, report), report), report);
        add(offers, sources, "azure_vms.csv", skypilotDate, skyFrom,
                SkyPilotImporter.azure(sky.resolve("azure_vms.csv"), maker("azure_vms.csv", skypilotDate, report), report),
                report);
        add(offers, sources, "lambda_vms.csv", skypilotDate, skyFrom,
                SkyPilotImporter.lambda(sky.resolve("lambda_vms.csv"), maker("lambda_vms.csv", skypilotDate, report), report),
                report);
        List<Offer> awsOffers = AwsGpuImporter.read(aws, maker("all_gpu_instances.js", awsDate, report), report);
        add(offers, sources, "all_gpu_instances.js", awsDate, "tsaol/aws-gpu, from instances.vantage.sh data", awsOffers,
                report);
        Map<String, CloudRegion> regions = TumblebugImporter.regions(tb, report);
        Set<String> awsTypes = awsOffers.stream().map(Offer::specName).collect(Collectors.toSet());
        List<Offer> tbOffers = TumblebugImporter.specs(tb, regions, awsTypes, maker("cloudspec.csv", tbDate, report), report);
        for (String file : TumblebugImporter.SPEC_FILES) {
            List<Offer> of = tbOffers.stream().filter(o -> o.origin().equals("snapshot:" + file)).toList();
            add(offers, sources, file, tbDate, "CB-Tumblebug (Apache-2.0), commit 440b798f", of, report);
        }
        LatencyMatrix latency = TumblebugImporter.latency(tb, report);
        List<CatalogImage> images = TumblebugImporter.images(tb, report);
        sources.add(new SnapshotSource("cloudinfo.yaml", tbDate, "CB-Tumblebug (Apache-2.0): regions and coordinates", 0));
        sources.add(new SnapshotSource("cloudlatencymap.csv", tbDate, "CB-Tumblebug (Apache-2.0): latency matrix", 0));

        for (Offer o : offers) {
            regions.putIfAbsent(o.provider() + "+" + o.region(),
                    new CloudRegion(o.provider(), o.region(), "", null, List.of(), Source.SNAPSHOT));
        }
        offers.sort(Comparator.comparing((Offer o) -> o.id().toString()));
        OfferTable.Builder b = OfferTable.builder();
        offers.forEach(b::add);
        regions.values().forEach(r -> b.locate(r.provider(), r.name(), r.location()));
        LocalDate date = sources.stream().map(SnapshotSource::date).max(Comparator.naturalOrder()).orElse(skypilotDate);
        Snapshot snapshot = new Snapshot(date, sources, b.build(), new ArrayList<>(new TreeMap<>(regions).values()), latency,
                images);
        return new Result(snapshot, report);
    }

    private static OfferMaker maker(String file, LocalDate date, ImportReport report) {
        Instant at = date.atStartOfDay(ZoneOffset.UTC).toInstant();
        return new OfferMaker("snapshot:" + file, at, report);
    }

    private static void add(List<Offer> all, List<SnapshotSource> sources, String file, LocalDate date, String from,
                            List<Offer> offers, ImportReport report) {
        all.addAll(offers);
        sources.add(new SnapshotSource(file, date, from, offers.size()));
        report.offers(file, offers.size());
    }

    /** Writes a snapshot to a file. */
    public static void write(Snapshot snapshot, Path out) throws IOException {
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        try (OutputStream o = Files.newOutputStream(out)) {
            snapshot.write(o);
        }
    }

    /** {@code CatalogImport <catalog-data dir> <output file> [--skypilot-date yyyy-mm-dd]}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2 && !(args.length == 4 && args[2].equals("--skypilot-date"))) {
            System.err.println("usage: CatalogImport <catalog-data dir> <output file> [--skypilot-date yyyy-mm-dd]");
            System.exit(2);
        }
        LocalDate date = LocalDate.parse(args.length == 4 ? args[3] : SKYPILOT_DATE);
        Result r = build(Path.of(args[0]), date);
        Path out = Path.of(args[1]);
        write(r.snapshot(), out);
        System.out.print(r.report());
        System.out.println(r.snapshot());
        System.out.println("wrote " + out + " (" + Files.size(out) + " bytes)");
    }
}
