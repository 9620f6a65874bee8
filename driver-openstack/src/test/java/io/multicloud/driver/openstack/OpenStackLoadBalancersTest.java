package io.multicloud.driver.openstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.Cloud;
import io.multicloud.api.HealthChecker;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.Nlb;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.NlbHealth;
import io.multicloud.api.NlbRequest;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.Protocol;
import io.multicloud.core.MultiCloud;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Load balancers through the fluent API, openstack4j and HTTP against {@link FakeOctavia}, with a
 * VPC {@code vpc-1} (subnet 10.0.1.0/24) and three servers in it. The fake refuses any change
 * while a load balancer is PENDING_*, so every passing create also shows that the driver waits
 * for ACTIVE between Octavia calls.
 */
class OpenStackLoadBalancersTest {
    private static final String LB_PATH = "/load-balancer/v2.0/lbaas/";

    private FakeOctaviaNetwork network;
    private FakeOctavia octavia;
    private FakeOpenStack fake;
    private MultiCloud multiCloud;
    private Cloud cloud;

    @BeforeEach
    void start() {
        network = new FakeOctaviaNetwork();
        network.network("vpc-1", "sn-1", "10.0.1.0/24");
        network.server("vm-1", "vpc-1", "10.0.1.11");
        network.server("vm-2", "vpc-1", "10.0.1.12");
        network.server("vm-3", "vpc-1", "10.0.1.13");
        network.network("vpc-2", "sn-2", "10.0.2.0/24");
        network.server("elsewhere", "vpc-2", "10.0.2.11");
        octavia = new FakeOctavia(network, Duration.ofMillis(20));
        fake = FakeOpenStack.start()
                .serve("load-balancer", "load-balancer", "/load-balancer", octavia::handle)
                .serve("network", "network", "/network", network::neutron)
                .serve("compute", "compute", "/compute/v2.1", network::nova);
        multiCloud = MultiCloud.builder().environment(Map.of()).build();
        cloud = multiCloud.connect(fake.config());
    }

    @AfterEach
    void stop() {
        multiCloud.close();
        fake.close();
    }

    private static NlbRequest web(String... vms) {
        return NlbRequest.named("web").vpc("vpc-1").listener(Protocol.TCP, 80).vmGroup(Protocol.TCP, 8080, vms);
    }

    @Test
    void createPutsTheVmsBehindTheVipAndFindsTheLoadBalancerBack() {
        Nlb nlb = cloud.nlbs().create(web("vm-1", "vm-2").tag("env", "test"));

        assertThat(nlb.name()).isEqualTo("web");
        assertThat(nlb.vpc()).isEqualTo("vpc-1");
        assertThat(nlb.listener().protocol()).isEqualTo(Protocol.TCP);
        assertThat(nlb.listener().port()).isEqualTo(80);
        assertThat(nlb.listener().address()).isEqualTo("10.0.1.100");
        assertThat(nlb.vmGroup().protocol()).isEqualTo(Protocol.TCP);
        assertThat(nlb.vmGroup().port()).isEqualTo(8080);
        assertThat(nlb.vmGroup().vms()).containsExactlyInAnyOrder("vm-1", "vm-2");
        assertThat(nlb.healthChecker()).isEqualTo(HealthChecker.of(Protocol.TCP, 8080));
        assertThat(nlb.tags()).isEqualTo(Map.of("env", "test", "multicloud:managed", "true"));
        assertThat(octavia.memberRows()).containsExactlyInAnyOrder("vm-1@10.0.1.11:8080", "vm-2@10.0.1.12:8080");
        JsonNode monitor = octavia.healthMonitors().getFirst();
        assertThat(monitor.get("type").asText()).isEqualTo("TCP");
        assertThat(monitor.get("delay").asInt()).isEqualTo(10);
        assertThat(monitor.get("timeout").asInt()).isEqualTo(5);
        assertThat(monitor.get("max_retries").asInt()).isEqualTo(3);

        assertThat(cloud.nlbs().get("web")).isEqualTo(nlb);
        assertThat(cloud.nlbs().list()).containsExactly(nlb);
        assertThat(cloud.nlbs().find("api")).isEmpty();
    }

