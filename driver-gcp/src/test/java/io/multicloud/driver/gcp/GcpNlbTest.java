package io.multicloud.driver.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.cloud.compute.v1.ForwardingRule;
import com.google.cloud.compute.v1.ForwardingRulesClient;
import com.google.cloud.compute.v1.ForwardingRulesSettings;
import com.google.cloud.compute.v1.TargetPool;
import com.google.cloud.compute.v1.TargetPoolsClient;
import com.google.cloud.compute.v1.TargetPoolsSettings;
import io.multicloud.api.Cloud;
import io.multicloud.api.CloudException;
import io.multicloud.api.HealthChecker;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.Nlb;
import io.multicloud.api.NlbHealth;
import io.multicloud.api.NlbRequest;
import io.multicloud.api.Protocol;
import io.multicloud.api.SecurityGroupRequest;
import io.multicloud.api.VmRequest;
import io.multicloud.api.VmStatus;
import io.multicloud.api.VpcRequest;
import io.multicloud.core.MultiCloud;
import io.multicloud.driver.gcp.fake.GcpFake;
import io.multicloud.testkit.fake.RequestLog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Load balancers the backend-service way against the fake: what is made (health check,
 * a group per zone, backend service, forwarding rule) and with what calls, health as the
 * backend service reports it (decided by the fake from the VMs' state and the firewall), VMs
 * of a new zone, a create that fails at each step leaving nothing, checkers GCE cannot run
 * refused before any call, and load balancers made the target-pool way by another tool.
 */
class GcpNlbTest {
    private static final String A = "us-central1-a";
    private static final String B = "us-central1-b";
    private static final HealthChecker CHECKER = new HealthChecker(Protocol.TCP, 8080, Duration.ofSeconds(10), Duration.ofSeconds(4), 3);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private GcpFake fake;
    private MultiCloud mc;
    private Cloud gcp;

    @BeforeEach
    void start() {
        fake = GcpFake.start();
        mc = MultiCloud.builder().environment(Map.of()).build();
        gcp = mc.connect(GcpFakeConnections.config(fake));
        gcp.vpcs().create(VpcRequest.named("net").cidr("10.0.0.0/16").subnet("sn", "10.0.1.0/24"));
        gcp.vpcs().create(VpcRequest.named("other").cidr("10.1.0.0/16").subnet("sn2", "10.1.1.0/24"));
        // admits every source on 8080, GCP's probe ranges included
        gcp.securityGroups().create(SecurityGroupRequest.named("web").vpc("net").allowInbound(Protocol.TCP, 8080));
        vm("vm-a1", A, "web");
        vm("vm-a2", A);
        vm("vm-b1", B, "web");
        for (String vm : List.of("vm-a1", "vm-a2", "vm-b1")) {
            gcp.vms().waitUntil(vm, VmStatus.RUNNING, WAIT);
        }
    }

    private void vm(String name, String zone, String... groups) {
        gcp.vms().create(VmRequest.named(name).image("ubuntu-22.04").spec("e2-small").subnet("net", "sn").zone(zone).securityGroups(groups));
    }

    @AfterEach
    void stop() {
        mc.close();
        fake.close();
    }

    private static NlbRequest web(String... vms) {
        return NlbRequest.named("web").vpc("net").listener(Protocol.TCP, 8080).vmGroup(Protocol.TCP, 8080, vms).healthChecker(CHECKER);
    }

    /** Calls per route, operation polls left out (their number depends on timing). */
    private static Map<String, Integer> calls(RequestLog log) {
        Map<String, Integer> out = new TreeMap<>();
        log.entries().stream().filter(e -> !e.route().contains("Operations.")).forEach(e -> out.merge(e.route(), 1, Integer::sum));
        return out;
    }

    private static long polls(RequestLog log) {
        return log.entries().stream().filter(e -> e.route().contains("Operations.")).count();
    }

    @Test
    void anNlbIsAHealthCheckAGroupPerZoneABackendServiceAndAForwardingRuleMadeWithTheFewestCalls() {
        fake.server().log().clear();
        Nlb nlb = gcp.nlbs().create(web("vm-a1", "vm-a2", "vm-b1"));
        RequestLog log = fake.server().log();
        Map<String, Integer> calls = calls(log);
        System.out.println("nlbs().create of 3 VMs in 2 zones: " + calls.values().stream().mapToInt(Integer::intValue).sum()
                + " calls besides " + polls(log) + " operation polls: " + calls);

        assertThat(nlb.vmGroup().vms()).containsExactly("vm-a1", "vm-a2", "vm-b1");
        assertThat(nlb.healthChecker()).as("read back from the regional health check").isEqualTo(CHECKER);
        assertThat(nlb.listener().port()).isEqualTo(8080);
        assertThat(nlb.listener().address()).isNotBlank();
        assertThat(nlb.vpc()).isEqualTo("net");
        String p = "projects/" + GcpFake.PROJECT;
        assertThat(fake.loadBalancingResources()).containsExactly(
                p + "/regions/us-central1/backendServices/web", p + "/regions/us-central1/forwardingRules/web",
                p + "/regions/us-central1/healthChecks/web", p + "/zones/" + A + "/instanceGroups/web", p + "/zones/" + B + "/instanceGroups/web");
        assertThat(calls).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("compute.networks.get", 1),
                Map.entry("compute.instances.aggregatedList", 1),
                Map.entry("compute.regionHealthChecks.insert", 1),
                Map.entry("compute.instanceGroups.insert", 2),
                Map.entry("compute.instanceGroups.addInstances", 2),
                Map.entry("compute.regionBackendServices.insert", 1),
                Map.entry("compute.forwardingRules.insert", 1),
                Map.entry("compute.forwardingRules.get", 1),
                Map.entry("compute.regionBackendServices.get", 1),
                Map.entry("compute.regionHealthChecks.get", 1),
                Map.entry("compute.instanceGroups.listInstances", 2),
                // the tags (multicloud:managed among them) in the project store, then read with the record
                Map.entry("compute.projects.get", 2),
                Map.entry("compute.projects.setCommonInstanceMetadata", 1)));
        assertThat(log.entries()).filteredOn(e -> e.method().equals("POST") || e.method().equals("DELETE") || e.method().equals("PATCH"))
                .filteredOn(e -> !e.route().endsWith("listInstances") && !e.route().endsWith("getHealth"))
                .allSatisfy(e -> assertThat(e.query()).contains("requestId="));
        assertThat(gcp.nlbs().list()).extracting(Nlb::name).containsExactly("web");
    }

    @Test
    void healthIsTheBackendServicesPerGroupAndAppliesTheCheckToFirewallAndState() {
        gcp.nlbs().create(web("vm-a1", "vm-a2", "vm-b1"));
        fake.server().log().clear();
        NlbHealth health = gcp.nlbs().health("web");
        System.out.println("nlbs().health of 3 VMs in 2 zones: " + fake.server().log().size() + " calls: " + calls(fake.server().log()));
        assertThat(fake.server().log().size()).isEqualTo(4);
        assertThat(fake.server().log().count("compute.regionBackendServices.getHealth")).isEqualTo(2);
        // vm-a2 is in no group that admits GCP's probe ranges on 8080
        assertThat(health.healthy()).containsExactly("vm-a1", "vm-b1");
        assertThat(health.unhealthy()).containsExactly("vm-a2");

        gcp.vms().suspend("vm-b1");
        gcp.vms().waitUntil("vm-b1", VmStatus.SUSPENDED, WAIT);
        assertThat(gcp.nlbs().health("web").unhealthy()).containsExactly("vm-a2", "vm-b1");
    }

    @Test
    void aCheckOnAPortTheFirewallDoesNotOpenFindsNoVmHealthy() {
        HealthChecker elsewhere = new HealthChecker(Protocol.TCP, 9090, Duration.ofSeconds(5), Duration.ofSeconds(5), 2);
        gcp.nlbs().create(web("vm-a1", "vm-b1").healthChecker(elsewhere));
        assertThat(gcp.nlbs().get("web").healthChecker()).isEqualTo(elsewhere);
        NlbHealth health = gcp.nlbs().health("web");
        assertThat(health.healthy()).isEmpty();
        assertThat(health.unhealthy()).containsExactly("vm-a1", "vm-b1");
    }

    @Test
    void aVmOfANewZoneGetsItsGroupAsANewBackendAndDeleteLeavesNothing() {
        gcp.nlbs().create(web("vm-a1"));
        assertThat(fake.loadBalancingResources()).noneMatch(l -> l.contains("/zones/" + B + "/"));
        fake.server().log().clear();
        Nlb grown = gcp.nlbs().addVms("web", "vm-b1", "vm-a2", "vm-a1");
        assertThat(grown.vmGroup().vms()).containsExactly("vm-a1", "vm-a2", "vm-b1");
        assertThat(fake.server().log().count("compute.instanceGroups.insert")).isEqualTo(1);
        assertThat(fake.server().log().count("compute.regionBackendServices.patch")).isEqualTo(1);
        assertThat(fake.loadBalancingResources()).contains("projects/" + GcpFake.PROJECT + "/zones/" + B + "/instanceGroups/web");
        assertThat(gcp.nlbs().health("web").healthy()).containsExactly("vm-a1", "vm-b1");

        assertThat(gcp.nlbs().removeVms("web", "vm-a1", "vm-b1").vmGroup().vms()).containsExactly("vm-a2");
        assertThat(catchThrowableOfType(CloudException.class, () -> gcp.nlbs().removeVms("web", "vm-b1")))
                .hasMessageContaining("vm-b1");
        assertThat(gcp.nlbs().addVms("web", "vm-b1").vmGroup().vms()).containsExactly("vm-a2", "vm-b1");

        gcp.nlbs().delete("web");
        assertThat(gcp.nlbs().find("web")).isEmpty();
        assertThat(fake.loadBalancingResources()).isEmpty();
        assertThat(gcp.vms().list()).hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"compute.regionHealthChecks.insert", "compute.instanceGroups.insert", "compute.instanceGroups.addInstances",
            "compute.regionBackendServices.insert", "compute.forwardingRules.insert"})
    void aCreateThatFailsAtAnyStepRemovesWhatItMade(String failingStep) {
        fake.failNextOperation(failingStep, "QUOTA_EXCEEDED", "Quota 'BACKEND_SERVICES' exceeded.  Limit: 0.0 in region us-central1.",
                "BACKEND_SERVICES");
        CloudException e = catchThrowableOfType(CloudException.class, () -> gcp.nlbs().create(web("vm-a1", "vm-a2", "vm-b1")));
        assertThat(e).hasMessageContaining("Quota");
        assertThat(e.getSuppressed()).isEmpty();
        assertThat(fake.loadBalancingResources()).isEmpty();
        assertThat(gcp.nlbs().find("web")).isEmpty();
        assertThat(gcp.nlbs().create(web("vm-a1")).vmGroup().vms()).containsExactly("vm-a1");
    }

    @Test
    void aCheckerGcpCannotRunOrAVmOfAnotherVpcIsRefusedBeforeAnyChange() {
        gcp.vms().create(VmRequest.named("stranger").image("ubuntu-22.04").spec("e2-small").subnet("other", "sn2").zone(A));
        fake.server().log().clear();
        InvalidRequestException udp = catchThrowableOfType(InvalidRequestException.class,
                () -> gcp.nlbs().create(web("vm-a1").healthChecker(HealthChecker.of(Protocol.UDP, 53))));
        assertThat(udp.field()).isEqualTo("health checker protocol");
        InvalidRequestException slow = catchThrowableOfType(InvalidRequestException.class, () -> gcp.nlbs().create(web("vm-a1")
                .healthChecker(new HealthChecker(Protocol.TCP, 80, Duration.ofSeconds(5), Duration.ofSeconds(6), 2))));
        assertThat(slow.field()).isEqualTo("health checker timeout");
        InvalidRequestException fraction = catchThrowableOfType(InvalidRequestException.class, () -> gcp.nlbs().create(web("vm-a1")
                .healthChecker(new HealthChecker(Protocol.TCP, 80, Duration.ofMillis(2500), Duration.ofSeconds(1), 2))));
        assertThat(fraction.field()).isEqualTo("health checker interval");
        assertThat(fake.server().log().size()).as("no call at all").isZero();

        InvalidRequestException stranger = catchThrowableOfType(InvalidRequestException.class, () -> gcp.nlbs().create(web("vm-a1", "stranger")));
        assertThat(stranger.field()).isEqualTo("vm group");
        assertThat(stranger).hasMessageContaining("stranger");
        assertThat(fake.server().log().entries()).allSatisfy(e -> assertThat(e.method()).isEqualTo("GET"));
        assertThat(fake.loadBalancingResources()).isEmpty();
    }

    @Test
    void anNlbMadeTheTargetPoolWayElsewhereIsListedFoundChangedCheckedAndDeleted() throws Exception {
        String p = "projects/" + GcpFake.PROJECT;
        try (TargetPoolsClient pools = TargetPoolsClient.create(TargetPoolsSettings.newBuilder().setEndpoint(fake.url())
                .setCredentialsProvider(NoCredentialsProvider.create()).build());
             ForwardingRulesClient rules = ForwardingRulesClient.create(ForwardingRulesSettings.newBuilder().setEndpoint(fake.url())
                     .setCredentialsProvider(NoCredentialsProvider.create()).build())) {
            pools.insertAsync(GcpFake.PROJECT, "us-central1", TargetPool.newBuilder().setName("legacy-pool")
                    .addInstances(p + "/zones/" + A + "/instances/vm-a1").build()).get();
            rules.insertAsync(GcpFake.PROJECT, "us-central1", ForwardingRule.newBuilder().setName("legacy").setIPProtocol("TCP")
                    .setPortRange("80-80").setTarget(p + "/regions/us-central1/targetPools/legacy-pool").build()).get();
        }
        gcp.nlbs().create(web("vm-b1"));

        assertThat(gcp.nlbs().list()).extracting(Nlb::name).containsExactly("legacy", "web");
        Nlb legacy = gcp.nlbs().get("legacy");
        assertThat(legacy.vmGroup().vms()).containsExactly("vm-a1");
        assertThat(legacy.listener().port()).isEqualTo(80);
        assertThat(legacy.healthChecker()).as("a pool applies no check the library can read").isNull();
        assertThat(gcp.nlbs().addVms("legacy", "vm-a2").vmGroup().vms()).containsExactly("vm-a1", "vm-a2");
        assertThat(gcp.nlbs().health("legacy").healthy()).containsExactly("vm-a1", "vm-a2");
        assertThat(gcp.nlbs().removeVms("legacy", "vm-a1").vmGroup().vms()).containsExactly("vm-a2");

        assertThat(legacy.managed()).isFalse();
        gcp.nlbs().forceDelete("legacy");
        assertThat(gcp.nlbs().list()).extracting(Nlb::name).containsExactly("web");
        assertThat(fake.loadBalancingResources()).noneMatch(l -> l.contains("legacy"));
    }
}
