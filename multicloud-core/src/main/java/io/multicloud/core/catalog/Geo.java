package io.multicloud.core.catalog;

import io.multicloud.api.GeoLocation;

/** Great-circle distances on a spherical Earth (haversine; radius 6371.0088 km, the mean radius). */
public final class Geo {
    /** The mean Earth radius in km. */
    public static final double EARTH_RADIUS_KM = 6371.0088;

    private Geo() {
    }

    /** Kilometres between two points given in degrees; NaN when a coordinate is NaN. */
    public static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lon2 - lon1);
        double h = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    /** Kilometres between two locations; NaN when either is null. */
    public static double distanceKm(GeoLocation a, GeoLocation b) {
        if (a == null || b == null) {
            return Double.NaN;
        }
        return distanceKm(a.latitude(), a.longitude(), b.latitude(), b.longitude());
    }

    /** A point, with a name for explanations ({@code "Seoul"}). */
    public static GeoLocation point(double latitude, double longitude, String name) {
        if (!(latitude >= -90 && latitude <= 90) || !(longitude >= -180 && longitude <= 180)) {
            throw new io.multicloud.api.InvalidRequestException("location",
                    "latitude must be within -90..90 and longitude within -180..180, not " + latitude + ", " + longitude);
        }
        return new GeoLocation(latitude, longitude, name == null ? latitude + "," + longitude : name);
    }
}
