package io.multicloud.driver.openstack;

import io.multicloud.api.ErrorContext;
import io.multicloud.api.GeoLocation;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.Region;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Zone;
import io.multicloud.spi.CatalogService;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.openstack4j.api.OSClient.OSClientV3;
import org.openstack4j.api.exceptions.ResponseException;
import org.openstack4j.model.compute.ext.AvailabilityZone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keystone's regions, each with its Nova availability zones: the connection's own region's
 * zones always; another region's when its catalog has a compute endpoint that answers, else
 * none. When the user may not list regions (Keystone policy), the regions of the token's
 * catalog stand in. The display name is the region's description, or its id. OpenStack does not
 * say where a region is: the connection property {@code location=latitude,longitude,place}
 * gives the connection's own region a location; other regions have none.
 */
final class OpenStackRegions implements CatalogService<Region> {
    private static final Logger LOG = LoggerFactory.getLogger(OpenStackRegions.class);
    private static final String LOCATION = "location";

    private record Listed(String id, String description) {
    }

    private final OpenStackContext ctx;

    OpenStackRegions(OpenStackContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public List<Region> list() {
        GeoLocation location = location();
        List<String> inCatalog = ctx.session().catalogRegions();
        return listed().stream().map(r -> new Region(r.id(),
                        r.description() == null || r.description().isBlank() ? r.id() : r.description(),
                        r.id().equals(ctx.session().region()) ? location : null, zones(r.id(), inCatalog)))
                .sorted(Comparator.comparing(Region::name)).toList();
    }

    @Override
    public Optional<Region> find(String name) {
        return list().stream().filter(r -> r.name().equals(name)).findFirst();
    }

    private List<Listed> listed() {
        List<? extends org.openstack4j.model.identity.v3.Region> regions = ctx.errors().call(ResourceKind.REGION, null, () -> {
            try {
                return ctx.client().identity().regions().list();
            } catch (ResponseException e) {
                if (e.getStatus() == 403) {
                    return null; // policy forbids listing: the catalog is the next best source
                }
                throw e;
            }
        });
        if (regions == null || regions.isEmpty()) {
            return ctx.session().catalogRegions().stream().map(id -> new Listed(id, null)).toList();
        }
        return regions.stream().map(r -> new Listed(r.getId(), r.getDescription())).toList();
    }

    /** Nova's zones in a region: the connection's own region through the normal client, others only when reachable. */
    private List<Zone> zones(String region, List<String> inCatalog) {
        if (region.equals(ctx.session().region())) {
            return ctx.errors().call(ResourceKind.ZONE, null, () -> toZones(region, ctx.client()));
        }
        if (!inCatalog.contains(region)) {
            return List.of();
        }
        try {
            return ctx.errors().call(ResourceKind.ZONE, null, () -> toZones(region, ctx.client().useRegion(region)));
        } catch (RuntimeException e) {
            // Another region without Nova, or one that does not answer, still is a region: it shows no zones.
            LOG.debug("{}: no zones for region {}: {}", ctx.config().name(), region, e.toString());
            return List.of();
        }
    }

    private static List<Zone> toZones(String region, OSClientV3 client) {
        List<? extends AvailabilityZone> zones = client.compute().zones().list();
        return zones == null ? List.of() : zones.stream()
                .map(z -> new Zone(z.getZoneName(), region, z.getZoneState() != null && z.getZoneState().getAvailable()))
                .sorted(Comparator.comparing(Zone::name)).toList();
    }

    /** The connection property {@code location=latitude,longitude,place}, or null when not set. */
    private GeoLocation location() {
        String value = ctx.config().property(LOCATION).orElse(null);
        if (value == null || value.isBlank()) {
            return null;
        }
        String[] parts = value.split(",", 3);
        try {
            double latitude = Double.parseDouble(parts[0].strip());
            double longitude = Double.parseDouble(parts[1].strip());
            if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) {
                throw new NumberFormatException();
            }
            return new GeoLocation(latitude, longitude, parts.length > 2 ? parts[2].strip() : ctx.session().region());
        } catch (RuntimeException e) {
            throw new InvalidRequestException(ErrorContext.of(ctx.config().name(), ResourceKind.REGION, ctx.session().region()),
                    LOCATION, "location must be 'latitude,longitude[,place]' in degrees, not '" + value + "'");
        }
    }
}
