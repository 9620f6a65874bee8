package io.multicloud.driver.gcp;

import com.google.cloud.compute.v1.GetRegionRequest;
import com.google.cloud.compute.v1.ListRegionsRequest;
import io.multicloud.api.GeoLocation;
import io.multicloud.api.Region;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Zone;
import io.multicloud.spi.CatalogService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Regions and their zones, from {@code regions.list} (one paged call); coordinates from the
 * table below, where Google's documented locations are known. A zone is available while its
 * region is {@code UP}.
 */
final class GcpRegions implements CatalogService<Region> {
    /** Region → latitude, longitude, city. */
    static final Map<String, GeoLocation> LOCATIONS = Map.ofEntries(
            Map.entry("us-central1", new GeoLocation(41.26, -95.86, "Council Bluffs, Iowa")),
            Map.entry("us-east1", new GeoLocation(33.20, -80.01, "Moncks Corner, South Carolina")),
            Map.entry("us-east4", new GeoLocation(39.04, -77.49, "Ashburn, Virginia")),
            Map.entry("us-west1", new GeoLocation(45.60, -121.18, "The Dalles, Oregon")),
            Map.entry("us-west2", new GeoLocation(34.05, -118.24, "Los Angeles, California")),
            Map.entry("europe-west1", new GeoLocation(50.45, 3.82, "St. Ghislain, Belgium")),
            Map.entry("europe-west2", new GeoLocation(51.51, -0.13, "London, England")),
            Map.entry("europe-west3", new GeoLocation(50.11, 8.68, "Frankfurt, Germany")),
            Map.entry("europe-west4", new GeoLocation(53.44, 6.84, "Eemshaven, Netherlands")),
            Map.entry("europe-north1", new GeoLocation(60.57, 27.19, "Hamina, Finland")),
            Map.entry("asia-east1", new GeoLocation(24.05, 120.52, "Changhua County, Taiwan")),
            Map.entry("asia-northeast1", new GeoLocation(35.69, 139.69, "Tokyo, Japan")),
            Map.entry("asia-northeast3", new GeoLocation(37.57, 126.98, "Seoul, South Korea")),
            Map.entry("asia-south1", new GeoLocation(19.08, 72.88, "Mumbai, India")),
            Map.entry("asia-southeast1", new GeoLocation(1.35, 103.82, "Jurong West, Singapore")),
            Map.entry("australia-southeast1", new GeoLocation(-33.87, 151.21, "Sydney, Australia")),
            Map.entry("southamerica-east1", new GeoLocation(-23.55, -46.63, "Osasco, Sao Paulo, Brazil")),
            Map.entry("northamerica-northeast1", new GeoLocation(45.50, -73.57, "Montreal, Quebec")));

    private final GcpContext ctx;

    GcpRegions(GcpContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public List<Region> list() {
        List<Region> out = new ArrayList<>();
        ctx.errors().run(ResourceKind.REGION, null, () -> ctx.clients().regions.get()
                .list(ListRegionsRequest.newBuilder().setProject(ctx.project()).build()).iterateAll()
                .forEach(r -> out.add(toRecord(r))));
        return List.copyOf(out);
    }

    @Override
    public Optional<Region> find(String name) {
        if (!name.matches("[a-z]+-[a-z]+\\d+")) {
            return Optional.empty();
        }
        try {
            return Optional.of(toRecord(ctx.errors().call(ResourceKind.REGION, name, () -> ctx.clients().regions.get()
                    .get(GetRegionRequest.newBuilder().setProject(ctx.project()).setRegion(name).build()))));
        } catch (io.multicloud.api.NotFoundException e) {
            return Optional.empty();
        }
    }

    private static Region toRecord(com.google.cloud.compute.v1.Region r) {
        boolean up = !"DOWN".equals(r.getStatus());
        List<Zone> zones = r.getZonesList().stream().map(z -> new Zone(GcpContext.last(z), r.getName(), up)).toList();
        return new Region(r.getName(), r.getDescription().isEmpty() ? r.getName() : r.getDescription(),
                LOCATIONS.get(r.getName()), zones);
    }
}
