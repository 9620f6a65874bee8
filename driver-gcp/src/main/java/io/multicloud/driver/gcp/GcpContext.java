package io.multicloud.driver.gcp;

import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.ErrorContext;
import io.multicloud.api.ResourceKind;

/**
 * What every service class of one connection shares: the configuration, the project, the
 * SDK clients, the error mapping and the operation waiter.
 */
record GcpContext(ConnectionConfig config, GcpClients clients, GcpErrors errors, GcpOperations operations) {

    String project() {
        return clients.project();
    }

    String region() {
        return config.region();
    }

    /** The zone things go in when a request names none: the configured one, else the region's {@code -a}. */
    String zone() {
        return config.zoneIfSet().orElse(config.region() + "-a");
    }

    ErrorContext error(ResourceKind kind, String name) {
        return ErrorContext.of(config.name(), kind, name);
    }

    /** A partial URL of a global resource: {@code projects/P/global/<collection>/<name>}. */
    String global(String collection, String name) {
        return "projects/" + project() + "/global/" + collection + "/" + name;
    }

    /** A partial URL of a regional resource. */
    String regional(String region, String collection, String name) {
        return "projects/" + project() + "/regions/" + region + "/" + collection + "/" + name;
    }

    /** A partial URL of a zonal resource. */
    String zonal(String zone, String collection, String name) {
        return "projects/" + project() + "/zones/" + zone + "/" + collection + "/" + name;
    }

    /** The last segment of a resource URL (its name), or null. */
    static String last(String url) {
        return url == null || url.isEmpty() ? null : url.substring(url.lastIndexOf('/') + 1);
    }
}
