package io.multicloud.core.catalog;

import io.multicloud.api.InvalidRequestException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One ordering priority, in the form a request file holds ({@code {by: latency, to: [ap-northeast-2]}}).
 * <ul>
 *   <li>{@code cost}: on-demand price, cheapest first; {@code spotCost}: spot price.</li>
 *   <li>{@code performance}: highest first; the score is the numeric {@code field} named (such as
 *       {@code acceleratorTotalMemoryGiB}), or by default 10 × accelerator memory of the VM (GiB) + vCPUs.</li>
 *   <li>{@code location}: nearest to the nearest of {@code points} first (great circle).</li>
 *   <li>{@code latency}: lowest round trip from the nearest of the user regions {@code to} first
 *       (the latency matrix; a pair it does not hold ranks last and is said so).</li>
 *   <li>{@code random}: a shuffle fixed by {@code seed} (the same seed gives the same order).</li>
 * </ul>
 * Weights: when no priority has one, priorities apply in turn (the second only breaks ties of the
 * first, and so on). When any has one, the offers that passed the filters are ranked by the blend
 * {@code sum(weight × normalised value)}, where each value is scaled to 0..1 over those offers
 * (0 the best, 1 the worst, an unknown value 1) and a priority without a weight weighs 1; ties
 * of the blend fall back to the priorities in turn.
 *
 * @param by cost, spotCost, performance, location, latency or random
 * @param weight the weight in a blend, or null
 * @param to user regions, for latency
 * @param points points, for location
 * @param field the score field, for performance
 * @param seed the seed, for random
 */
public record Order(String by, Double weight, List<String> to, List<Near> points, String field, Long seed) {
    static final Set<String> KINDS = Set.of("cost", "spotcost", "performance", "location", "latency", "random");

    public Order {
        String k = by == null ? "" : by.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        if (k.equals("spot")) {
            k = "spotcost";
        }
        if (!KINDS.contains(k)) {
            throw new InvalidRequestException("orderBy.by", "unknown priority '" + by
                    + "'; priorities: cost, spotCost, performance, location, latency, random");
        }
        by = k.equals("spotcost") ? "spotCost" : k;
        if (weight != null && !(weight >= 0 && Double.isFinite(weight))) {
            throw new InvalidRequestException("orderBy.weight", "a weight is a finite number, 0 or more, not " + weight);
        }
        to = to == null ? List.of() : List.copyOf(to);
        points = points == null ? List.of() : List.copyOf(points);
        if (k.equals("latency") && to.isEmpty()) {
            throw new InvalidRequestException("orderBy.to", "latency needs the user regions to measure from ('to')");
        }
        if (k.equals("location") && points.isEmpty()) {
            throw new InvalidRequestException("orderBy.points", "location needs one or more points");
        }
        if (field != null && !Field.of(field).numeric()) {
            throw new InvalidRequestException("orderBy.field", "performance needs a numeric field, not '" + field + "'");
        }
        field = field == null ? null : Field.of(field).key();
    }

    /** The same priority with a weight, for a blend. */
    public Order weight(double w) {
        return new Order(by, w, to, points, field, seed);
    }

    @Override
    public String toString() {
        String base = switch (by) {
            case "latency" -> "latency to " + to;
            case "location" -> "distance to " + points;
            case "performance" -> "performance" + (field == null ? "" : " by " + field);
            case "random" -> "random(seed " + (seed == null ? 0 : seed) + ")";
            case "spotCost" -> "spot cost";
            default -> "cost";
        };
        return weight == null ? base : base + " ×" + Offer.num(weight);
    }
}
