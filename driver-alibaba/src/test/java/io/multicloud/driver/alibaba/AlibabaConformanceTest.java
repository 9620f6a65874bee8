package io.multicloud.driver.alibaba;

import io.multicloud.api.Cloud;
import io.multicloud.core.MultiCloud;
import io.multicloud.driver.alibaba.fake.AlibabaFake;
import io.multicloud.testkit.ConformanceProfile;
import io.multicloud.testkit.DriverConformanceTest;

import java.time.Duration;
import java.util.Map;

/**
 * The driver conformance kit against the Alibaba fake (built from Alibaba's OpenAPI metadata in
 * shared/cloud-specs/alibaba), one fresh fake per test, every declared capability.
 */
class AlibabaConformanceTest extends DriverConformanceTest {
    private AlibabaFake fake;
    private MultiCloud multiCloud;

    @Override
    protected Cloud openCloud() {
        fake = AlibabaFake.start();
        multiCloud = MultiCloud.builder().environment(Map.of()).build();
        return multiCloud.connect(fake.config());
    }

    @Override
    protected void closeCloud(Cloud connection) {
        try {
            connection.close();
            multiCloud.close();
        } finally {
            fake.close();
        }
    }

    @Override
    protected ConformanceProfile profile() {
        return ConformanceProfile.defaults().image("ubuntu-22.04").spec("ecs.g7.large").nodeGroupSpec("ecs.g7.large")
                .disk("cloud_essd", 20, 40).vmTimeout(Duration.ofSeconds(30)).resourceTimeout(Duration.ofSeconds(30));
    }
}
