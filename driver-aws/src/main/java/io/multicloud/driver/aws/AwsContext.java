package io.multicloud.driver.aws;

import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.InvalidRequestException;

/**
 * What every service class of one connection shares: the configuration, the SDK clients and
 * the error mapping.
 */
record AwsContext(ConnectionConfig config, AwsClients clients, AwsErrors errors) {

    /** The zone to place things in when a request names none, or null for AWS's choice. */
    String defaultZone() {
        return config.zone();
    }

    /**
     * The MaxResults of each page a listing asks for, or null for AWS's own page size (property
     * {@value AwsDriver#PAGE_SIZE}). Listings follow NextToken to the end either way.
     */
    Integer pageSize() {
        String value = config.property(AwsDriver.PAGE_SIZE).orElse(null);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= 1000) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InvalidRequestException(AwsDriver.PAGE_SIZE, "'" + value + "' is not a number 1..1000");
    }
}
