package io.multicloud.core.catalog;

import io.multicloud.api.InvalidRequestException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The fluent form of a recommendation request:
 * <pre>{@code
 * Recommendation r = mc.recommend()
 *         .where("acceleratorModel").oneOf("A100", "H100")
 *         .where("acceleratorMemoryGiB").atLeast(40)
 *         .where("costPerHour").atMost(40)
 *         .orderBy(Priority.latencyTo("ap-northeast-2"), Priority.cost())
 *         .limit(10)
 *         .run();
 * }</pre>
 * Every step returns a new builder; {@link #request()} gives the plain request (for a file).
 */
public final class Recommend {
    private final BiFunction<RecommendRequest, List<Priority>, Recommendation> runner;
    private final List<Condition> where;
    private final Near near;
    private final List<String> providers;
    private final List<String> excludeProviders;
    private final List<String> regions;
    private final List<String> excludeRegions;
    private final List<Priority> priorities;
    private final Integer limit;
    private final String currency;

    Recommend(BiFunction<RecommendRequest, List<Priority>, Recommendation> runner) {
        this(runner, List.of(), null, List.of(), List.of(), List.of(), List.of(), List.of(), null, null);
    }

    private Recommend(BiFunction<RecommendRequest, List<Priority>, Recommendation> runner, List<Condition> where, Near near,
                      List<String> providers, List<String> excludeProviders, List<String> regions,
                      List<String> excludeRegions, List<Priority> priorities, Integer limit, String currency) {
        this.runner = runner;
        this.where = where;
        this.near = near;
        this.providers = providers;
        this.excludeProviders = excludeProviders;
        this.regions = regions;
        this.excludeRegions = excludeRegions;
        this.priorities = priorities;
        this.limit = limit;
        this.currency = currency;
    }

    /** Starts a condition on a field ({@code costPerHour}, {@code acceleratorModel}; see {@link Field}). */
    public Where where(String field) {
        Field.of(field);
        return new Where(field);
    }

    /** Adds a condition made elsewhere. */
    public Recommend where(Condition condition) {
        List<Condition> w = new ArrayList<>(where);
        w.add(condition);
        return new Recommend(runner, w, near, providers, excludeProviders, regions, excludeRegions, priorities, limit, currency);
    }

    /** Only regions within {@code radiusKm} (great circle) of a point. */
    public Recommend near(double latitude, double longitude, double radiusKm, String name) {
        return new Recommend(runner, where, Near.within(latitude, longitude, radiusKm, name), providers, excludeProviders,
                regions, excludeRegions, priorities, limit, currency);
    }

    /** Only these providers. */
    public Recommend providers(String... names) {
        return new Recommend(runner, where, near, List.of(names), excludeProviders, regions, excludeRegions, priorities,
                limit, currency);
    }

    /** Never these providers. */
    public Recommend excludeProviders(String... names) {
        return new Recommend(runner, where, near, providers, List.of(names), regions, excludeRegions, priorities, limit,
                currency);
    }

    /** Only these regions ({@code ap-northeast-2} of any provider, or {@code aws+ap-northeast-2}). */
    public Recommend regions(String... names) {
        return new Recommend(runner, where, near, providers, excludeProviders, List.of(names), excludeRegions, priorities,
                limit, currency);
    }

    /** Never these regions (same forms). */
    public Recommend excludeRegions(String... names) {
        return new Recommend(runner, where, near, providers, excludeProviders, regions, List.of(names), priorities, limit,
                currency);
    }

    /** The priorities, in turn (or blended when any has a weight; see {@link Order}). Default: cost. */
    public Recommend orderBy(Priority... order) {
        return new Recommend(runner, where, near, providers, excludeProviders, regions, excludeRegions,
                List.copyOf(Arrays.asList(order)), limit, currency);
    }

    /** How many offers to return (default 10). */
    public Recommend limit(int n) {
        if (n < 1) {
            throw new InvalidRequestException("limit", "the limit is 1 or more, not " + n);
        }
        return new Recommend(runner, where, near, providers, excludeProviders, regions, excludeRegions, priorities, n,
                currency);
    }

    /** The currency prices are compared in (default USD). */
    public Recommend currency(String code) {
        return new Recommend(runner, where, near, providers, excludeProviders, regions, excludeRegions, priorities, limit,
                code);
    }

    /** The plain request (a caller's own performance score cannot be written and fails here). */
    public RecommendRequest request() {
        return new RecommendRequest(where, near, providers, excludeProviders, regions, excludeRegions,
                priorities.stream().map(Priority::order).toList(), limit, currency);
    }

    /** Runs the request over the catalog (live connections merged with the snapshot). */
    public Recommendation run() {
        RecommendRequest r = new RecommendRequest(where, near, providers, excludeProviders, regions, excludeRegions,
                priorities.stream().map(Priority::orderUnchecked).toList(), limit, currency);
        return runner.apply(r, priorities);
    }

    @Override
    public String toString() {
        return "Recommend[where=" + where + (near == null ? "" : ", near=" + near) + ", orderBy=" + priorities
                + ", limit=" + (limit == null ? RecommendRequest.DEFAULT_LIMIT : limit) + "] (call run())";
    }

    /** A condition on one field, waiting for its operator. */
    public final class Where {
        private final String field;

        private Where(String field) {
            this.field = field;
        }

        /** {@code field < v}. */
        public Recommend lessThan(double v) {
            return where(Condition.lt(field, v));
        }

        /** {@code field <= v}. */
        public Recommend atMost(double v) {
            return where(Condition.le(field, v));
        }

        /** {@code field == v} (zero is a value). */
        public Recommend equalTo(double v) {
            return where(Condition.eq(field, v));
        }

        /** {@code field >= v}. */
        public Recommend atLeast(double v) {
            return where(Condition.ge(field, v));
        }

        /** {@code field > v}. */
        public Recommend greaterThan(double v) {
            return where(Condition.gt(field, v));
        }

        /** {@code low <= field <= high}. */
        public Recommend between(double low, double high) {
            return where(Condition.between(field, low, high));
        }

        /** Text equal, ignoring case. */
        public Recommend is(String value) {
            return where(Condition.is(field, value));
        }

        /** Text equal to one of these, ignoring case. */
        public Recommend oneOf(String... values) {
            return where(Condition.oneOf(field, List.of(values)));
        }

        /** Text equal to none of these, ignoring case. */
        public Recommend notOneOf(String... values) {
            return where(Condition.notOneOf(field, List.of(values)));
        }

        /** Text containing this, ignoring case. */
        public Recommend contains(String value) {
            return where(Condition.contains(field, value));
        }

        /** Text in which this regular expression is found, ignoring case. */
        public Recommend matches(String regex) {
            return where(Condition.regex(field, regex));
        }
    }
}
