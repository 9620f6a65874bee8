package io.multicloud.core.catalog;

import io.multicloud.api.InvalidRequestException;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * An ordering priority of the fluent form ({@code orderBy(Priority.latencyTo("ap-northeast-2"), Priority.cost())}).
 * Each is an {@link Order} (the request-file form, where weights are documented), and performance
 * may also take a score the caller computes.
 */
public final class Priority {
    private final Order order;
    private final ToDoubleFunction<Offer> score;
    private final String scoreName;

    private Priority(Order order, ToDoubleFunction<Offer> score, String scoreName) {
        this.order = order;
        this.score = score;
        this.scoreName = scoreName;
    }

    /** The priority of a request file's order. */
    public static Priority of(Order order) {
        return new Priority(Objects.requireNonNull(order, "order"), null, null);
    }

    /** Cheapest on-demand price first. */
    public static Priority cost() {
        return of(new Order("cost", null, null, null, null, null));
    }

    /** Cheapest spot price first (an offer without a spot price ranks last). */
    public static Priority spotCost() {
        return of(new Order("spotCost", null, null, null, null, null));
    }

    /** Highest default score first: 10 × the VM's accelerator memory in GiB + vCPUs. */
    public static Priority performance() {
        return of(new Order("performance", null, null, null, null, null));
    }

    /** Highest value of a numeric field first ({@code vcpus}, {@code acceleratorTotalMemoryGiB}). */
    public static Priority performance(String field) {
        return of(new Order("performance", null, null, null, field, null));
    }

    /** Highest score first, computed by the caller (benchmarks, own measurements); NaN ranks last. */
    public static Priority performance(String name, ToDoubleFunction<Offer> score) {
        return new Priority(new Order("performance", null, null, null, null, null), Objects.requireNonNull(score, "score"),
                Objects.requireNonNull(name, "name"));
    }

    /** Nearest (great circle) to the nearest of these points first. */
    public static Priority nearest(Near... points) {
        return of(new Order("location", null, null, List.of(points), null, null));
    }

    /** Nearest to one named point first. */
    public static Priority nearest(double latitude, double longitude, String name) {
        return nearest(Near.point(latitude, longitude, name));
    }

    /**
     * Lowest round trip from the nearest of these user regions first: {@code aws-ap-northeast-2},
     * {@code aws+ap-northeast-2}, or a bare {@code ap-northeast-2} (that region of every cloud).
     */
    public static Priority latencyTo(String... userRegions) {
        return of(new Order("latency", null, List.of(userRegions), null, null, null));
    }

    /** A random order, the same for the same seed. */
    public static Priority random(long seed) {
        return of(new Order("random", null, null, null, null, seed));
    }

    /** The same priority with a weight in a blend (see {@link Order}). */
    public Priority weight(double weight) {
        return new Priority(order.weight(weight), score, scoreName);
    }

    /** The request-file form; a caller's own score function has none. */
    public Order order() {
        if (score != null) {
            throw new InvalidRequestException("orderBy", "performance by the caller's own score '" + scoreName
                    + "' cannot be written to a request file");
        }
        return order;
    }

    Order orderUnchecked() {
        return order;
    }

    ToDoubleFunction<Offer> score() {
        return score;
    }

    String scoreName() {
        return scoreName;
    }

    @Override
    public String toString() {
        return score == null ? order.toString() : "performance by " + scoreName;
    }
}
