package io.multicloud.core.mci;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the priced subgroups of an estimate cost together, in one currency. Prices in different
 * currencies are never added up: an estimate holds one total per currency.
 *
 * @param currency the ISO currency code, such as {@code USD}
 * @param perHour the sum of the subgroups' hourly costs in this currency
 * @param vms how many VMs this total covers
 * @param subGroups the names of the subgroups it covers, in request order
 */
public record CostTotal(String currency, BigDecimal perHour, int vms, List<String> subGroups) {

    public CostTotal {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(perHour, "perHour");
        subGroups = List.copyOf(subGroups);
    }

    /** The cost of {@value CostEstimate#HOURS_PER_DAY} hours. */
    public BigDecimal perDay() {
        return perHour.multiply(BigDecimal.valueOf(CostEstimate.HOURS_PER_DAY));
    }

    /** The cost of {@value CostEstimate#HOURS_PER_MONTH} hours (see {@link CostEstimate#HOURS_PER_MONTH}). */
    public BigDecimal perMonth() {
        return perHour.multiply(BigDecimal.valueOf(CostEstimate.HOURS_PER_MONTH));
    }

    /** One total per currency over the priced subgroups, ordered by currency code; unpriced ones are left out. */
    static List<CostTotal> of(List<CostEstimate.SubGroupCost> costs) {
        Map<String, CostTotal> byCurrency = new TreeMap<>();
        for (CostEstimate.SubGroupCost cost : costs) {
            if (!cost.known()) {
                continue;
            }
            BigDecimal hourly = cost.perHour().orElseThrow();
            byCurrency.merge(cost.currency(), new CostTotal(cost.currency(), hourly, cost.size(), List.of(cost.subGroup())),
                    CostTotal::plus);
        }
        return List.copyOf(byCurrency.values());
    }

    private CostTotal plus(CostTotal other) {
        List<String> names = new ArrayList<>(subGroups);
        names.addAll(other.subGroups);
        return new CostTotal(currency, perHour.add(other.perHour), vms + other.vms, names);
    }
}