    @Test
    void aUdpLoadBalancerIsCheckedWithUdpConnectAndKeepsItsSettings() {
        HealthChecker checker = new HealthChecker(Protocol.UDP, 5353, Duration.ofSeconds(4), Duration.ofSeconds(9), 2);
        Nlb nlb = cloud.nlbs().create(NlbRequest.named("dns").vpc("vpc-1").listener(Protocol.UDP, 53)
                .vmGroup(Protocol.UDP, 5300, "vm-3").healthChecker(checker));

        assertThat(nlb.listener().protocol()).isEqualTo(Protocol.UDP);
        assertThat(nlb.vmGroup()).isEqualTo(new io.multicloud.api.VmGroup(Protocol.UDP, 5300, List.of("vm-3")));
        // Octavia wants the timeout no longer than the delay: 9 s is cut to 4 s.
        assertThat(nlb.healthChecker()).isEqualTo(
                new HealthChecker(Protocol.UDP, 5353, Duration.ofSeconds(4), Duration.ofSeconds(4), 2));
        assertThat(octavia.healthMonitors().getFirst().get("type").asText()).isEqualTo("UDP-CONNECT");
        assertThat(nlb.tags()).as("the library's mark only").containsOnlyKeys("multicloud:managed");
    }

    @Test
    void aTakenNameIsAlreadyExistsAndNothingIsSent() {
        cloud.nlbs().create(web("vm-1"));
        int before = fake.requests().size();

        assertThatThrownBy(() -> cloud.nlbs().create(web("vm-2"))).isInstanceOf(AlreadyExistsException.class);

        List<String> after = fake.requests().subList(before, fake.requests().size());
        assertThat(after).noneMatch(r -> r.startsWith("POST ") || r.startsWith("PUT ") || r.startsWith("DELETE "));
        assertThat(octavia.loadBalancerNames()).containsExactly("web");
    }

