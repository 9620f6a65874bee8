package io.multicloud.api;

/**
 * The on-demand price of a spec in a region (Linux, per hour).
 *
 * @param spec the spec name
 * @param region the region
 * @param costPerHour price per hour
 * @param currency ISO currency code, such as {@code USD}
 */
public record Price(String spec, String region, double costPerHour, String currency) implements Named {
    /** A price is found by its spec name. */
    @Override
    public String name() {
        return spec;
    }
}
