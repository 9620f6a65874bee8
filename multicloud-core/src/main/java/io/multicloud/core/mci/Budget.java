package io.multicloud.core.mci;

import io.multicloud.api.InvalidRequestException;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;

/**
 * A cap on what an MCI may cost per hour, in one currency: a creation or scale-out whose estimate
 * (the VMs there, at the price each was launched at, plus the new ones at the catalog's price now)
 * would exceed it is refused before any call that makes anything. Prices in another currency are
 * not converted: a VM priced in another currency, or without a known price, cannot be kept within
 * the cap and is refused too. Kept in the VMs' tags, so an MCI found again keeps its budget.
 *
 * @param perHour the most the MCI may cost per hour
 * @param currency its ISO code, such as {@code USD}
 */
public record Budget(BigDecimal perHour, String currency) {
    public Budget {
        Objects.requireNonNull(perHour, "perHour");
        if (perHour.signum() <= 0) {
            throw new InvalidRequestException("budget", "a budget per hour must be positive, not " + perHour.toPlainString());
        }
        if (currency == null || !currency.matches("[A-Za-z]{3}")) {
            throw new InvalidRequestException("budget", "a budget's currency is an ISO code such as USD, not '" + currency + "'");
        }
        currency = currency.toUpperCase(Locale.ROOT);
        perHour = perHour.stripTrailingZeros();
    }

    /** A cap per hour in US dollars (the catalog's usual currency). */
    public static Budget perHour(double usd) {
        if (!Double.isFinite(usd)) {
            throw new InvalidRequestException("budget", "a budget per hour must be a number, not " + usd);
        }
        return new Budget(BigDecimal.valueOf(usd), "USD");
    }

    @Override
    public String toString() {
        return perHour.toPlainString() + " " + currency + "/h";
    }
}
