package io.multicloud.driver.gcp;

import io.multicloud.api.ConnectionConfig;
import io.multicloud.driver.gcp.fake.GcpFake;

/** Connection settings that point the driver at a {@link GcpFake}. */
public final class GcpFakeConnections {
    public static final String REGION = "us-central1";
    public static final String ZONE = "us-central1-a";

    private GcpFakeConnections() {
    }

    /** The connection line of the tests: region, zone, and the fake as every endpoint, without credentials. */
    public static ConnectionConfig config(GcpFake fake) {
        return ConnectionConfig.of("gcp", REGION).zone(ZONE).property(GcpDriver.PROJECT, GcpFake.PROJECT)
                .property(GcpDriver.ENDPOINT, fake.url()).property(GcpDriver.CREDENTIALS, "none").property(GcpDriver.POLL_MS, "5");
    }
}
