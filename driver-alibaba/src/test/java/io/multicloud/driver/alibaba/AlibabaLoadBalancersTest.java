package io.multicloud.driver.alibaba;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.AuthenticationFailedException;
import io.multicloud.api.CapacityUnavailableException;
import io.multicloud.api.Cloud;
import io.multicloud.api.CloudException;
import io.multicloud.api.ConflictException;
import io.multicloud.api.ErrorScope;
import io.multicloud.api.HealthChecker;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.Nlb;
import io.multicloud.api.NlbHealth;
import io.multicloud.api.NlbRequest;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.Protocol;
import io.multicloud.api.QuotaExceededException;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.ScopedCloudException;
import io.multicloud.api.SecurityGroupRequest;
import io.multicloud.api.TaggedResource;
import io.multicloud.api.TransientCloudException;
import io.multicloud.api.VmRequest;
import io.multicloud.api.VmStatus;
import io.multicloud.api.VpcRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What is specific to SLB, against the fake: the client token after a lost answer, health as
 * DescribeHealthStatus reports it, internet and intranet instances, tags by SLB's narrower rules,
 * paging and call counts, SLB's error codes, and a half-made instance cleaned up.
 */
class AlibabaLoadBalancersTest extends OnTheFake {

    private void network(String... vms) {
        cloud.vpcs().create(VpcRequest.named("net").cidr("10.1.0.0/16").subnet("sn-1", "10.1.1.0/24"));
        cloud.securityGroups().create(SecurityGroupRequest.named("sg").vpc("net").allowInbound(Protocol.TCP, 8080));
        for (String vm : vms) {
            cloud.vms().create(VmRequest.named(vm).image("ubuntu-22.04").spec("ecs.g7.large").subnet("net", "sn-1").securityGroups("sg"));
        }
        for (String vm : vms) {
            cloud.vms().waitUntil(vm, VmStatus.RUNNING, Duration.ofSeconds(20));
        }
    }

    private static NlbRequest web(String name, String... vms) {
        return NlbRequest.named(name).vpc("net").listener(Protocol.TCP, 80).vmGroup(Protocol.TCP, 8080, vms);
    }

    private static <T> T eventually(Supplier<T> probe, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        T value = probe.get();
        while (!done.test(value)) {
            assertThat(System.nanoTime()).as("the condition holds within 10 s; last: " + value).isLessThan(deadline);
            value = probe.get();
        }
        return value;
    }

    @Test
    void aCreateWhoseAnswerIsLostIsTriedAgainWithItsClientTokenAndMakesOneLoadBalancer() {
        network("vm-1");
        fake.loseAnswer("CreateLoadBalancer", 1);
        Nlb nlb = cloud.nlbs().create(web("web", "vm-1"));
        assertThat(fake.calls("CreateLoadBalancer")).isEqualTo(2);
        assertThat(cloud.nlbs().list()).singleElement().satisfies(n -> assertThat(n.id()).isEqualTo(nlb.id()));
        assertThatThrownBy(() -> cloud.nlbs().create(web("web", "vm-1"))).isInstanceOf(AlreadyExistsException.class);
    }

    @Test
    void healthIsWhatDescribeHealthStatusReportsPerVm() {
        network("vm-1", "vm-2");
        cloud.nlbs().create(web("web", "vm-1", "vm-2").healthChecker(HealthChecker.of(Protocol.TCP, 8080)));
        // The listener is still starting and nothing has been checked: SLB answers "unavailable".
        assertThat(cloud.nlbs().health("web").unhealthy()).containsExactlyInAnyOrder("vm-1", "vm-2");
        eventually(() -> cloud.nlbs().health("web"), h -> h.healthy().size() == 2);

        cloud.vms().suspend("vm-2");
        cloud.vms().waitUntil("vm-2", VmStatus.SUSPENDED, Duration.ofSeconds(20));
        NlbHealth health = cloud.nlbs().health("web");
        assertThat(health.healthy()).containsExactly("vm-1");
        assertThat(health.unhealthy()).containsExactly("vm-2");
    }

    @Test
    void anInternetLoadBalancerKeepsItsVpcInAHiddenTagAndAnIntranetOneLiesInItsFirstVmsSubnet() {
        network("vm-1");
        Nlb internet = cloud.nlbs().create(web("public-web", "vm-1"));
        assertThat(internet.vpc()).isEqualTo("net");
        assertThat(internet.listener().address()).startsWith("47.");
        assertThat(internet.tags()).doesNotContainKey("mc~vpc");

        try (Cloud intranet = mc.connect(fake.config().property("nlb_address_type", "intranet"))) {
            Nlb inner = intranet.nlbs().create(web("inner-web", "vm-1"));
            assertThat(inner.vpc()).isEqualTo("net");
            assertThat(inner.listener().address()).startsWith("10.1.1.");
            cloud.vms().delete("vm-1");
            eventually(() -> cloud.vms().find("vm-1").isPresent(), present -> !present);
            // The subnet still holds the load balancer: Alibaba refuses to delete it.
            assertThatThrownBy(() -> cloud.vpcs().removeSubnet("net", "sn-1")).isInstanceOf(ConflictException.class);
            assertThat(intranet.nlbs().get("inner-web").vmGroup().vms()).isEmpty();
        }
    }

