package io.multicloud.driver.openstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.multicloud.api.Capability;
import io.multicloud.api.Cloud;
import io.multicloud.core.MultiCloud;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fake's Keystone logs the driver in, and its catalog decides what the connection offers. */
class FakeOpenStackSmokeTest {

    @Test
    void aCatalogWithoutCinderOrOctaviaOffersNeitherDisksNorLoadBalancers() {
        try (FakeOpenStack fake = FakeOpenStack.start();
             MultiCloud multiCloud = MultiCloud.builder().environment(Map.of()).build()) {
            Cloud cloud = multiCloud.connect(fake.config());
            assertThat(cloud.capabilities().supports(Capability.DISKS)).isFalse();
            assertThat(cloud.capabilities().supports(Capability.NLBS)).isFalse();
            assertThat(cloud.capabilities().supports(Capability.PRICES)).isFalse();
            assertThat(fake.requests()).containsExactly("POST /identity/v3/auth/tokens");
        }
    }

    @Test
    void aCatalogWithCinderAndOctaviaOffersDisksAndLoadBalancers() {
        try (FakeOpenStack fake = FakeOpenStack.start()
                .serve("volumev3", "volume", "/volume/v3/" + FakeOpenStack.PROJECT_ID, r -> FakeOpenStack.Response.status(404))
                .serve("load-balancer", "load-balancer", "/load-balancer", r -> FakeOpenStack.Response.status(404));
             MultiCloud multiCloud = MultiCloud.builder().environment(Map.of()).build()) {
            Cloud cloud = multiCloud.connect(fake.config());
            assertThat(cloud.capabilities().supports(Capability.DISKS)).isTrue();
            assertThat(cloud.capabilities().supports(Capability.DISK_RESIZE)).isTrue();
            assertThat(cloud.capabilities().supports(Capability.NLBS)).isTrue();
        }
    }
}
