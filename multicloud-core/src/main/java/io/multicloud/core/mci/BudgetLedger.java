package io.multicloud.core.mci;

import io.multicloud.api.InvalidRequestException;
import io.multicloud.core.catalog.PriceQuote;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps one creation within its MCI's {@link Budget}. Opened before any call that makes anything:
 * the subgroups with one place at their price now, each failover subgroup at its cheapest place;
 * over the cap, the creation is refused with the estimate. While failover subgroups are placed
 * (in parallel), each holds the cost of the place it tries: a place whose price would take the
 * total over the cap is passed over without a call. A price unknown, or in another currency than
 * the budget's, cannot be kept within it and is refused the same way.
 */
final class BudgetLedger {
    private final Budget budget;
    private final Map<String, BigDecimal> held = new LinkedHashMap<>();

    private BudgetLedger(Budget budget) {
        this.budget = budget;
    }

    /**
     * The ledger of a creation; {@link InvalidRequestException} on field {@code budget}, naming the
     * budget and the estimate, when it cannot be kept.
     */
    static BudgetLedger open(Budget budget, List<SubGroupRequest> groups, Map<String, PriceQuote> quotes,
                             List<FailoverSubGroup> failovers) {
        BudgetLedger ledger = new BudgetLedger(budget);
        List<String> lines = new ArrayList<>();
        for (SubGroupRequest g : groups) {
            PriceQuote q = quotes.get(g.name());
            ledger.requireUsable(g.name(), q);
            ledger.held.put(g.name(), q.perHour().multiply(BigDecimal.valueOf(g.size())));
            lines.add(g.name() + " " + g.size() + " × " + amount(q.perHour()) + " (" + q.place() + ")");
        }
        for (FailoverSubGroup f : failovers) {
            Optional<PriceQuote> cheapest = f.offers().stream().map(o -> PriceQuote.of(o.id(), o))
                    .filter(q -> q.known() && q.currency().equals(budget.currency()))
                    .min(java.util.Comparator.comparing(PriceQuote::perHour));
            if (cheapest.isEmpty()) {
                throw refused("no place of failover subgroup " + f.name() + " has a known price in " + budget.currency()
                        + ": the budget of " + budget + " cannot be kept");
            }
            ledger.held.put(f.name(), cheapest.get().perHour().multiply(BigDecimal.valueOf(f.size())));
            lines.add(f.name() + " " + f.size() + " × " + amount(cheapest.get().perHour()) + " (cheapest of "
                    + f.offers().size() + " place(s): " + cheapest.get().place() + ")");
        }
        BigDecimal total = ledger.total();
        if (total.compareTo(budget.perHour()) > 0) {
            throw refused("the estimate " + amount(total) + " " + budget.currency() + "/h (" + String.join(", ", lines)
                    + ") exceeds the budget of " + budget + "; nothing was made");
        }
        return ledger;
    }

    /**
     * Holds the cost of the place a failover subgroup tries next, if the budget allows it; else
     * returns why not (and holds what it held).
     */
    synchronized Optional<String> tryPlace(String subGroup, PriceQuote price, int size) {
        if (!price.known()) {
            return Optional.of("over budget: the price is unknown (" + price.unknownReason() + "), so the budget of " + budget
                    + " cannot be kept");
        }
        if (!price.currency().equals(budget.currency())) {
            return Optional.of("over budget: priced in " + price.currency() + ", the budget is in " + budget.currency());
        }
        BigDecimal cost = price.perHour().multiply(BigDecimal.valueOf(size));
        BigDecimal others = total().subtract(held.getOrDefault(subGroup, BigDecimal.ZERO));
        if (others.add(cost).compareTo(budget.perHour()) > 0) {
            return Optional.of("over budget: " + size + " × " + amount(price.perHour()) + " " + budget.currency()
                    + "/h here would make " + amount(others.add(cost)) + ", over the budget of " + budget);
        }
        held.put(subGroup, cost);
        return Optional.empty();
    }

    /**
     * Refuses a scale-out that would take the MCI over its budget: what its VMs cost at their
     * launch prices, plus {@code count} more at {@code price}.
     */
    static void checkScaleOut(Mci mci, SubGroupRequest group, int count, PriceQuote price) {
        Budget budget = mci.budget().orElseThrow();
        MciCost now = mci.cost();
        if (!now.unpriced().isEmpty()) {
            throw refused("VMs " + now.unpriced() + " of MCI " + mci.name() + " carry no launch price: the budget of " + budget
                    + " cannot be kept");
        }
        if (now.totals().stream().anyMatch(t -> !t.currency().equals(budget.currency()))) {
            throw refused("MCI " + mci.name() + " has VMs priced in another currency than its budget's (" + budget + ")");
        }
        new BudgetLedger(budget).requireUsable(group.name(), price);
        BigDecimal more = price.perHour().multiply(BigDecimal.valueOf(count));
        BigDecimal total = now.perHour(budget.currency()).add(more);
        if (total.compareTo(budget.perHour()) > 0) {
            throw refused("scaling " + group.name() + " out by " + count + " × " + amount(price.perHour()) + " ("
                    + price.place() + ") would make " + amount(total) + " " + budget.currency() + "/h (now "
                    + amount(now.perHour(budget.currency())) + "), over the budget of " + budget + "; nothing was made");
        }
    }

    private void requireUsable(String subGroup, PriceQuote q) {
        if (q == null || !q.known()) {
            throw refused("the price of subgroup " + subGroup + " is unknown (" + (q == null ? "not looked up" : q.unknownReason())
                    + "): the budget of " + budget + " cannot be kept");
        }
        if (!q.currency().equals(budget.currency())) {
            throw refused("subgroup " + subGroup + " is priced in " + q.currency() + ", the budget of " + budget
                    + " in " + budget.currency() + " (no conversion)");
        }
    }

    private BigDecimal total() {
        return held.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static InvalidRequestException refused(String message) {
        return new InvalidRequestException("budget", message);
    }

    private static String amount(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
