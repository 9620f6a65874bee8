package io.multicloud.driver.openstack;

import io.multicloud.api.ConnectionConfig;
import java.util.Map;
import java.util.Optional;

/**
 * The real OpenStack on 127.0.0.1 that {@code ../shared/openstack/start.sh} starts, found
 * through the standard {@code OS_*} variables ({@code source /tmp/local-openstack/bin/adminrc}).
 * Tests work as its non-admin user {@code demo} (password {@code secret}, project {@code demo},
 * as start.sh creates them); admin is for what a test must arrange behind the user's back.
 */
final class LocalOpenStack {
    /** The non-admin user start.sh creates. */
    static final String DEMO_USER = "demo";
    static final String DEMO_PASSWORD = "secret";
    static final String DEMO_PROJECT = "demo";

    private LocalOpenStack() {
    }

    /** Why the local OpenStack cannot be used, or empty when its variables are set. */
    static Optional<String> whyUnavailable() {
        String url = System.getenv("OS_AUTH_URL");
        if (url == null || url.isBlank()) {
            return Optional.of("no OpenStack to test against: OS_AUTH_URL is not set. Start the local OpenStack with"
                    + " `sudo ../shared/openstack/start.sh` (about 5 minutes) and `source /tmp/local-openstack/bin/adminrc`"
                    + " before the tests; .ci/run does both");
        }
        return Optional.empty();
    }

    /** The region of the local OpenStack. */
    static String region() {
        return Optional.ofNullable(System.getenv("OS_REGION_NAME")).orElse("RegionOne");
    }

    /** A connection as the demo user; everything else from the {@code OS_*} variables. */
    static ConnectionConfig demo() {
        return ConnectionConfig.of(OpenStackDriver.NAME, region()).named("local-openstack")
                .credential(OpenStackCredentials.USERNAME, DEMO_USER)
                .credential(OpenStackCredentials.PASSWORD, DEMO_PASSWORD)
                .credential(OpenStackCredentials.PROJECT_NAME, DEMO_PROJECT);
    }

    /** A connection as whoever the {@code OS_*} variables name (admin, with adminrc). */
    static ConnectionConfig fromEnvironment() {
        return ConnectionConfig.of(OpenStackDriver.NAME, region()).named("local-openstack-admin");
    }

    /** The {@code OS_*} variables, for code that takes an environment. */
    static Map<String, String> environment() {
        return System.getenv();
    }
}
