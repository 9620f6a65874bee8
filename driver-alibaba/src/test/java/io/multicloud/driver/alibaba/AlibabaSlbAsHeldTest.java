package io.multicloud.driver.alibaba;

import io.multicloud.api.HealthChecker;
import io.multicloud.api.Nlb;
import io.multicloud.api.NlbHealth;
import io.multicloud.api.Protocol;
import io.multicloud.api.SecurityGroupRequest;
import io.multicloud.api.VmRequest;
import io.multicloud.api.VmStatus;
import io.multicloud.api.VpcRequest;
import io.multicloud.driver.alibaba.fake.SlbSeeder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Load balancers made by other tools (seeded straight into the fake, not through the driver) read
 * as the account holds them: HTTP and HTTPS listeners, VServer groups as the VMs behind a listener,
 * an EIP bound to an intranet instance as its address; the calls stay constant per load balancer.
 */
class AlibabaSlbAsHeldTest extends OnTheFake {
    private SlbSeeder seed;
    private String subnet;
    private final Map<String, String> ids = new LinkedHashMap<>();

    @BeforeEach
    void open() {
        seed = fake.slbSeeder();
        subnet = cloud.vpcs().create(VpcRequest.named("net").cidr("10.1.0.0/16").subnet("sn-1", "10.1.1.0/24")).subnets().getFirst().id();
        cloud.securityGroups().create(SecurityGroupRequest.named("sg").vpc("net").allowInbound(Protocol.TCP, 8080));
        for (String vm : List.of("vm-1", "vm-2", "vm-3")) {
            ids.put(vm, cloud.vms().create(VmRequest.named(vm).image("ubuntu-22.04").spec("ecs.g7.large").subnet("net", "sn-1")
                    .securityGroups("sg").publicIp(false)).id());
        }
        for (String vm : ids.keySet()) {
            cloud.vms().waitUntil(vm, VmStatus.RUNNING, Duration.ofSeconds(20));
        }
    }

    /** An intranet load balancer with an HTTP listener on 80 forwarding to a VServer group of vm-1 and vm-2 on 8080, and an EIP. */
    private String intranetShop(String name) {
        String lb = seed.loadBalancer(name, subnet);
        String group = seed.serverGroup(lb, "web", Map.of(ids.get("vm-1"), 8080, ids.get("vm-2"), 8080));
        seed.listener(lb, "http", 80, 8080, group, true);
        return lb;
    }

    @Test
    void anHttpListenerOnAVServerGroupReadsAsTcpWithTheGroupsVmsAndAnIntranetInstancesEipAsItsAddress() {
        String lb = intranetShop("shop");
        String eip = seed.eip(lb);

        Nlb nlb = cloud.nlbs().get("shop");
        assertThat(nlb.id()).isEqualTo(lb);
        assertThat(nlb.vpc()).isEqualTo("net");
        assertThat(nlb.listener().protocol()).isEqualTo(Protocol.TCP);
        assertThat(nlb.listener().port()).isEqualTo(80);
        assertThat(nlb.listener().address()).isEqualTo(eip);
        assertThat(nlb.vmGroup().port()).isEqualTo(8080);
        assertThat(nlb.vmGroup().vms()).containsExactly("vm-1", "vm-2");
        assertThat(nlb.healthChecker()).isEqualTo(new HealthChecker(Protocol.TCP, 8080, Duration.ofSeconds(5), Duration.ofSeconds(4), 4));
        assertThat(cloud.nlbs().find(lb)).contains(nlb);
        assertThat(cloud.nlbs().list()).containsExactly(nlb);

        NlbHealth health = cloud.nlbs().health("shop");
        assertThat(concat(health.healthy(), health.unhealthy())).containsExactlyInAnyOrder("vm-1", "vm-2");
    }

    @Test
    void anIntranetInstanceWithoutAnEipShowsItsPrivateAddress() {
        intranetShop("shop");
        assertThat(cloud.nlbs().get("shop").listener().address()).startsWith("10.1.1.");
    }

