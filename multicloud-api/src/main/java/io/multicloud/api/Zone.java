package io.multicloud.api;

/**
 * An availability zone.
 *
 * @param name the zone's name, such as {@code mars-z1}
 * @param region the region it belongs to
 * @param available whether it accepts new resources
 */
public record Zone(String name, String region, boolean available) implements Named {
}
