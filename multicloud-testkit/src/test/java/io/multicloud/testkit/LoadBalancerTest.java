package io.multicloud.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.Cloud;
import io.multicloud.api.ConflictException;
import io.multicloud.api.HealthChecker;
import io.multicloud.api.Nlb;
import io.multicloud.api.NlbHealth;
import io.multicloud.api.NlbRequest;
import io.multicloud.api.Protocol;
import io.multicloud.api.VmStatus;
import io.multicloud.api.VpcRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Network load balancers: listener, VM group, health checker, health. */
@MockCloudTest
class LoadBalancerTest {

    @Test
    void aLoadBalancerListensAndSendsToItsVms(Cloud cloud) {
        Fixtures.runningVm(cloud, "web-1");
        Fixtures.runningVm(cloud, "web-2");
        HealthChecker checker = new HealthChecker(Protocol.TCP, 8080, Duration.ofSeconds(5), Duration.ofSeconds(2), 2);
        Nlb nlb = cloud.nlbs().create(NlbRequest.named("web").vpc("vpc-1").listener(Protocol.TCP, 80)
                .vmGroup(Protocol.TCP, 8080, "web-1", "web-2").healthChecker(checker).tag("tier", "front"));

        assertThat(nlb.listener().port()).isEqualTo(80);
        assertThat(nlb.listener().address()).isNotBlank();
        assertThat(nlb.vmGroup().port()).isEqualTo(8080);
        assertThat(nlb.vmGroup().vms()).containsExactly("web-1", "web-2");
        assertThat(nlb.healthChecker()).isEqualTo(checker);
        assertThat(nlb.tags()).containsEntry("tier", "front");
        assertThat(cloud.nlbs().health("web")).isEqualTo(new NlbHealth(List.of("web-1", "web-2"), List.of()));
    }

    @Test
    void vmsAreAddedAndRemovedAndASuspendedVmIsUnhealthy(Cloud cloud) {
        Fixtures.runningVm(cloud, "web-1");
        Fixtures.runningVm(cloud, "web-2");
        cloud.nlbs().create(NlbRequest.named("web").vpc("vpc-1").listener(Protocol.TCP, 80).vmGroup(Protocol.TCP, 8080, "web-1"));
        assertThat(cloud.nlbs().get("web").healthChecker()).isEqualTo(HealthChecker.of(Protocol.TCP, 8080));

        assertThat(cloud.nlbs().addVms("web", "web-2").vmGroup().vms()).containsExactly("web-1", "web-2");
        cloud.vms().suspend("web-2");
        cloud.vms().waitUntil("web-2", VmStatus.SUSPENDED, Fixtures.WAIT);
        NlbHealth health = cloud.nlbs().health("web");
        assertThat(health.healthy()).containsExactly("web-1");
        assertThat(health.unhealthy()).containsExactly("web-2");

        assertThat(cloud.nlbs().removeVms("web", "web-1").vmGroup().vms()).containsExactly("web-2");
        cloud.nlbs().delete("web");
        assertThat(cloud.nlbs().list()).isEmpty();
    }

    @Test
    void aVmOfAnotherVpcIsRefusedAndAVpcWithALoadBalancerStays(Cloud cloud) {
        Fixtures.runningVm(cloud, "web-1");
        cloud.vpcs().create(VpcRequest.named("vpc-2").cidr("10.1.0.0/16").subnet("sn-1b", "10.1.1.0/24"));
        cloud.nlbs().create(NlbRequest.named("other").vpc("vpc-2").listener(Protocol.UDP, 53).vmGroup(Protocol.UDP, 53));
        assertThatThrownBy(() -> cloud.nlbs().addVms("other", "web-1")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("vpc-1");
        assertThatThrownBy(() -> cloud.vpcs().delete("vpc-2")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("other");
    }
}