    @Test
    void anHttpsListenerWithoutHealthChecksOnTheDefaultServersReadsAsTcpWithNoChecker() {
        String lb = seed.loadBalancer("secure", null);
        seed.listener(lb, "https", 443, 8443, null, false);
        seed.backends(lb, ids.get("vm-3"));

        Nlb nlb = cloud.nlbs().get("secure");
        assertThat(nlb.listener().protocol()).isEqualTo(Protocol.TCP);
        assertThat(nlb.listener().port()).isEqualTo(443);
        assertThat(nlb.listener().address()).startsWith("47.96.12.");
        assertThat(nlb.vmGroup().port()).isEqualTo(8443);
        assertThat(nlb.vmGroup().vms()).containsExactly("vm-3");
        assertThat(nlb.healthChecker()).isNull();
        assertThat(nlb.vpc()).isNull(); // an internet instance made elsewhere carries no VPC
    }

    @Test
    void addingAndRemovingVmsChangesTheVServerGroupTheListenerForwardsTo() {
        intranetShop("shop");
        assertThat(cloud.nlbs().addVms("shop", "vm-3").vmGroup().vms()).containsExactly("vm-1", "vm-2", "vm-3");
        assertThat(fake.calls("AddVServerGroupBackendServers")).isEqualTo(1);
        assertThat(fake.calls("AddBackendServers")).isZero();
        assertThat(cloud.nlbs().removeVms("shop", "vm-1").vmGroup().vms()).containsExactly("vm-2", "vm-3");
        assertThat(fake.calls("RemoveVServerGroupBackendServers")).isEqualTo(1);
        assertThat(cloud.nlbs().get("shop").vmGroup().port()).isEqualTo(8080);
    }

    @Test
    void listingLoadBalancersMadeElsewhereCostsAConstantPerLoadBalancerNeverOnePerServer() {
        for (int n = 1; n <= 4; n++) {
            String lb = seed.loadBalancer("tcp-" + n, subnet);
            String group = seed.serverGroup(lb, "g", Map.of(ids.get("vm-1"), 9000 + n, ids.get("vm-2"), 9000 + n, ids.get("vm-3"), 9000 + n));
            seed.listener(lb, "tcp", 80, 9000 + n, group, true);
            if (n % 2 == 0) {
                seed.eip(lb);
            }
        }
        String plain = seed.loadBalancer("plain", subnet);
        seed.listener(plain, "http", 8080, 80, null, true);
        seed.backends(plain, ids.get("vm-1"));
        fake.clearCalls();

        List<Nlb> all = cloud.nlbs().list();
        assertThat(all).extracting(Nlb::name).containsExactly("plain", "tcp-1", "tcp-2", "tcp-3", "tcp-4");
        assertThat(all.subList(1, 5)).allSatisfy(nlb -> {
            assertThat(nlb.vmGroup().vms()).containsExactly("vm-1", "vm-2", "vm-3");
            assertThat(nlb.vmGroup().port()).isEqualTo(9000 + Integer.parseInt(nlb.name().substring(4)));
            assertThat(nlb.healthChecker().port()).isEqualTo(nlb.vmGroup().port()); // the check names no port: the servers' own
        });
        assertThat(all.get(2).listener().address()).startsWith("39.104.7.");
        assertThat(all.get(1).listener().address()).startsWith("10.1.1.");
        assertThat(fake.calls("DescribeLoadBalancers")).isEqualTo(2);           // 5 instances, pages of 3
        assertThat(fake.calls("DescribeLoadBalancerListeners")).isEqualTo(2);   // 5 listeners, pages of 3
        assertThat(fake.calls("DescribeVServerGroupAttribute")).isEqualTo(4);   // one per instance, its 3 servers at once
        assertThat(fake.calls("DescribeLoadBalancerAttribute")).isEqualTo(1);   // the one on default servers
        assertThat(fake.calls("DescribeEipAddresses")).isEqualTo(1);            // 2 EIPs, all at once
        assertThat(fake.calls("DescribeInstances")).isEqualTo(1);               // the VMs' names
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
