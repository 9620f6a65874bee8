package io.multicloud.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.Cloud;
import io.multicloud.api.Vm;
import io.multicloud.core.MultiCloud;
import io.multicloud.driver.mock.ssh.MockSshServers;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** What {@code @MockCloudTest(ssh = true)} adds: SSH servers behind the injected cloud's VMs, for this test only. */
@MockCloudTest(ssh = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MockCloudExtensionSshTest {
    private static MockSshServers fromAnEarlierTest;
    private static int portOfAnEarlierTest;
    private static Path homeOfAnEarlierTest;
    @Test
    @Order(1)
    void theInjectedCloudsVmsAreServedByTheInjectedServers(Cloud cloud, MockSshServers servers, MockSshServers again,
                                                           MultiCloud multiCloud) {
        assertThat(servers).isSameAs(again);
        Vm vm = Fixtures.runningVm(cloud, "vm-1");

        assertThat(servers.served()).containsExactly("vm-1");
        assertThat(vm.ssh().host()).isEqualTo("127.0.0.1");
        assertThat(vm.ssh().port()).isEqualTo(servers.port("vm-1"));
        Path home = servers.workDir().getParent();
        assertThat(home.getParent()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
        assertThat(home.getFileName().toString()).startsWith("multicloud-test-home-");
        assertThat(servers.homeOf("vm-1")).isDirectory().startsWith(home);
        assertThat(multiCloud.sshStore().directory()).startsWithRaw(home);
        fromAnEarlierTest = servers;
        portOfAnEarlierTest = vm.ssh().port();
        homeOfAnEarlierTest = home;
    }

    @Test
    @Order(2)
    void theServersOfAnEarlierTestAreClosedAndTheTestsWholeHomeIsGone(MockSshServers servers) {
        assertThat(fromAnEarlierTest).isNotNull().isNotSameAs(servers);
        assertThat(servers.served()).isEmpty();
        assertThatThrownBy(() -> new Socket("127.0.0.1", portOfAnEarlierTest).close()).isInstanceOf(ConnectException.class);
        assertThat(Files.exists(homeOfAnEarlierTest)).isFalse();
    }

    @Test
    @MockCloudTest
    void withoutSshTheVmsKeepTheMocksPlainAddresses(Cloud cloud) {
        Vm vm = Fixtures.runningVm(cloud, "vm-1");
        assertThat(vm.ssh().host()).isEqualTo(vm.publicIp());
        assertThat(vm.ssh().port()).isEqualTo(22);
        assertThat(vm.ssh().reachable()).isFalse();
    }
}
