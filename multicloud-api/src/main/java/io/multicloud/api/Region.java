package io.multicloud.api;

import java.util.List;

/**
 * A region of a cloud with its zones.
 *
 * @param name the cloud's region name, such as {@code us-east-2}
 * @param displayName a longer name for people
 * @param location where it is
 * @param zones its availability zones
 */
public record Region(String name, String displayName, GeoLocation location, List<Zone> zones) implements Named {
    public Region {
        zones = List.copyOf(zones);
    }
}