    @Test
    void vmsCanBeAddedAndRemoved() {
        cloud.nlbs().create(web("vm-1"));

        Nlb grown = cloud.nlbs().addVms("web", "vm-2", "vm-3");
        assertThat(grown.vmGroup().vms()).containsExactlyInAnyOrder("vm-1", "vm-2", "vm-3");
        assertThat(octavia.memberRows()).contains("vm-3@10.0.1.13:8080");

        Nlb shrunk = cloud.nlbs().removeVms("web", "vm-1");
        assertThat(shrunk.vmGroup().vms()).containsExactlyInAnyOrder("vm-2", "vm-3");
        assertThat(octavia.memberRows()).containsExactlyInAnyOrder("vm-2@10.0.1.12:8080", "vm-3@10.0.1.13:8080");

        assertThatThrownBy(() -> cloud.nlbs().removeVms("web", "vm-1")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("vm-1");
        assertThatThrownBy(() -> cloud.nlbs().addVms("web", "ghost")).isInstanceOf(NotFoundException.class);
        assertThat(octavia.memberRows()).hasSize(2);
    }

    @Test
    void healthFollowsTheMembersOperatingStatus() {
        cloud.nlbs().create(web("vm-1", "vm-2", "vm-3"));
        octavia.setMemberStatus("10.0.1.12", "ERROR");
        octavia.setMemberStatus("10.0.1.13", "NO_MONITOR");

        NlbHealth health = cloud.nlbs().health("web");

        assertThat(health.healthy()).containsExactly("vm-1");
        assertThat(health.unhealthy()).containsExactlyInAnyOrder("vm-2", "vm-3");
    }

    @Test
    void deleteCascadesAndTheLoadBalancerIsGone() {
        Nlb nlb = cloud.nlbs().create(web("vm-1", "vm-2"));

        cloud.nlbs().delete("web");

        assertThat(cloud.nlbs().find("web")).isEmpty();
        assertThat(octavia.loadBalancerNames()).isEmpty();
        assertThat(octavia.memberRows()).isEmpty();
        assertThat(fake.requests()).contains("DELETE " + LB_PATH + "loadbalancers/" + nlb.id());
        assertThatThrownBy(() -> cloud.nlbs().delete("web")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> cloud.nlbs().health("web")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void anUnknownVpcOrVmIsNotFoundAndNothingIsCreated() {
        assertThatThrownBy(() -> cloud.nlbs().create(web("vm-1").vpc("no-such-vpc")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("no-such-vpc");
        assertThatThrownBy(() -> cloud.nlbs().create(web("vm-1", "ghost")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("ghost");

        assertThat(fake.requests()).noneMatch(r -> r.startsWith("POST /load-balancer"));
        assertThat(octavia.loadBalancerNames()).isEmpty();
    }

    @Test
    void aVmOutsideTheVpcIsRefusedBeforeAnythingIsCreated() {
        assertThatThrownBy(() -> cloud.nlbs().create(web("vm-1", "elsewhere")))
                .isInstanceOf(io.multicloud.api.ConflictException.class).hasMessageContaining("elsewhere");
        assertThat(fake.requests()).noneMatch(r -> r.startsWith("POST /load-balancer"));
    }

    @Test
    void aMemberRefusedMidwayLeavesNoLoadBalancerBehind() {
        octavia.refuseMember("10.0.1.12", "Validation failure: Subnet subnet-sn-1 has no port for 10.0.1.12.");

        assertThatThrownBy(() -> cloud.nlbs().create(web("vm-1", "vm-2")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("10.0.1.12");

        assertThat(fake.requests()).anyMatch(r -> r.startsWith("POST " + LB_PATH + "pools/") && r.endsWith("/members"));
        assertThat(fake.requests()).anyMatch(r -> r.startsWith("DELETE " + LB_PATH + "loadbalancers/"));
        assertThat(octavia.loadBalancerNames()).isEmpty();
        assertThat(octavia.memberRows()).isEmpty();
        assertThat(cloud.nlbs().list()).isEmpty();
        // The cascade delete was waited out: the name is free again at once.
        assertThat(cloud.nlbs().create(web("vm-1")).vmGroup().vms()).containsExactly("vm-1");
    }

    @Test
    void aLoadBalancerThatEndsInErrorIsAConflictAndIsDeleted() {
        octavia.failNextChange();

        assertThatThrownBy(() -> cloud.nlbs().create(web("vm-1"))).isInstanceOf(io.multicloud.api.ConflictException.class)
                .hasMessageContaining("ERROR");

        assertThat(fake.requests()).anyMatch(r -> r.startsWith("DELETE " + LB_PATH + "loadbalancers/"));
        assertThat(octavia.loadBalancerNames()).isEmpty();
    }

    @Test
    void tagsAreChangedAndFoundThroughTheTagServiceWithTheManagedMarkerAmongThem() {
        cloud.nlbs().create(web("vm-1").tag("env", "test").tag("team", "a"));

        cloud.tags().add(ResourceKind.NLB, "web", Map.of("env", "prod", "owner", "me"));
        cloud.tags().remove(ResourceKind.NLB, "web", "team");

        assertThat(cloud.tags().list(ResourceKind.NLB, "web")).isEqualTo(Map.of("env", "prod", "owner", "me", "multicloud:managed", "true"));
        assertThat(cloud.nlbs().get("web").tags()).isEqualTo(Map.of("env", "prod", "owner", "me", "multicloud:managed", "true"));
        assertThat(cloud.tags().find("owner", "me")).singleElement().satisfies(found -> {
            assertThat(found.kind()).isEqualTo(ResourceKind.NLB);
            assertThat(found.name()).isEqualTo("web");
        });
        assertThat(octavia.loadBalancerTags("web")).contains(TagStrings.MANAGED);
        cloud.tags().remove(ResourceKind.NLB, "web", "multicloud:managed");
        assertThat(cloud.nlbs().get("web").managed()).as("the mark can be taken off, as any tag").isFalse();
    }
}
