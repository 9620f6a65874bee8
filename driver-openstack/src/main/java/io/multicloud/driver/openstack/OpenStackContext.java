package io.multicloud.driver.openstack;

import io.multicloud.api.ConnectionConfig;
import org.openstack4j.api.OSClient.OSClientV3;

/**
 * What every service class of one connection shares: the configuration, the Keystone session
 * and the error mapping.
 *
 * @param config the connection's configuration
 * @param session the Keystone login
 * @param errors the error mapping
 */
record OpenStackContext(ConnectionConfig config, KeystoneSession session, OpenStackErrors errors) {

    /** An openstack4j client bound to the calling thread (see {@link KeystoneSession}). */
    OSClientV3 client() {
        return session.client();
    }

    /** The id of the project this connection works in: listings keep to it. */
    String projectId() {
        return session.token().getProject().getId();
    }

    /** The zone to place things in when a request names none, or null for OpenStack's choice. */
    String defaultZone() {
        return config.zone();
    }

    /** Property: the {@code limit} of each page a listing asks for. */
    static final String PAGE_SIZE = "page_size";

    /** The {@code limit} of each page a listing asks for (property {@value #PAGE_SIZE}, default 1000). */
    int pageSize() {
        String value = config.property(PAGE_SIZE).orElse("1000");
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new io.multicloud.api.InvalidRequestException(PAGE_SIZE, "'" + value + "' is not a positive number");
    }
}
