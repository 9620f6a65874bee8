package io.multicloud.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.multicloud.api.Cloud;
import io.multicloud.core.MultiCloud;
import io.multicloud.core.mci.Mci;
import io.multicloud.core.mci.SubGroupRequest;
import io.multicloud.core.remote.ExecReport;
import io.multicloud.core.remote.RemoteCommand;
import io.multicloud.core.remote.TransportError;
import io.multicloud.core.remote.VmExecResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A command sent to mock VMs that nobody serves SSH for fails at once, saying how to serve them. */
@MockCloudTest
class ExecWithoutSshServerTest {

    @Test
    void aCommandToAMockVmWithoutSshServerSaysSoAndHowToGetOneInsteadOfTimingOut(Cloud cloud, MultiCloud mc) {
        Mci mci = mc.mci("plain").subGroup("open", cloud, "m1.small", "ubuntu-22.04", 2)
                .subGroup(SubGroupRequest.of("hidden", cloud, "m1.small", "ubuntu-22.04", 1).publicIp(false)).create();

        long start = System.nanoTime();
        ExecReport report = mci.exec(RemoteCommand.of("hostname").connectTimeout(Duration.ofSeconds(30)));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(report.failed()).hasSize(3);
        for (VmExecResult result : report.results()) {
            TransportError error = result.transportError().orElseThrow();
            assertThat(error.kind()).isEqualTo(TransportError.Kind.NO_ROUTE);
            assertThat(error.message()).contains(result.vm()).contains("has no SSH server")
                    .contains("serveSsh(MockSshServers.start())").contains("@MockCloudTest(ssh = true)");
        }
        assertThat(took).as("no connect timeout waited for").isLessThan(Duration.ofSeconds(10));
    }
}
