package io.multicloud.core.catalog;

import io.multicloud.api.GeoLocation;
import java.util.List;
import java.util.Objects;

/**
 * A region of one cloud in the multi-cloud catalog.
 *
 * @param provider the driver name ({@code aws}, {@code gcp}, {@code mock})
 * @param name the cloud's region name
 * @param display a name for people ({@code "South Korea (Seoul)"})
 * @param location where it is, {@code null} when no source says
 * @param zones its zones (empty when the source does not say)
 * @param source live or snapshot
 */
public record CloudRegion(String provider, String name, String display, GeoLocation location, List<String> zones,
                          Source source) {
    public CloudRegion {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(name, "name");
        display = display == null ? "" : display;
        zones = List.copyOf(zones);
        Objects.requireNonNull(source, "source");
    }

    /** {@code provider+region}. */
    public String key() {
        return provider + "+" + name;
    }
}
