package io.multicloud.core.mci;

import io.multicloud.core.catalog.PriceQuote;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What an MCI's VMs cost per hour, from the price each VM was launched at (its
 * {@code multicloud:price} tag), one total per currency: the record of what was bought, which a
 * later change of the catalog does not rewrite.
 *
 * @param totals one total per currency, ordered by currency code
 * @param unpriced the VMs made without a known price (not in any total)
 */
public record MciCost(List<CostTotal> totals, List<String> unpriced) {
    public MciCost {
        totals = List.copyOf(totals);
        unpriced = List.copyOf(unpriced);
    }

    /** The cost of these VMs at their launch prices. */
    static MciCost of(List<MciVm> vms) {
        Map<String, BigDecimal> perHour = new TreeMap<>();
        Map<String, Integer> count = new TreeMap<>();
        Map<String, LinkedHashSet<String>> groups = new TreeMap<>();
        List<String> unpriced = new ArrayList<>();
        for (MciVm vm : vms) {
            Optional<PriceQuote> price = vm.launchPrice();
            if (price.isEmpty()) {
                unpriced.add(vm.name());
                continue;
            }
            String currency = price.get().currency();
            perHour.merge(currency, price.get().perHour(), BigDecimal::add);
            count.merge(currency, 1, Integer::sum);
            groups.computeIfAbsent(currency, c -> new LinkedHashSet<>()).add(vm.subGroup());
        }
        List<CostTotal> totals = new ArrayList<>();
        perHour.forEach((currency, sum) -> totals.add(new CostTotal(currency, sum, count.get(currency),
                List.copyOf(groups.get(currency)))));
        return new MciCost(totals, unpriced);
    }

    /** The hourly total in one currency (zero when no VM is priced in it). */
    public BigDecimal perHour(String currency) {
        return total(currency).map(CostTotal::perHour).orElse(BigDecimal.ZERO);
    }

    /** The total in one currency, if any VM is priced in it. */
    public Optional<CostTotal> total(String currency) {
        return totals.stream().filter(t -> t.currency().equals(currency)).findFirst();
    }

    /** Whether every VM has a recorded price. */
    public boolean complete() {
        return unpriced.isEmpty();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("MciCost[");
        for (int i = 0; i < totals.size(); i++) {
            CostTotal t = totals.get(i);
            b.append(i == 0 ? "" : ", ").append(t.perHour().stripTrailingZeros().toPlainString()).append(' ')
                    .append(t.currency()).append("/h over ").append(t.vms()).append(" VM(s)");
        }
        if (totals.isEmpty()) {
            b.append("nothing priced");
        }
        if (!unpriced.isEmpty()) {
            b.append("; no launch price: ").append(unpriced);
        }
        return b.append(']').toString();
    }
}
