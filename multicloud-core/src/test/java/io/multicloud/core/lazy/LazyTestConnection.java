package io.multicloud.core.lazy;

import io.multicloud.api.Capabilities;
import io.multicloud.api.Capability;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.GeoLocation;
import io.multicloud.api.Region;
import io.multicloud.api.Zone;
import io.multicloud.spi.CatalogService;
import io.multicloud.spi.DriverConnection;
import java.util.List;
import java.util.Set;

/** Offers regions only, so that every other capability must be refused by core. */
final class LazyTestConnection implements DriverConnection {
    private final ConnectionConfig config;
    private final String sdk = HeavySdk.hello();

    LazyTestConnection(ConnectionConfig config) {
        this.config = config;
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(Set.of(Capability.REGIONS), Set.of());
    }

    @Override
    public CatalogService<Region> regions() {
        return () -> List.of(new Region(config.region(), sdk + " " + config.region(), new GeoLocation(0, 0, "nowhere"),
                List.of(new Zone(config.region() + "-a", config.region(), true))));
    }

    @Override
    public void close() {
    }
}
