package io.multicloud.driver.alibaba;

import io.multicloud.api.Cloud;
import io.multicloud.core.MultiCloud;
import io.multicloud.driver.alibaba.fake.AlibabaFake;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.Map;

/**
 * A test against a fresh fake of Alibaba Cloud: the fake, a MultiCloud without the environment's
 * credentials, and a connection to the fake, closed after each test (closing the fake fails the
 * test when a request broke the API description).
 */
abstract class OnTheFake {
    protected AlibabaFake fake;
    protected MultiCloud mc;
    protected Cloud cloud;

    @BeforeEach
    void startTheFake() {
        fake = AlibabaFake.start();
        mc = MultiCloud.builder().environment(Map.of()).build();
        cloud = mc.connect(fake.config());
    }

    @AfterEach
    void stopTheFake() {
        try {
            mc.close();
        } finally {
            fake.close();
        }
    }
}
