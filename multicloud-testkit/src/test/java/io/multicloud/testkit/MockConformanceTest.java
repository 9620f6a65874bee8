package io.multicloud.testkit;

import io.multicloud.api.Cloud;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.core.MultiCloud;
import java.util.UUID;

/** The mock cloud passes the whole conformance kit, each test on an account of its own. */
class MockConformanceTest extends DriverConformanceTest {
    private final MultiCloud multiCloud = MultiCloud.create();

    @Override
    protected Cloud openCloud() {
        return multiCloud.connect(ConnectionConfig.of("mock", "mars")
                .credential("account", "conformance-" + UUID.randomUUID())
                .property("transition_ms", "10"));
    }

    @Override
    protected void closeCloud(Cloud cloud) {
        multiCloud.close();
    }
}
