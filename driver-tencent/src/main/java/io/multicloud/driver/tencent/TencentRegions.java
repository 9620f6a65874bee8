package io.multicloud.driver.tencent;

import com.fasterxml.jackson.databind.JsonNode;
import io.multicloud.api.GeoLocation;
import io.multicloud.api.Region;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Zone;
import io.multicloud.driver.tencent.TencentClients.Product;
import io.multicloud.spi.CatalogService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Regions (CVM DescribeRegions) with their coordinates from the catalog table below, and the zones
 * of the connected region (DescribeZones; other regions are listed without zones, which would cost
 * one call each).
 */
final class TencentRegions implements CatalogService<Region> {
    /** Where each region's data centres are (city coordinates, from the shared catalog). */
    static final Map<String, GeoLocation> LOCATIONS = Map.ofEntries(
            Map.entry("ap-guangzhou", new GeoLocation(23.13, 113.26, "Guangzhou, China")),
            Map.entry("ap-shanghai", new GeoLocation(31.23, 121.47, "Shanghai, China")),
            Map.entry("ap-nanjing", new GeoLocation(32.06, 118.80, "Nanjing, China")),
            Map.entry("ap-beijing", new GeoLocation(39.90, 116.41, "Beijing, China")),
            Map.entry("ap-chengdu", new GeoLocation(30.57, 104.07, "Chengdu, China")),
            Map.entry("ap-chongqing", new GeoLocation(29.56, 106.55, "Chongqing, China")),
            Map.entry("ap-hongkong", new GeoLocation(22.32, 114.17, "Hong Kong, China")),
            Map.entry("ap-singapore", new GeoLocation(1.35, 103.82, "Singapore")),
            Map.entry("ap-jakarta", new GeoLocation(-6.21, 106.85, "Jakarta, Indonesia")),
            Map.entry("ap-seoul", new GeoLocation(37.57, 126.98, "Seoul, South Korea")),
            Map.entry("ap-tokyo", new GeoLocation(35.68, 139.69, "Tokyo, Japan")),
            Map.entry("ap-bangkok", new GeoLocation(13.76, 100.50, "Bangkok, Thailand")),
            Map.entry("ap-mumbai", new GeoLocation(19.08, 72.88, "Mumbai, India")),
            Map.entry("na-siliconvalley", new GeoLocation(37.39, -122.08, "Silicon Valley, USA")),
            Map.entry("na-ashburn", new GeoLocation(39.04, -77.49, "Ashburn, Virginia, USA")),
            Map.entry("sa-saopaulo", new GeoLocation(-23.55, -46.63, "Sao Paulo, Brazil")),
            Map.entry("eu-frankfurt", new GeoLocation(50.11, 8.68, "Frankfurt, Germany")));

    private final TencentContext ctx;

    TencentRegions(TencentContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public List<Region> list() {
        JsonNode regions = ctx.api().read(Product.CVM, "DescribeRegions", TencentApi.object(), ResourceKind.REGION, null);
        List<Zone> own = zones();
        List<Region> out = new ArrayList<>();
        for (JsonNode r : regions.path("RegionSet")) {
            String name = r.path("Region").asText();
            out.add(new Region(name, r.path("RegionName").asText(name), LOCATIONS.get(name),
                    name.equals(ctx.config().region()) ? own : List.of()));
        }
        return out;
    }

    @Override
    public Optional<Region> find(String name) {
        if (!name.equals(ctx.config().region())) {
            return list().stream().filter(r -> r.name().equals(name)).findFirst();
        }
        JsonNode regions = ctx.api().read(Product.CVM, "DescribeRegions", TencentApi.object(), ResourceKind.REGION, name);
        for (JsonNode r : regions.path("RegionSet")) {
            if (r.path("Region").asText().equals(name)) {
                return Optional.of(new Region(name, r.path("RegionName").asText(name), LOCATIONS.get(name), zones()));
            }
        }
        return Optional.empty();
    }

    /** The zones of the connected region. */
    List<Zone> zones() {
        JsonNode zones = ctx.api().read(Product.CVM, "DescribeZones", TencentApi.object(), ResourceKind.ZONE, null);
        List<Zone> out = new ArrayList<>();
        for (JsonNode z : zones.path("ZoneSet")) {
            out.add(new Zone(z.path("Zone").asText(), ctx.config().region(), "AVAILABLE".equals(z.path("ZoneState").asText())));
        }
        return out;
    }

    /** The zone to place things in: the connection's, else the region's first available one. */
    String defaultZone() {
        return ctx.config().zoneIfSet().orElseGet(() -> zones().stream().filter(Zone::available).map(Zone::name)
                .findFirst().orElseThrow(() -> new io.multicloud.api.CapacityUnavailableException(
                        ctx.error(ResourceKind.ZONE, null), io.multicloud.api.ErrorScope.REGION,
                        "region " + ctx.config().region() + " shows no available zone")));
    }
}
