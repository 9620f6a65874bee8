package io.multicloud.driver.gcp;

import io.multicloud.api.Cloud;
import io.multicloud.core.MultiCloud;
import io.multicloud.driver.gcp.fake.GcpFake;
import io.multicloud.testkit.ConformanceProfile;
import io.multicloud.testkit.DriverConformanceTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The driver conformance kit against the GCP fake (built from ../shared/cloud-specs/gcp/), for
 * every capability the driver declares. The fake checks each answer against Google's discovery
 * documents: a violation fails the run when it closes.
 */
class GcpConformanceTest extends DriverConformanceTest {
    private static GcpFake fake;
    private MultiCloud multiCloud;

    @BeforeAll
    static void startFake() {
        fake = GcpFake.start();
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    @Override
    protected Cloud openCloud() {
        multiCloud = MultiCloud.builder().environment(Map.of()).build();
        return multiCloud.connect(GcpFakeConnections.config(fake));
    }

    @Override
    protected void closeCloud(Cloud connection) {
        try {
            connection.close();
        } finally {
            multiCloud.close();
        }
    }

    @Override
    protected ConformanceProfile profile() {
        return ConformanceProfile.defaults().image("ubuntu-22.04").spec("e2-small").nodeGroupSpec("e2-medium")
                .disk("pd-balanced", 10, 20).vmTimeout(Duration.ofSeconds(30)).resourceTimeout(Duration.ofSeconds(30));
    }
}
