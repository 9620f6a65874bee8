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
}
