package io.multicloud.core.catalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * One priority compiled against one table: a key per row, lower is better (scores are negated),
 * NaN when unknown (ranked last). Distances and latencies are computed once per place, not per row.
 */
final class Ranking {
    private final String kind;
    private final OfferTable t;
    private final Double weight;
    private final boolean weighted;
    private final double[] byPlace;
    private final String[] fromByPlace;
    private final boolean[] inMatrix;
    private final ToDoubleFunction<Offer> score;
    private final String scoreName;
    private final Field field;
    private final long seed;
    private final Near nearestPoint;
    private final int currency;
    private final List<String> notes = new ArrayList<>();

    private Ranking(Priority p, OfferTable t, LatencyMatrix m, boolean blend, int currency) {
        this.currency = currency;
        Order o = p.orderUnchecked();
        this.kind = o.by();
        this.t = t;
        this.weight = o.weight();
        this.weighted = blend;
        this.score = p.score();
        this.scoreName = p.scoreName();
        this.field = o.field() == null ? null : Field.of(o.field());
        this.seed = o.seed() == null ? 0 : o.seed();
        int places = t.places();
        switch (kind) {
            case "location" -> {
                byPlace = new double[places];
                fromByPlace = new String[places];
                for (int pl = 0; pl < places; pl++) {
                    double best = Double.NaN;
                    String from = null;
                    for (Near n : o.points()) {
                        double d = Geo.distanceKm(n.latitude(), n.longitude(), t.placeLat[pl], t.placeLon[pl]);
                        if (!Double.isNaN(d) && (Double.isNaN(best) || d < best)) {
                            best = d;
                            from = n.name();
                        }
                    }
                    byPlace[pl] = best;
                    fromByPlace[pl] = from;
                }
                nearestPoint = o.points().get(0);
                inMatrix = null;
            }
            case "latency" -> {
                RecommendEngine.requireKnown(m, o.to());
                Set<Integer> users = new LinkedHashSet<>();
                for (String r : o.to()) {
                    int[] resolved = m.resolve(r);
                    Arrays.stream(resolved).forEach(users::add);
                    if (resolved.length > 1 || !m.keys().get(resolved[0]).equalsIgnoreCase(r)) {
                        notes.add("latency from '" + r + "' means from "
                                + Arrays.stream(resolved).mapToObj(i -> m.keys().get(i)).toList());
                    }
                }
                byPlace = new double[places];
                fromByPlace = new String[places];
                inMatrix = new boolean[places];
                for (int pl = 0; pl < places; pl++) {
                    int idx = m.indexOf(LatencyMatrix.key(t.providers[t.placeProvider[pl]], t.regions[t.placeRegion[pl]]));
                    double best = Double.NaN;
                    String from = null;
                    for (int u : users) {
                        double ms = m.ms(u, idx);
                        if (Double.isNaN(ms)) {
                            ms = m.ms(idx, u);
                        }
                        if (!Double.isNaN(ms) && (Double.isNaN(best) || ms < best)) {
                            best = ms;
                            from = m.keys().get(u);
                        }
                    }
                    byPlace[pl] = best;
                    fromByPlace[pl] = from;
                    inMatrix[pl] = idx >= 0;
                }
                nearestPoint = null;
            }
            default -> {
                byPlace = null;
                fromByPlace = null;
                inMatrix = null;
                nearestPoint = null;
            }
        }
    }

    static Ranking of(Priority p, OfferTable t, LatencyMatrix m, boolean blend, int currency) {
        return new Ranking(p, t, m, blend, currency);
    }

    List<String> notes() {
        return notes;
    }

    Near nearestPoint() {
        return nearestPoint;
    }

    boolean weighted() {
        return weighted;
    }

    double weightOrOne() {
        return weight == null ? 1 : weight;
    }

    boolean isLatency() {
        return kind.equals("latency");
    }

    double key(int row) {
        return switch (kind) {
            case "cost" -> t.currency[row] == currency ? t.cost[row] : Double.NaN;
            case "spotCost" -> t.currency[row] == currency ? t.spot[row] : Double.NaN;
            case "location", "latency" -> byPlace[t.place[row]];
            case "random" -> random(row);
            default -> -performance(row);
        };
    }

    private double performance(int row) {
        if (score != null) {
            return score.applyAsDouble(t.offer(row));
        }
        if (field != null) {
            return switch (field) {
                case VCPUS -> t.vcpus[row];
                case MEMORY_GIB -> t.memory[row];
                case ACCELERATOR_COUNT -> t.accCount[row];
                case ACCELERATOR_MEMORY_GIB -> t.accMemory[row];
                case ACCELERATOR_TOTAL_MEMORY_GIB -> Offer.totalMemory(t.accCount[row], t.accMemory[row]);
                case COST_PER_HOUR -> t.cost[row];
                case SPOT_COST_PER_HOUR -> t.spot[row];
                case LATITUDE -> t.placeLat[t.place[row]];
                default -> t.placeLon[t.place[row]];
            };
        }
        double gpu = Offer.totalMemory(t.accCount[row], t.accMemory[row]);
        double cpu = t.vcpus[row];
        if (Double.isNaN(gpu) && Double.isNaN(cpu)) {
            return Double.NaN;
        }
        return 10 * (Double.isNaN(gpu) ? 0 : gpu) + (Double.isNaN(cpu) ? 0 : cpu);
    }

    /** A value in [0, 1) fixed by the seed and the offer's id (not its position), so orders are stable. */
    private double random(int row) {
        int p = t.place[row];
        long h = seed * 0x9E3779B97F4A7C15L;
        h = mix(h ^ t.providers[t.placeProvider[p]].hashCode());
        h = mix(h ^ t.regions[t.placeRegion[p]].hashCode());
        h = mix(h ^ t.specs[t.spec[row]].hashCode());
        h = mix(h ^ t.idZones[t.idZone[row]].hashCode());
        return (h >>> 11) * 0x1.0p-53;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The value a row was ranked by, for people. */
    String describe(int row, double key, String currency) {
        return switch (kind) {
            case "cost" -> Double.isNaN(key) ? (Double.isNaN(t.cost[row]) ? "on-demand price unknown"
                    : "priced in " + currency + ", not compared") : "on-demand " + Offer.money(key) + " " + currency + "/h";
            case "spotCost" -> Double.isNaN(key) ? "no spot price" : "spot " + Offer.money(key) + " " + currency + "/h";
            case "location" -> Double.isNaN(key) ? "distance unknown (" + t.placeKey(t.place[row]) + " has no coordinates)"
                    : Math.round(key) + " km from " + fromByPlace[t.place[row]];
            case "latency" -> Double.isNaN(key)
                    ? (!inMatrix[t.place[row]] ? "latency unknown (" + t.placeKey(t.place[row])
                    + " is not in the latency matrix)" : "latency unknown (pair not measured)")
                    : String.format(java.util.Locale.ROOT, "%.1f ms from %s", key, fromByPlace[t.place[row]]);
            case "random" -> "random " + RecommendEngine.fmt(key);
            default -> "performance " + (scoreName != null ? scoreName + " " : field != null ? field.key() + " " : "")
                    + RecommendEngine.fmt(-key);
        };
    }
}
