package io.multicloud.driver.alibaba;

import io.multicloud.api.GeoLocation;
import io.multicloud.api.Region;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Zone;
import io.multicloud.spi.CatalogService;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Regions (DescribeRegions) with their places from the catalog data (CB-Tumblebug's
 * cloudlocation table), and the zones of the connected region (DescribeZones).
 */
final class AlibabaRegions implements CatalogService<Region> {
    private record Place(String display, double latitude, double longitude) {
    }

    private static final Map<String, Place> PLACES = Map.ofEntries(
            Map.entry("cn-qingdao", new Place("China (Qingdao)", 36.30, 120.22)),
            Map.entry("cn-beijing", new Place("China (Beijing)", 39.5427, 116.2350)),
            Map.entry("cn-zhangjiakou", new Place("China (Zhangjiakou)", 40.4836, 114.5245)),
            Map.entry("cn-huhehaote", new Place("China (Hohhot)", 40.5046, 111.4358)),
            Map.entry("cn-hangzhou", new Place("China (Hangzhou)", 30.25, 120.1666)),
            Map.entry("cn-shanghai", new Place("China (Shanghai)", 31.2240, 121.4691)),
            Map.entry("cn-shenzhen", new Place("China (Shenzhen)", 22.5428, 114.0629)),
            Map.entry("cn-heyuan", new Place("China (Heyuan)", 23.7333, 114.6830)),
            Map.entry("cn-chengdu", new Place("China (Chengdu)", 30.6570, 104.08)),
            Map.entry("cn-hongkong", new Place("China (Hong Kong)", 22.4464, 114.5095)),
            Map.entry("cn-wulanchabu", new Place("China (Ulanqab)", 40.9937, 113.1333)),
            Map.entry("cn-guangzhou", new Place("China (Guangzhou)", 23.1292, 113.3288)),
            Map.entry("ap-southeast-1", new Place("Singapore", 1.35, 103.20)),
            Map.entry("ap-southeast-2", new Place("Australia (Sydney)", -33.1651, 151.8099)),
            Map.entry("ap-southeast-3", new Place("Malaysia (Kuala Lumpur)", 3.1408, 101.6932)),
            Map.entry("ap-southeast-5", new Place("Indonesia (Jakarta)", -6.20, 106.8160)),
            Map.entry("ap-south-1", new Place("India (Mumbai)", 19.1761, 72.1774)),
            Map.entry("ap-northeast-1", new Place("Japan (Tokyo)", 34.6895, 139.9917)),
            Map.entry("ap-northeast-2", new Place("South Korea (Seoul)", 37.36, 126.78)),
            Map.entry("us-west-1", new Place("US (Silicon Valley)", 37.37, -122.04)),
            Map.entry("us-east-1", new Place("US (Virginia)", 39.13, -78.0)),
            Map.entry("eu-central-1", new Place("Germany (Frankfurt)", 50.40, 8.70)),
            Map.entry("eu-west-1", new Place("UK (London)", 51.80, -0.20)),
            Map.entry("me-east-1", new Place("UAE (Dubai)", 25.2770, 55.2962)));

    private final AlibabaContext ctx;
    private final AlibabaZones zones;

    AlibabaRegions(AlibabaContext ctx, AlibabaZones zones) {
        this.ctx = ctx;
        this.zones = zones;
    }

    @Override
    public List<Region> list() {
        String connected = ctx.region();
        var body = ctx.call(ResourceKind.REGION, null, () -> ctx.clients().ecs().describeRegions(
                new com.aliyun.ecs20140526.models.DescribeRegionsRequest().setAcceptLanguage("en-US")).getBody());
        if (body.getRegions() == null || body.getRegions().getRegion() == null) {
            return List.of();
        }
        return body.getRegions().getRegion().stream()
                .map(r -> region(r.getRegionId(), r.getLocalName(), r.getRegionId().equals(connected) ? zones.list() : List.of()))
                .sorted(Comparator.comparing(Region::name)).toList();
    }

    @Override
    public Optional<Region> find(String name) {
        if (name.equals(ctx.region())) {
            return Optional.of(region(name, null, zones.list()));
        }
        return list().stream().filter(r -> r.name().equals(name)).findFirst();
    }

    private static Region region(String name, String localName, List<Zone> zones) {
        Place place = PLACES.get(name);
        GeoLocation location = place == null ? null : new GeoLocation(place.latitude(), place.longitude(), place.display());
        String display = place != null ? place.display() : localName != null ? localName : name;
        return new Region(name, display, location, zones);
    }
}
