package io.multicloud.driver.tencent;

import io.multicloud.api.Cloud;
import io.multicloud.core.MultiCloud;
import io.multicloud.driver.tencent.fake.TencentFake;
import io.multicloud.testkit.ConformanceProfile;
import io.multicloud.testkit.DriverConformanceTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The driver conformance kit against the Tencent fake (built from ../shared/cloud-specs/tencent/),
 * for every capability the driver declares; every answer the fake gave is checked against
 * Tencent's API metadata when the fake closes.
 */
class TencentConformanceTest extends DriverConformanceTest {
    private static TencentFake fake;
    private MultiCloud multiCloud;

    @BeforeAll
    static void startFake() {
        fake = TencentFake.start();
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    @Override
    protected Cloud openCloud() {
        fake.server().assertNoViolations();
        multiCloud = MultiCloud.builder().environment(Map.of()).build();
        return multiCloud.connect(fake.config("ap-guangzhou"));
    }

    @Override
    protected void closeCloud(Cloud connection) {
        try {
            connection.close();
        } finally {
            multiCloud.close();
            fake.server().assertNoViolations();
        }
    }

    @Override
    protected ConformanceProfile profile() {
        return ConformanceProfile.defaults().image("ubuntu-22.04").spec("S5.MEDIUM4").nodeGroupSpec("S5.MEDIUM4")
                .vmTimeout(Duration.ofSeconds(30)).resourceTimeout(Duration.ofSeconds(30));
    }
}
