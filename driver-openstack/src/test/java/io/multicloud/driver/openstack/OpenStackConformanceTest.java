package io.multicloud.driver.openstack;

import io.multicloud.api.Cloud;
import io.multicloud.core.MultiCloud;
import io.multicloud.testkit.ConformanceProfile;
import io.multicloud.testkit.DriverConformanceTest;
import java.time.Duration;
import java.util.Map;

/**
 * The driver conformance kit against the real local OpenStack, as its non-admin user. The
 * local OpenStack has no Cinder and no Octavia, so its catalog offers neither: the disk and
 * load-balancer tests skip here, saying so, and run against fakes in OpenStackDisksTest and
 * OpenStackLoadBalancersTest.
 */
@RequiresOpenStack
class OpenStackConformanceTest extends DriverConformanceTest {
    private MultiCloud multiCloud;

    @Override
    protected Cloud openCloud() {
        multiCloud = MultiCloud.builder().environment(Map.of()).build();
        return multiCloud.connect(LocalOpenStack.demo());
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
        // start.sh's image and smallest flavor; Nova's fake virt driver boots in seconds.
        return ConformanceProfile.defaults().image("cirros-fake").spec("m1.tiny").nodeGroupSpec("m1.tiny")
                .vmTimeout(Duration.ofMinutes(2)).resourceTimeout(Duration.ofMinutes(2));
    }
}
