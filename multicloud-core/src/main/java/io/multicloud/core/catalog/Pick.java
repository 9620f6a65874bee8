package io.multicloud.core.catalog;

/**
 * One recommended offer and why it is there.
 *
 * @param rank 1 for the best
 * @param offer the offer
 * @param place provider, region (with its name for people) and zones
 * @param distanceKm great-circle distance to the nearest point of the request (a location priority
 *                   or the near filter), NaN when the request has none or the region has no coordinates
 * @param latencyMs round trip from the nearest user region of a latency priority, NaN when the
 *                  request has none or the matrix does not hold the pair
 * @param why the values it was ranked by, and how it compares with the first
 */
public record Pick(int rank, Offer offer, String place, double distanceKm, double latencyMs, String why) {
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("#" + rank + " " + offer.id() + " " + place);
        if (!Double.isNaN(distanceKm)) {
            b.append(", ").append(Math.round(distanceKm)).append(" km away");
        }
        if (!Double.isNaN(latencyMs)) {
            b.append(", ").append(String.format(java.util.Locale.ROOT, "%.1f", latencyMs)).append(" ms");
        }
        return b.append(" — ").append(why).toString();
    }
}