    @Test
    void tagsThatBreakSlbsNarrowerRulesRoundTripExactlyAndAreFound() {
        network("vm-1");
        Map<String, String> tags = Map.of("k".repeat(100), "fine", "team", "aliyun-looking value", "multicloud:mci", "web",
                "empty", "");
        NlbRequest request = web("web", "vm-1");
        for (var t : tags.entrySet()) {
            request = request.tag(t.getKey(), t.getValue());
        }
        cloud.nlbs().create(request);
        assertThat(cloud.nlbs().get("web").tags()).containsAllEntriesOf(tags);
        assertThat(cloud.tags().list(ResourceKind.NLB, "web")).containsAllEntriesOf(tags).doesNotContainKey("mc~vpc");
        assertThat(cloud.tags().find("team", "aliyun-looking value")).extracting(TaggedResource::name).containsExactly("web");
        assertThat(cloud.tags().find("k".repeat(100), null)).extracting(TaggedResource::kind).containsExactly(ResourceKind.NLB);

        cloud.tags().add(ResourceKind.NLB, "web", Map.of("stage", "test"));
        cloud.tags().remove(ResourceKind.NLB, "web", "team");
        assertThat(cloud.nlbs().get("web").tags()).containsEntry("stage", "test").doesNotContainKey("team")
                .containsEntry("multicloud:mci", "web");
        assertThat(cloud.nlbs().get("web").vpc()).isEqualTo("net"); // the driver's own tag survived the user's changes
    }

    @Test
    void listingFollowsThePagesAndCostsOneAttributeCallPerLoadBalancer() {
        network("vm-1");
        for (int i = 1; i <= 5; i++) {
            cloud.nlbs().create(NlbRequest.named("lb-" + i).vpc("net").listener(Protocol.UDP, 53).vmGroup(Protocol.UDP, 5353, "vm-1"));
        }
        fake.clearCalls();
        List<Nlb> all = cloud.nlbs().list();
        assertThat(all).extracting(Nlb::name).containsExactly("lb-1", "lb-2", "lb-3", "lb-4", "lb-5");
        assertThat(all).allSatisfy(n -> {
            assertThat(n.listener().protocol()).isEqualTo(Protocol.UDP);
            assertThat(n.vmGroup().port()).isEqualTo(5353);
            assertThat(n.healthChecker().protocol()).isEqualTo(Protocol.UDP);
            assertThat(n.vmGroup().vms()).containsExactly("vm-1");
        });
        assertThat(fake.calls("DescribeLoadBalancers")).isEqualTo(2);          // pages of 3
        assertThat(fake.calls("DescribeLoadBalancerListeners")).isEqualTo(2);  // 5 listeners, pages of 3
        assertThat(fake.calls("DescribeLoadBalancerAttribute")).isEqualTo(5);  // backends: one per instance
        assertThat(fake.calls("DescribeInstances")).isEqualTo(1);              // the VMs' names, all at once
    }

    @Test
    void slbsErrorCodesMapOntoTheCommonHierarchy() {
        record Case(String code, int status, Class<? extends CloudException> type, ErrorScope scope) {
        }
        for (Case c : List.of(
                new Case("InvalidLoadBalancerId.NotFound", 404, NotFoundException.class, null),
                new Case("ResourceNotExist", 400, NotFoundException.class, null),
                new Case("OperationForbidden.QuotaLimit", 400, QuotaExceededException.class, ErrorScope.REGION),
                new Case("OperationFailed.ZoneResourceLimit", 400, CapacityUnavailableException.class, ErrorScope.ZONE),
                new Case("OperationFailed.RegionResourceLimit", 400, CapacityUnavailableException.class, ErrorScope.REGION),
                new Case("SystemBusy", 503, TransientCloudException.class, null),
                new Case("OperationFailed.TokenIsProcessing", 400, TransientCloudException.class, null),
                new Case("OperationDenied.DeleteProtectionIsOn", 400, ConflictException.class, null),
                new Case("Forbidden.RAM", 403, AuthenticationFailedException.class, null))) {
            fake.refuse("DescribeLoadBalancers", 1, c.status(), c.code(), "refused on purpose: " + c.code());
            assertThatThrownBy(() -> cloud.nlbs().find("web")).as(c.code()).isInstanceOf(c.type()).satisfies(e -> {
                assertThat(((CloudException) e).context().providerCode()).isEqualTo(c.code());
                assertThat(e.getMessage()).contains("alibaba-fake", "NLB", c.code(), "refused on purpose");
                if (c.scope() != null) {
                    assertThat(((ScopedCloudException) e).scope()).isEqualTo(c.scope());
                }
            });
        }
    }

    @Test
    void aLoadBalancerWhoseListenerFailsIsDeletedAgainAndABadRequestMakesNone() {
        network("vm-1");
        fake.refuse("CreateLoadBalancerTCPListener", 1, 400, "QuotaLimitExceeds.TotalAclEntry", "The listener quota is used up.");
        assertThatThrownBy(() -> cloud.nlbs().create(web("web", "vm-1"))).isInstanceOf(QuotaExceededException.class);
        assertThat(cloud.nlbs().list()).isEmpty();
        assertThat(fake.calls("DeleteLoadBalancer")).isEqualTo(1);

        fake.clearCalls();
        assertThatThrownBy(() -> cloud.nlbs().create(NlbRequest.named("dns").vpc("net").listener(Protocol.UDP, 53)
                .vmGroup(Protocol.UDP, 53, "vm-1").healthChecker(HealthChecker.of(Protocol.TCP, 53))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("UDP");
        assertThatThrownBy(() -> cloud.nlbs().create(web("web", "no-such-vm"))).isInstanceOf(NotFoundException.class);
        assertThat(fake.calls("CreateLoadBalancer")).isZero();
    }
}
