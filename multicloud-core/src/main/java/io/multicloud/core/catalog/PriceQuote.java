package io.multicloud.core.catalog;

import io.multicloud.api.Capability;
import io.multicloud.api.Cloud;
import io.multicloud.api.Price;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The hourly price of one spec at one place, and where it came from: what a cost estimate, a
 * budget check and the price a VM is launched at (recorded on the VM) are made of. Either known
 * ({@link #perHour} and {@link #currency} set) or unknown, with the reason; an unknown price is
 * never 0. Get one from {@link CloudCatalog#quote(Cloud, String)} (the connection's live catalog,
 * else the snapshot), or {@link #live(Cloud, String)} (one price read of the connection, no catalog).
 *
 * @param place where: {@code provider+region+spec[+zone]}
 * @param perHour the on-demand price of one VM per hour, or null when unknown (exact: the catalog's decimal text)
 * @param currency its ISO code, or null when unknown
 * @param source live (a driver's answer) or snapshot, null when unknown
 * @param asOf when the price was true (load time of a live answer, data date of the snapshot), null when unknown
 * @param origin which connection or data set said so ({@code live:mock/mars}, {@code snapshot:aws_gpu.csv})
 * @param unknownReason why the price is unknown, or null when it is known
 */
public record PriceQuote(OfferId place, BigDecimal perHour, String currency, Source source, Instant asOf, String origin,
                         String unknownReason) {

    public PriceQuote {
        Objects.requireNonNull(place, "place");
        if ((perHour == null) == (unknownReason == null)) {
            throw new IllegalArgumentException("a price quote has either a price or a reason why it is unknown");
        }
        if (perHour != null && (currency == null || currency.isBlank())) {
            throw new IllegalArgumentException("a known price has a currency");
        }
        origin = origin == null ? "" : origin;
    }

    /** The offer's on-demand price at a place; unknown when the offer has none usable. */
    public static PriceQuote of(OfferId place, Offer offer) {
        double cost = offer.costPerHour();
        if (!Double.isFinite(cost) || cost < 0) {
            return unknown(place, offer.source() + " offer " + offer.id() + " has no on-demand price");
        }
        return new PriceQuote(place, BigDecimal.valueOf(cost), offer.currency(), offer.source(), offer.asOf(), offer.origin(),
                null);
    }

    /** An unknown price, with the reason. */
    public static PriceQuote unknown(OfferId place, String reason) {
        return new PriceQuote(place, null, null, null, null, "", reason);
    }

    /**
     * The price one read of the connection gives ({@code prices().find(spec)}), without a catalog.
     * Never throws for the cloud's failure: the quote is unknown with the reason.
     */
    public static PriceQuote live(Cloud cloud, String spec) {
        OfferId place = new OfferId(cloud.config().driver(), cloud.config().region(), spec, cloud.config().zone());
        try {
            if (!cloud.capabilities().supports(Capability.PRICES)) {
                return unknown(place, "driver '" + cloud.config().driver() + "' offers no prices");
            }
            Optional<Price> found = cloud.prices().find(spec);
            if (found.isEmpty()) {
                return unknown(place, "no price for spec '" + spec + "' in region " + cloud.config().region());
            }
            Price price = found.get();
            // NaN, infinite or negative prices would poison every sum: they are unknown.
            if (!Double.isFinite(price.costPerHour()) || price.costPerHour() < 0) {
                return unknown(place, "the catalog's price " + price.costPerHour() + " is not a usable number");
            }
            if (price.currency() == null || price.currency().isBlank()) {
                return unknown(place, "the catalog's price has no currency");
            }
            // valueOf(double) keeps the catalog's decimal text (0.052, not 0.05199999...), so sums stay exact.
            return new PriceQuote(place, BigDecimal.valueOf(price.costPerHour()), price.currency(), Source.LIVE, Instant.now(),
                    "live:" + cloud.config().name(), null);
        } catch (RuntimeException e) {
            String message = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
            return unknown(place, "the price lookup failed: " + message);
        }
    }

    /** Whether the price is known. */
    public boolean known() {
        return perHour != null;
    }

    /** The price of {@code count} VMs per hour; empty when unknown. */
    public Optional<BigDecimal> times(int count) {
        return Optional.ofNullable(perHour).map(p -> p.multiply(BigDecimal.valueOf(count)));
    }

    /** {@code 0.052 USD/h (live live:mock/mars)}, or {@code unknown (why)}. */
    @Override
    public String toString() {
        if (!known()) {
            return place + ": price unknown (" + unknownReason + ")";
        }
        return place + ": " + perHour.stripTrailingZeros().toPlainString() + " " + currency + "/h ("
                + source.name().toLowerCase(Locale.ROOT) + (origin.isEmpty() ? "" : " " + origin) + ")";
    }
}
