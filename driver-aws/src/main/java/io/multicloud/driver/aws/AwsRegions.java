package io.multicloud.driver.aws;

import io.multicloud.api.GeoLocation;
import io.multicloud.api.Region;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Zone;
import io.multicloud.spi.CatalogService;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.model.AvailabilityZoneState;

/**
 * Regions (DescribeRegions) with their availability zones (DescribeAvailabilityZones, asked
 * of the connected region only: other regions' zones need a client per region). Coordinates and
 * display names come from a small static table of AWS's public regions.
 */
final class AwsRegions implements CatalogService<Region> {
    private record Place(String display, double latitude, double longitude) {
    }

    private static final Map<String, Place> PLACES = Map.ofEntries(
            Map.entry("us-east-1", new Place("US East (N. Virginia)", 38.13, -78.45)),
            Map.entry("us-east-2", new Place("US East (Ohio)", 39.96, -83.0)),
            Map.entry("us-west-1", new Place("US West (N. California)", 37.35, -121.96)),
            Map.entry("us-west-2", new Place("US West (Oregon)", 46.15, -123.88)),
            Map.entry("ca-central-1", new Place("Canada (Central)", 45.5, -73.6)),
            Map.entry("ca-west-1", new Place("Canada West (Calgary)", 51.05, -114.07)),
            Map.entry("sa-east-1", new Place("South America (Sao Paulo)", -23.34, -46.38)),
            Map.entry("mx-central-1", new Place("Mexico (Central)", 20.59, -100.39)),
            Map.entry("eu-west-1", new Place("Europe (Ireland)", 53.0, -8.0)),
            Map.entry("eu-west-2", new Place("Europe (London)", 51.0, -0.1)),
            Map.entry("eu-west-3", new Place("Europe (Paris)", 48.86, 2.35)),
            Map.entry("eu-central-1", new Place("Europe (Frankfurt)", 50.0, 8.0)),
            Map.entry("eu-central-2", new Place("Europe (Zurich)", 47.37, 8.54)),
            Map.entry("eu-north-1", new Place("Europe (Stockholm)", 59.33, 18.07)),
            Map.entry("eu-south-1", new Place("Europe (Milan)", 45.46, 9.19)),
            Map.entry("eu-south-2", new Place("Europe (Spain)", 41.65, -0.88)),
            Map.entry("af-south-1", new Place("Africa (Cape Town)", -33.93, 18.42)),
            Map.entry("me-south-1", new Place("Middle East (Bahrain)", 26.07, 50.56)),
            Map.entry("me-central-1", new Place("Middle East (UAE)", 24.47, 54.37)),
            Map.entry("il-central-1", new Place("Israel (Tel Aviv)", 32.09, 34.78)),
            Map.entry("ap-east-1", new Place("Asia Pacific (Hong Kong)", 22.27, 114.16)),
            Map.entry("ap-south-1", new Place("Asia Pacific (Mumbai)", 19.08, 72.88)),
            Map.entry("ap-south-2", new Place("Asia Pacific (Hyderabad)", 17.39, 78.49)),
            Map.entry("ap-northeast-1", new Place("Asia Pacific (Tokyo)", 35.41, 139.42)),
            Map.entry("ap-northeast-2", new Place("Asia Pacific (Seoul)", 37.56, 126.98)),
            Map.entry("ap-northeast-3", new Place("Asia Pacific (Osaka)", 34.69, 135.49)),
            Map.entry("ap-southeast-1", new Place("Asia Pacific (Singapore)", 1.37, 103.8)),
            Map.entry("ap-southeast-2", new Place("Asia Pacific (Sydney)", -33.86, 151.2)),
            Map.entry("ap-southeast-3", new Place("Asia Pacific (Jakarta)", -6.21, 106.85)),
            Map.entry("ap-southeast-4", new Place("Asia Pacific (Melbourne)", -37.81, 144.96)),
            Map.entry("ap-southeast-5", new Place("Asia Pacific (Malaysia)", 3.14, 101.69)),
            Map.entry("ap-southeast-7", new Place("Asia Pacific (Thailand)", 13.76, 100.5)));

    private final AwsContext ctx;

    AwsRegions(AwsContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public List<Region> list() {
        String connected = ctx.config().region();
        List<Zone> zones = zones();
        return ctx.errors().call(ResourceKind.REGION, null, () -> ctx.clients().ec2().describeRegions().regions()).stream()
                .map(r -> region(r.regionName(), r.regionName().equals(connected) ? zones : List.of()))
                .sorted(Comparator.comparing(Region::name)).toList();
    }

    @Override
    public Optional<Region> find(String name) {
        if (name.equals(ctx.config().region())) {
            return Optional.of(region(name, zones()));
        }
        return list().stream().filter(r -> r.name().equals(name)).findFirst();
    }

    private List<Zone> zones() {
        String region = ctx.config().region();
        return ctx.errors().call(ResourceKind.ZONE, null, () -> ctx.clients().ec2().describeAvailabilityZones()
                        .availabilityZones()).stream()
                .map(z -> new Zone(z.zoneName(), region, z.state() == AvailabilityZoneState.AVAILABLE))
                .sorted(Comparator.comparing(Zone::name)).toList();
    }

    private static Region region(String name, List<Zone> zones) {
        Place place = PLACES.get(name);
        GeoLocation location = place == null ? null : new GeoLocation(place.latitude(), place.longitude(), place.display());
        return new Region(name, place == null ? name : place.display(), location, zones);
    }
}
