package io.multicloud.driver.mock;

import io.multicloud.api.ConflictException;
import io.multicloud.api.Nlb;
import io.multicloud.api.NlbRequest;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.Protocol;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.VmStatus;
import io.multicloud.api.VpcRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MockNlbsTest extends MockTestBase {

    @BeforeEach
    void createNetworkAndVms() {
        network(conn);
        conn.vms().create(vm("vm-1"));
        conn.vms().create(vm("vm-2"));
    }

    private static NlbRequest web(String... vms) {
        return NlbRequest.named("web").vpc("vpc-1").listener(Protocol.TCP, 80).vmGroup(Protocol.TCP, 8080, vms);
    }

    @Test
    void anNlbRoundTripsAndReportsRunningVmsAsHealthy() {
        Nlb nlb = conn.nlbs().create(web("vm-1"));
        assertThat(nlb.id()).startsWith("nlb-");
        assertThat(nlb.listener().address()).isNotBlank();
        assertThat(nlb.healthChecker().port()).isEqualTo(8080);
        assertThat(conn.nlbs().health("web").unhealthy()).containsExactly("vm-1");
        awaitVm(conn, "vm-1", VmStatus.RUNNING);
        assertThat(conn.nlbs().health("web").healthy()).containsExactly("vm-1");

        assertThat(conn.nlbs().addVms("web", List.of("vm-2", "vm-1")).vmGroup().vms()).containsExactly("vm-1", "vm-2");
        assertThat(conn.nlbs().removeVms("web", List.of("vm-1")).vmGroup().vms()).containsExactly("vm-2");
        assertThat(conn.nlbs().find("web").orElseThrow().vmGroup().vms()).containsExactly("vm-2");
        conn.nlbs().delete("web");
        assertThat(conn.nlbs().list()).isEmpty();
    }

    @Test
    void anNlbsVmsMustExistInItsVpc() {
        assertThatThrownBy(() -> conn.nlbs().create(web("ghost")))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.context().kind()).isEqualTo(ResourceKind.VM));
        conn.vpcs().create(VpcRequest.named("vpc-2").cidr("10.1.0.0/16").subnet("sn-2", "10.1.1.0/24"));
        conn.vms().create(vm("vm-3").subnet("vpc-2", "sn-2").securityGroups(new String[0]));
        assertThatThrownBy(() -> conn.nlbs().create(web("vm-1", "vm-3"))).isInstanceOf(ConflictException.class)
                .hasMessageContaining("vpc-2");
        assertThat(conn.nlbs().list()).isEmpty();
    }

    @Test
    void removingAVmThatIsNotBehindTheNlbIsNotFound() {
        conn.nlbs().create(web("vm-1"));
        assertThatThrownBy(() -> conn.nlbs().removeVms("web", List.of("vm-2"))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void deletingAVpcWithAnNlbIsRefused() {
        conn.nlbs().create(web("vm-1"));
        conn.vms().delete("vm-1");
        conn.vms().delete("vm-2");
        awaitVmGone(conn, "vm-1");
        awaitVmGone(conn, "vm-2");
        assertThat(conn.nlbs().find("web").orElseThrow().vmGroup().vms()).as("a terminated VM leaves its NLB").isEmpty();
        conn.securityGroups().delete("sg-1");
        assertThatThrownBy(() -> conn.vpcs().delete("vpc-1")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("web");
    }
}
