package io.multicloud.driver.openstack;

import java.util.Set;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.spi.Driver;
import io.multicloud.spi.DriverConnection;

/**
 * The OpenStack driver ({@code openstack}), on openstack4j. This class loads no SDK class: the
 * SDK is touched only when a connection opens.
 *
 * <p>Credential keys follow OpenStack's own names, and each falls back on its {@code OS_*}
 * environment variable (the key upper-cased, prefixed {@code OS_}): {@code auth_url},
 * {@code username}, {@code password}, {@code project_name}, {@code user_domain_name},
 * {@code project_domain_name}, or {@code application_credential_id} with
 * {@code application_credential_secret}. The region is the connection's region (Keystone's
 * region id, e.g. {@code RegionOne}). Properties: {@code interface} (public, internal or admin
 * endpoints; default public), {@code token_renew_before_s} (renew the Keystone token this many
 * seconds before it expires; default 300), {@code timeout_s} (connect and read timeout of each
 * HTTP call; default 60), {@code page_size} (the {@code limit} of each page a listing asks Nova,
 * Neutron and Cinder for; default 1000, their usual {@code max_limit}. Listings follow the
 * markers to the end whatever it is: a smaller value only makes more, smaller pages, as tests do).
 */
public final class OpenStackDriver implements Driver {
    /** This driver's name. */
    public static final String NAME = "openstack";

    @Override
    public Set<String> credentialKeys() {
        return Set.of(OpenStackCredentials.AUTH_URL, OpenStackCredentials.USERNAME, OpenStackCredentials.PASSWORD,
                OpenStackCredentials.PROJECT_NAME, OpenStackCredentials.USER_DOMAIN_NAME, OpenStackCredentials.PROJECT_DOMAIN_NAME,
                OpenStackCredentials.APPLICATION_CREDENTIAL_ID, OpenStackCredentials.APPLICATION_CREDENTIAL_SECRET);
    }

    @Override
    public Set<String> propertyKeys() {
        return Set.of(OpenStackVms.FLOATING_NETWORK, OpenStackContext.PAGE_SIZE, "location", "interface", "timeout_s", "token_renew_before_s", OpenStackLoadBalancers.TIMEOUT_PROPERTY);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DriverConnection connect(ConnectionConfig config) {
        return new OpenStackConnection(config, System.getenv());
    }
}
