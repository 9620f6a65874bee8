package io.multicloud.api;

/**
 * Where a region is on Earth.
 *
 * @param latitude degrees north
 * @param longitude degrees east
 * @param display a place name such as {@code "Ohio, USA"}
 */
public record GeoLocation(double latitude, double longitude, String display) {
}
