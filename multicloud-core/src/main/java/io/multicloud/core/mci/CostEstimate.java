package io.multicloud.core.mci;

import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.Validate;
import io.multicloud.core.catalog.CloudCatalog;
import io.multicloud.core.catalog.OfferId;
import io.multicloud.core.catalog.PriceQuote;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * What an MCI's subgroups would cost, before anything is created: from the multi-cloud catalog
 * ({@link #of(CloudCatalog, List)}, {@code mc.mci(..).estimate()}: each connection's live prices,
 * cached, else the shipped snapshot's), or from one price read of each connection
 * ({@link #of(List)}: {@code capabilities()} and {@code prices().find(spec)}). Reads only, one
 * virtual thread per subgroup, so a slow cloud does not hold up the others.
 *
 * <p>A subgroup whose price is unknown (the driver lacks {@code PRICES}, the catalog has no price
 * for the spec, or the lookup failed) is reported as unknown with its reason, never as 0; the
 * estimate is then {@linkplain #complete() incomplete} and its totals cover the priced subgroups
 * only. Prices in different currencies are not converted or added: there is one
 * {@link CostTotal} per currency. Amounts are exact {@link BigDecimal}s (catalog price × size × hours).
 *
 * <pre>{@code CostEstimate.of(List.of(SubGroupRequest.of("web", mars, "m1.small", "ubuntu-22.04", 3)))}</pre>
 *
 * @param subGroups one cost per subgroup, in request order
 * @param totals one total per currency over the priced subgroups, ordered by currency code
 */
public record CostEstimate(List<SubGroupCost> subGroups, List<CostTotal> totals) {

    /** Hours in a day. */
    public static final int HOURS_PER_DAY = 24;

    /**
     * Hours in a month: 730 = 8760 h / 12, the convention of the AWS, Azure and Google Cloud
     * price calculators (an average month, not a calendar one).
     */
    public static final int HOURS_PER_MONTH = 730;

    public CostEstimate {
        subGroups = List.copyOf(subGroups);
        totals = List.copyOf(totals);
    }

    /**
     * Estimates the cost of these subgroups with one price read of each connection
     * ({@link PriceQuote#live}); {@link #of(CloudCatalog, List)} uses the catalog instead. Reads
     * prices only; never throws for a cloud's failure (that subgroup's cost is unknown, with the reason).
     *
     * @throws InvalidRequestException when the list is null, empty or holds a null, before any cloud call
     */
    public static CostEstimate of(List<SubGroupRequest> subGroups) {
        requireSubGroups(subGroups);
        return ofCosts(price(subGroups, sg -> PriceQuote.live(sg.cloud(), sg.spec())));
    }

    /**
     * Estimates the cost of these subgroups from the catalog ({@code mc.catalog()}): each
     * connection's live prices (loaded once and cached), else the snapshot's price of that place.
     * Never throws for a cloud's failure.
     *
     * @throws InvalidRequestException when the list is null, empty or holds a null, before any cloud call
     */
    public static CostEstimate of(CloudCatalog catalog, List<SubGroupRequest> subGroups) {
        requireSubGroups(subGroups);
        return ofCosts(costs(catalog, subGroups));
    }

    /** An estimate of these costs, with their totals. */
    static CostEstimate ofCosts(List<SubGroupCost> costs) {
        return new CostEstimate(costs, CostTotal.of(costs));
    }

    /** The catalog's cost of each subgroup, one virtual thread each. */
    static List<SubGroupCost> costs(CloudCatalog catalog, List<SubGroupRequest> subGroups) {
        return price(subGroups, sg -> catalog.quote(sg.cloud(), sg.spec()));
    }

    /** A subgroup's cost from a price quote. */
    static SubGroupCost cost(String subGroup, String connection, int size, PriceQuote quote) {
        OfferId place = quote.place();
        return quote.known()
                ? new SubGroupCost(subGroup, connection, place.region(), place.spec(), size, quote.perHour(), quote.currency(), null)
                : new SubGroupCost(subGroup, connection, place.region(), place.spec(), size, null, null, quote.unknownReason());
    }

    private static List<SubGroupCost> price(List<SubGroupRequest> subGroups, Function<SubGroupRequest, PriceQuote> quote) {
        try (ExecutorService pool = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("mci-cost-", 0).factory())) {
            List<Future<SubGroupCost>> futures = subGroups.stream()
                    .map(sg -> pool.submit(() -> cost(sg.name(), sg.connection(), sg.size(), quote.apply(sg)))).toList();
            pool.shutdown();
            return futures.stream().map(CostEstimate::result).toList();
        }
    }

    /** Whether every subgroup has a known price (otherwise the totals are partial). */
    public boolean complete() {
        return subGroups.stream().allMatch(SubGroupCost::known);
    }

    /** The subgroups whose price is unknown, each with its {@link SubGroupCost#unknownReason()}. */
    public List<SubGroupCost> unpriced() {
        return subGroups.stream().filter(c -> !c.known()).toList();
    }

    /** The total in one currency, if any priced subgroup is in it. */
    public Optional<CostTotal> total(String currency) {
        return totals.stream().filter(t -> t.currency().equals(currency)).findFirst();
    }

    /** The cost of one subgroup by name (the first, should names repeat). */
    public Optional<SubGroupCost> subGroup(String name) {
        return subGroups.stream().filter(c -> c.subGroup().equals(name)).findFirst();
    }

    /** A table: one line per subgroup, one per currency total, and the unpriced subgroups with their reasons. */
    @Override
    public String toString() {
        ReviewTable table = new ReviewTable("SUBGROUP", "CONNECTION", "SPEC", "SIZE", "PER VM/H", "PER HOUR", "PER DAY",
                "PER MONTH", "CUR");
        for (SubGroupCost c : subGroups) {
            if (c.known()) {
                table.row(c.subGroup(), c.connection(), c.spec(), Integer.toString(c.size()), money(c.pricePerVmHour()),
                        money(c.perHour().orElseThrow()), money(c.perDay().orElseThrow()),
                        money(c.perMonth().orElseThrow()), c.currency());
            } else {
                table.row(c.subGroup(), c.connection(), c.spec(), Integer.toString(c.size()), "unknown");
            }
        }
        for (CostTotal t : totals) {
            table.row("total" + (complete() ? "" : " (partial)"), "", "", Integer.toString(t.vms()), "",
                    money(t.perHour()), money(t.perDay()), money(t.perMonth()), t.currency());
        }
        StringBuilder out = new StringBuilder("Cost estimate (day = ").append(HOURS_PER_DAY).append(" h, month = ")
                .append(HOURS_PER_MONTH).append(" h)");
        out.append(complete() ? "\n" : ": PARTIAL, " + unpriced().size() + " subgroup(s) without a price\n");
        out.append(table);
        for (SubGroupCost c : unpriced()) {
            out.append("  no price for ").append(c.subGroup()).append(": ").append(c.unknownReason()).append('\n');
        }
        return out.toString();
    }

    static void requireSubGroups(List<SubGroupRequest> subGroups) {
        Validate.notEmpty("subGroups", subGroups);
        if (subGroups.stream().anyMatch(Objects::isNull)) {
            throw new InvalidRequestException("subGroups", "holds a null subgroup");
        }
    }

    private static <T> T result(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while estimating costs", e);
        } catch (ExecutionException e) {
            // The tasks catch every RuntimeException themselves; only an Error can get here.
            throw new IllegalStateException("cost estimate task failed", e.getCause());
        }
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /**
     * The cost of one subgroup. Either priced ({@link #pricePerVmHour} and {@link #currency} set,
     * {@link #unknownReason} null) or unknown ({@link #unknownReason} set, the other two null).
     *
     * @param subGroup the subgroup's name
     * @param connection its connection's name
     * @param region the connection's region, where the price applies
     * @param spec the spec priced
     * @param size how many VMs
     * @param pricePerVmHour the catalog's hourly price of one VM, or null when unknown
     * @param currency the price's ISO currency code, or null when unknown
     * @param unknownReason why the price is unknown, or null when it is known
     */
    public record SubGroupCost(String subGroup, String connection, String region, String spec, int size,
                               BigDecimal pricePerVmHour, String currency, String unknownReason) {

        public SubGroupCost {
            if ((pricePerVmHour == null) == (unknownReason == null)) {
                throw new IllegalArgumentException("a subgroup cost has either a price or a reason why it is unknown");
            }
            if (pricePerVmHour != null && currency == null) {
                throw new IllegalArgumentException("a known price has a currency");
            }
        }

        /** Whether the price is known. */
        public boolean known() {
            return pricePerVmHour != null;
        }

        /** Price per hour × size; empty when unknown (never 0 for unknown). */
        public Optional<BigDecimal> perHour() {
            return Optional.ofNullable(pricePerVmHour).map(p -> p.multiply(BigDecimal.valueOf(size)));
        }

        /** The cost of {@value CostEstimate#HOURS_PER_DAY} hours; empty when unknown. */
        public Optional<BigDecimal> perDay() {
            return perHour().map(h -> h.multiply(BigDecimal.valueOf(HOURS_PER_DAY)));
        }

        /** The cost of {@value CostEstimate#HOURS_PER_MONTH} hours; empty when unknown. */
        public Optional<BigDecimal> perMonth() {
            return perHour().map(h -> h.multiply(BigDecimal.valueOf(HOURS_PER_MONTH)));
        }
    }
}
