package io.multicloud.core.mci;

import io.multicloud.api.Capability;
import io.multicloud.api.Cloud;
import io.multicloud.api.Price;
import java.math.BigDecimal;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds the catalog price of one subgroup's spec; every failure becomes an unknown cost with its reason. */
final class CostLookup {
    private static final Logger LOG = LoggerFactory.getLogger(CostLookup.class);

    private CostLookup() {
    }

    /** The subgroup's cost: priced from its connection's catalog, or unknown with the reason. Never throws. */
    static CostEstimate.SubGroupCost price(SubGroupRequest sg) {
        Cloud cloud = sg.cloud();
        String region = cloud.config().region();
        try {
            if (!cloud.capabilities().supports(Capability.PRICES)) {
                return unknown(sg, region, "driver '" + cloud.config().driver() + "' offers no prices");
            }
            Optional<Price> found = cloud.prices().find(sg.spec());
            if (found.isEmpty()) {
                return unknown(sg, region, "no price for spec '" + sg.spec() + "' in region " + region);
            }
            Price price = found.get();
            // NaN, infinite or negative prices would poison every sum: treat them as unknown.
            if (!Double.isFinite(price.costPerHour()) || price.costPerHour() < 0) {
                return unknown(sg, region, "the catalog's price " + price.costPerHour() + " is not a usable number");
            }
            if (price.currency() == null || price.currency().isBlank()) {
                return unknown(sg, region, "the catalog's price has no currency");
            }
            // valueOf(double) keeps the catalog's decimal text (0.052, not 0.05199999...), so sums stay exact.
            return new CostEstimate.SubGroupCost(sg.name(), sg.connection(), region, sg.spec(), sg.size(),
                    BigDecimal.valueOf(price.costPerHour()), price.currency(), null);
        } catch (RuntimeException e) {
            LOG.debug("price of subgroup {} on {} could not be read", sg.name(), sg.connection(), e);
            return unknown(sg, region, "the price lookup failed: " + e.getMessage());
        }
    }

    private static CostEstimate.SubGroupCost unknown(SubGroupRequest sg, String region, String reason) {
        return new CostEstimate.SubGroupCost(sg.name(), sg.connection(), region, sg.spec(), sg.size(), null, null, reason);
    }
}
