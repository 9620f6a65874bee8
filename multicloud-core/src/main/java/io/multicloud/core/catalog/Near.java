package io.multicloud.core.catalog;

import io.multicloud.api.GeoLocation;
import io.multicloud.api.InvalidRequestException;

/**
 * A point, and for a filter a radius around it: offers whose region lies within
 * {@code radiusKm} of it on a great circle pass; a region without coordinates does not.
 *
 * @param latitude degrees north
 * @param longitude degrees east
 * @param radiusKm the radius of a filter (ignored when the point orders by distance), 0 or more
 * @param name a name for explanations ({@code Seoul}), optional
 */
public record Near(double latitude, double longitude, Double radiusKm, String name) {
    public Near {
        Geo.point(latitude, longitude, name);
        if (radiusKm != null && !(radiusKm >= 0)) {
            throw new InvalidRequestException("near.radiusKm", "the radius must be 0 or more, not " + radiusKm);
        }
        name = name == null || name.isBlank() ? String.format(java.util.Locale.ROOT, "%.2f,%.2f", latitude, longitude) : name;
    }

    /** A named point without a radius (for ordering by distance). */
    public static Near point(double latitude, double longitude, String name) {
        return new Near(latitude, longitude, null, name);
    }

    /** A named point with a radius (for filtering). */
    public static Near within(double latitude, double longitude, double radiusKm, String name) {
        return new Near(latitude, longitude, radiusKm, name);
    }

    /** The point as a location. */
    public GeoLocation location() {
        return new GeoLocation(latitude, longitude, name);
    }

    @Override
    public String toString() {
        return radiusKm == null ? name : "within " + Offer.num(radiusKm) + " km of " + name;
    }
}
