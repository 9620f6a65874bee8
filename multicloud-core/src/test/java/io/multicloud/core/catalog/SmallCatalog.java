package io.multicloud.core.catalog;

import io.multicloud.api.AcceleratorType;
import io.multicloud.api.Architecture;
import io.multicloud.api.GeoLocation;
import io.multicloud.api.Platform;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Eight offers over five clouds, three measured regions: small enough to compute answers by hand. */
final class SmallCatalog {
    static final GeoLocation SEOUL = new GeoLocation(37.56, 126.98, "South Korea (Seoul)");
    static final GeoLocation TOKYO = new GeoLocation(35.68, 139.69, "Japan (Tokyo)");
    static final GeoLocation VIRGINIA = new GeoLocation(37.37, -79.82, "US East (Virginia)");
    static final GeoLocation MOKDONG = new GeoLocation(37.54, 126.87, "Mok-dong - Seoul (South Korea)");
    static final Instant DAY = Instant.parse("2026-05-20T00:00:00Z");

    private SmallCatalog() {
    }

    static Offer offer(String provider, String region, String spec, GeoLocation at, double vcpus, double mem,
                       Architecture arch, String model, double count, double each, double cost, double spot, String currency) {
        return new Offer(OfferId.of(provider, region, spec), List.of(), at, vcpus, mem, arch,
                model.isEmpty() ? null : AcceleratorType.GPU, model, count, each, cost, spot, currency, Source.SNAPSHOT, DAY,
                "snapshot:test");
    }

    static final double NaN = Double.NaN;
    static final Architecture X86 = Architecture.X86_64;

    static List<Offer> offers() {
        return List.of(
                offer("aws", "ap-northeast-2", "g.l4x2", SEOUL, 8, 32, X86, "L4", 2, 24, 1.50, 0.60, "USD"),
                offer("aws", "ap-northeast-2", "c.large", SEOUL, 2, 4, X86, "", 0, 0, 0.10, 0.03, "USD"),
                offer("gcp", "asia-northeast1", "a100x1", TOKYO, 12, 85, X86, "A100", 1, 40, 3.67, NaN, "USD"),
                offer("gcp", "asia-northeast1", "h100x8", TOKYO, 208, 1872, X86, "H100", 8, 80, 43.0, 16.0, "USD"),
                offer("azure", "eastus", "a100-80x4", VIRGINIA, 96, 880, X86, "A100-80GB", 4, 80, 14.7, 6.0, "USD"),
                offer("azure", "eastus", "arm.small", VIRGINIA, 2, 8, Architecture.ARM64, "", 0, 0, 0.08, NaN, "USD"),
                offer("lambda", "us-east-1", "gpu_1x_h100", null, 26, 200, X86, "H100", 1, 80, 2.49, NaN, "USD"),
                offer("kt", "KR1", "4x16.itl", MOKDONG, 4, 16, X86, "", 0, 0, 274, NaN, "KRW"));
    }

    /** Round trips: Seoul-Seoul 2, Seoul-Tokyo 35, Seoul-Virginia 190, Tokyo-Virginia 160 (both ways). */
    static LatencyMatrix latency() {
        List<String> keys = List.of("aws-ap-northeast-2", "gcp-asia-northeast1", "azure-eastus");
        float[] ms = {2, 35, 190, 35, 2, 160, 190, 160, 2};
        return new LatencyMatrix(keys, ms);
    }

    static Snapshot snapshot() {
        OfferTable table = OfferTable.of(offers());
        List<CatalogImage> images = List.of(
                new CatalogImage("azure", "*", "ubuntu-22.04", "Canonical:jammy:22.04.1", "Ubuntu", "22.04", Platform.LINUX,
                        X86, Source.SNAPSHOT),
                new CatalogImage("azure", "*", "ubuntu-24.04-arm64", "Canonical:noble-arm64:24.04.1", "Ubuntu", "24.04",
                        Platform.LINUX, Architecture.ARM64, Source.SNAPSHOT),
                new CatalogImage("azure", "*", "ubuntu-24.04", "Canonical:noble:24.04.1", "Ubuntu", "24.04", Platform.LINUX,
                        X86, Source.SNAPSHOT));
        return new Snapshot(LocalDate.of(2026, 5, 20), List.of(), table, List.of(), latency(), images);
    }

    static CloudCatalog catalog() {
        return CloudCatalog.offline(snapshot());
    }
}
