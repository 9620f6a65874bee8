package io.multicloud.driver.azure;

import com.azure.resourcemanager.resources.fluent.models.LocationInner;
import io.multicloud.api.GeoLocation;
import io.multicloud.api.Region;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Zone;
import io.multicloud.spi.CatalogService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Regions as the subscription's locations (one call): coordinates from the location's metadata,
 * zones from its availability zone mappings (the subscription's logical zones {@code 1}, {@code 2},
 * {@code 3}); a region without zones shows none. Edge zones are left out.
 */
final class AzureRegions implements CatalogService<Region> {
    private final AzureContext ctx;

    AzureRegions(AzureContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public List<Region> list() {
        List<Region> all = new ArrayList<>();
        ctx.errors().call(ResourceKind.REGION, null, () -> {
            ctx.clients().subscriptions().getSubscriptions().listLocations(ctx.subscription()).forEach(l -> {
                if (l.type() == null || l.type().toString().equalsIgnoreCase("Region")) {
                    all.add(toRecord(l));
                }
            });
            return all;
        });
        all.sort(Comparator.comparing(Region::name));
        return List.copyOf(all);
    }

    @Override
    public Optional<Region> find(String nameOrId) {
        return list().stream().filter(r -> r.name().equalsIgnoreCase(nameOrId)).findFirst();
    }

    static Region toRecord(LocationInner l) {
        GeoLocation geo = null;
        if (l.metadata() != null && l.metadata().latitude() != null && l.metadata().longitude() != null) {
            try {
                geo = new GeoLocation(Double.parseDouble(l.metadata().latitude()), Double.parseDouble(l.metadata().longitude()),
                        l.displayName());
            } catch (NumberFormatException e) {
                geo = null;
            }
        }
        List<Zone> zones = l.availabilityZoneMappings() == null ? List.of() : l.availabilityZoneMappings().stream()
                .map(m -> m.logicalZone()).filter(z -> z != null).sorted().distinct()
                .map(z -> new Zone(z, l.name(), true)).toList();
        return new Region(l.name(), l.displayName(), geo, zones);
    }
}
