package io.multicloud.driver.mock;

import io.multicloud.api.Vm;
import io.multicloud.api.VpcRequest;
import io.multicloud.spi.DriverConnection;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MockAccountsTest extends MockTestBase {

    @Test
    void accountsAreIsolated() {
        DriverConnection a = connect("team-a", "mars", Map.of());
        DriverConnection b = connect("team-b", "mars", Map.of());
        a.vpcs().create(VpcRequest.named("vpc-1").cidr("10.0.0.0/16").subnet("sn-1", "10.0.1.0/24"));
        assertThat(b.vpcs().list()).isEmpty();
        b.vpcs().create(VpcRequest.named("vpc-1").cidr("10.9.0.0/16").subnet("sn-1", "10.9.1.0/24"));
        assertThat(a.vpcs().find("vpc-1").orElseThrow().cidr()).isEqualTo("10.0.0.0/16");
        assertThat(control(b).account()).isEqualTo("team-b");
    }

    @Test
    void connectionsToTheSameAccountShareItsResources() {
        DriverConnection a1 = connect("team-a", "mars", Map.of());
        DriverConnection a2 = connect("team-a", "mars", Map.of());
        a1.vpcs().create(VpcRequest.named("vpc-1").cidr("10.0.0.0/16").subnet("sn-1", "10.0.1.0/24"));
        assertThat(a2.vpcs().find("vpc-1")).isPresent();
        assertThat(conn.vpcs().list()).as("the default account is another one").isEmpty();
    }

    @Test
    void resourcesAreRegional() {
        network(conn);
        DriverConnection venus = connect("default", "venus", Map.of());
        assertThat(venus.vpcs().list()).isEmpty();
        network(venus);
        assertThat(venus.vpcs().find("vpc-1").orElseThrow().subnet("sn-1").orElseThrow().zone()).isEqualTo("venus-z1");
    }

    @Test
    void twoDriversNeverShareState() {
        network(conn);
        assertThat(connect(new MockDriver(), "default", "mars", Map.of()).vpcs().list()).isEmpty();
    }

    @Test
    void publicIpsAreUniqueAcrossTheRegionsOfAnAccount() {
        network(conn);
        DriverConnection venus = connect("default", "venus", Map.of());
        network(venus);
        Vm mars = conn.vms().create(vm("vm-1"));
        Vm other = venus.vms().create(vm("vm-1"));
        assertThat(other.publicIp()).isNotEqualTo(mars.publicIp());
        assertThat(other.zone()).isEqualTo("venus-z1");
    }

    @Test
    void theConnectionZoneIsTheDefaultForSubnetsAndDisks() {
        DriverConnection z2 = driver.connect(io.multicloud.api.ConnectionConfig.of("mock", "mars").zone("mars-z2"));
        z2.vpcs().create(VpcRequest.named("vpc-9").cidr("10.0.0.0/16").subnet("sn-9", "10.0.1.0/24"));
        assertThat(z2.vpcs().find("vpc-9").orElseThrow().subnet("sn-9").orElseThrow().zone()).isEqualTo("mars-z2");
        assertThat(z2.disks().create(io.multicloud.api.DiskRequest.named("d").sizeGB(1)).zone()).isEqualTo("mars-z2");
        z2.close();
    }
}
