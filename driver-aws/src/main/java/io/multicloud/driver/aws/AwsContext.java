package io.multicloud.driver.aws;

import io.multicloud.api.ConnectionConfig;

/**
 * What every service class of one connection shares: the configuration, the SDK clients and
 * the error mapping.
 */
record AwsContext(ConnectionConfig config, AwsClients clients, AwsErrors errors) {

    /** The zone to place things in when a request names none, or null for AWS's choice. */
    String defaultZone() {
        return config.zone();
    }
}
