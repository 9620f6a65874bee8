package io.multicloud.driver.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.resourcemanager.network.NetworkManager;
import com.azure.resourcemanager.network.fluent.models.SecurityRuleInner;
import com.azure.resourcemanager.network.models.SecurityRuleAccess;
import com.azure.resourcemanager.network.models.SecurityRuleDirection;
import com.azure.resourcemanager.network.models.SecurityRuleProtocol;
import io.multicloud.api.Cloud;
import io.multicloud.api.Nlb;
import io.multicloud.api.NlbHealth;
import io.multicloud.api.NlbRequest;
import io.multicloud.api.Protocol;
import io.multicloud.api.VmStatus;
import io.multicloud.driver.azure.fake.AzureFake;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An NLB's health is what its rule's probe sees (Azure's per-rule health, one long-running POST):
 * a member is healthy only while its VM runs, the network security group lets the probe's port in
 * from Azure's load balancer, and something answers on the port.
 */
class AzureNlbHealthTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private AzureFakeCloud cloud;
    private AzureFake fake;
    private Cloud azure;
    private Nlb nlb;

    @BeforeEach
    void start() {
        cloud = AzureFakeCloud.start().withNetwork(8080);
        fake = cloud.fake;
        azure = cloud.azure;
        for (String name : new String[] {"web-1", "web-2"}) {
            azure.vms().create(AzureFakeCloud.vm(name));
            azure.vms().waitUntil(name, VmStatus.RUNNING, WAIT);
        }
        nlb = azure.nlbs().create(NlbRequest.named("web").vpc("vpc-1").listener(Protocol.TCP, 80).vmGroup(Protocol.TCP, 8080, "web-1", "web-2"));
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    @Test
    void aMemberIsHealthyWhileItsVmRunsAndItsProbedPortAnswers() {
        assertThat(nlb.healthChecker().port()).isEqualTo(8080);
        var log = fake.server().log();
        log.clear();
        NlbHealth all = azure.nlbs().health("web");
        assertThat(all.healthy()).containsExactlyInAnyOrder("web-1", "web-2");
        assertThat(all.unhealthy()).isEmpty();
        assertThat(log.count("LoadBalancerLoadBalancingRules_Health")).isOne();
        assertThat(log.count("Operations_Result")).isPositive();

        azure.vms().suspend("web-2");
        azure.vms().waitUntil("web-2", VmStatus.SUSPENDED, WAIT);
        NlbHealth oneDown = azure.nlbs().health("web");
        assertThat(oneDown.healthy()).containsExactly("web-1");
        assertThat(oneDown.unhealthy()).containsExactly("web-2");

        fake.portAnswers(azure.vms().get("web-1").id(), 8080, false);
        assertThat(azure.nlbs().health("web").unhealthy()).containsExactlyInAnyOrder("web-1", "web-2");
        fake.portAnswers(azure.vms().get("web-1").id(), 8080, true);
        assertThat(azure.nlbs().health("web").healthy()).containsExactly("web-1");
    }

    /** Another tool's change, awaited with a short poll interval (the SDK's default waits seconds between polls). */
    private static void awaited(com.azure.core.util.polling.SyncPoller<?, ?> poller) {
        poller.setPollInterval(Duration.ofMillis(5));
        poller.waitForCompletion(WAIT);
    }

    @Test
    void aSecurityRuleThatDeniesTheProbeMakesTheMembersUnhealthyInTheOrderOfPriorities() {
        NetworkManager network = azure.unwrap(NetworkManager.class);
        awaited(network.serviceClient().getSecurityRules().beginCreateOrUpdate("multicloud-eastus", "sg-1", "deny-probe", new SecurityRuleInner()
                .withPriority(105).withDirection(SecurityRuleDirection.INBOUND).withAccess(SecurityRuleAccess.DENY)
                .withProtocol(SecurityRuleProtocol.TCP).withSourceAddressPrefix("AzureLoadBalancer").withSourcePortRange("*")
                .withDestinationAddressPrefix("*").withDestinationPortRange("8000-8100")));
        // the driver's rule (priority 100: 8080 from anywhere, the probe's source included) comes first and lets it in
        assertThat(azure.nlbs().health("web").healthy()).containsExactlyInAnyOrder("web-1", "web-2");

        awaited(network.serviceClient().getSecurityRules().beginDelete("multicloud-eastus", "sg-1", "mc-in-100"));
        NlbHealth denied = azure.nlbs().health("web");
        assertThat(denied.healthy()).isEmpty();
        assertThat(denied.unhealthy()).containsExactlyInAnyOrder("web-1", "web-2");

        awaited(network.serviceClient().getSecurityRules().beginDelete("multicloud-eastus", "sg-1", "deny-probe"));
        // Azure's default rule AllowAzureLoadBalancerInBound lets the probe in again
        assertThat(azure.nlbs().health("web").healthy()).containsExactlyInAnyOrder("web-1", "web-2");
    }
}
