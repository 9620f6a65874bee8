package io.multicloud.driver.mock.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jcraft.jsch.ChannelDirectTCPIP;
import com.jcraft.jsch.JSchException;
import io.multicloud.api.Cloud;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.KeyPair;
import io.multicloud.api.SshAccess;
import io.multicloud.api.Vm;
import io.multicloud.core.MultiCloud;
import io.multicloud.driver.mock.MockControl;
import io.multicloud.testkit.MockCloudTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A bastion's direct-tcpip reaches a private VM of its own VPC on port 22, and nothing else. */
@MockCloudTest(ssh = true)
class VpcTunnelTest {
    private KeyPair key;
    private Vm bastion;

    @BeforeEach
    void createBastion(Cloud cloud) {
        key = SshVms.networkAndKey(cloud);
        bastion = SshVms.running(cloud, "bastion", key);
    }

    @Test
    void aVmWithoutAPublicIpIsReachedOnItsPrivateIpThroughABastionOfItsVpc(Cloud cloud) throws Exception {
        Vm hidden = SshVms.running(cloud, SshVms.request("hidden", "vpc-1", key).publicIp(false));
        assertThat(hidden.publicIp()).isNull();
        assertThat(hidden.ssh()).isEqualTo(new SshAccess(hidden.privateIp(), 22, "ubuntu"));

        try (SshClient jump = SshClient.withKey(bastion.ssh(), key);
             SshClient target = jump.jumpTo(hidden.ssh(), key)) {
            assertThat(target.exec("echo \"$(hostname) [$MC_PUBLIC_IP] $MC_PRIVATE_IP\"").stdout())
                    .isEqualTo("hidden [] " + hidden.privateIp() + "\n");
        }
    }

    @Test
    void theTunnelCarriesTheTargetsSshBannerAndHostKey(Cloud cloud, MockSshServers servers) throws Exception {
        Vm other = SshVms.running(cloud, SshVms.request("other", "vpc-1", key).publicIp(false));
        try (SshClient jump = SshClient.withKey(bastion.ssh(), key)) {
            ChannelDirectTCPIP tunnel = jump.tunnel(other.privateIp(), 22);
            Lines banner = new Lines(tunnel.getInputStream());
            tunnel.connect(SshClient.TIMEOUT_MS);
            assertThat(banner.next()).startsWith("SSH-2.0-");
            tunnel.disconnect();

            try (SshClient target = jump.jumpTo(other.ssh(), key)) {
                assertThat(target.hostKey()).isEqualTo(servers.hostKey("other")).isNotEqualTo(jump.hostKey());
            }
        }
    }

    @Test
    void aVmOfAnotherVpcIsNotReachedEvenOnItsPrivateIp(Cloud cloud) throws Exception {
        SshVms.network(cloud, "vpc-2", "10.1.0.0/16");
        Vm elsewhere = SshVms.running(cloud, SshVms.request("elsewhere", "vpc-2", key).publicIp(false));
        try (SshClient jump = SshClient.withKey(bastion.ssh(), key)) {
            assertRefused(jump, elsewhere.privateIp(), 22);
        }
    }

    @Test
    void aVmOfAnotherAccountIsNotReachedThoughItsVpcHasTheSameNameAndAddresses(Cloud cloud, MockSshServers servers)
            throws Exception {
        try (MultiCloud other = MultiCloud.builder().environment(Map.of()).build()) {
            Cloud otherAccount = other.connect(ConnectionConfig.of("mock", "mars").credential("account", "someone-else")
                    .property("transition_ms", "20"));
            otherAccount.unwrap(MockControl.class).serveSsh(servers);
            KeyPair theirKey = SshVms.networkAndKey(otherAccount);
            SshVms.running(otherAccount, "theirs-1", theirKey);
            Vm theirs = SshVms.running(otherAccount, "theirs-2", theirKey);
            assertThat(theirs.privateIp()).as("an address no VM of ours has").isNotEqualTo(bastion.privateIp());

            try (SshClient jump = SshClient.withKey(bastion.ssh(), key)) {
                assertRefused(jump, theirs.privateIp(), 22);
            }
        }
    }

    @Test
    void anyOtherTargetIsRefused(MockSshServers servers) throws Exception {
        try (SshClient jump = SshClient.withKey(bastion.ssh(), key)) {
            assertRefused(jump, bastion.privateIp(), 80);
            assertRefused(jump, "127.0.0.1", servers.port("bastion"));
            assertRefused(jump, "127.0.0.1", 22);
            assertRefused(jump, bastion.publicIp(), 22);
            assertRefused(jump, "example.com", 443);
            assertThat(jump.exec("true").exit()).as("the session survives refusals").isZero();
        }
    }

    @Test
    void anUnreachablePrivateVmFailsTheTunnel(Cloud cloud, MockSshServers servers) throws Exception {
        Vm hidden = SshVms.running(cloud, SshVms.request("hidden", "vpc-1", key).publicIp(false));
        servers.unreachable("hidden");
        try (SshClient jump = SshClient.withKey(bastion.ssh(), key)) {
            assertThatThrownBy(() -> jump.jumpTo(hidden.ssh(), key)).isInstanceOf(JSchException.class);
        }
    }

    private static void assertRefused(SshClient jump, String host, int port) throws JSchException {
        ChannelDirectTCPIP tunnel = jump.tunnel(host, port);
        assertThatThrownBy(() -> tunnel.connect(SshClient.TIMEOUT_MS)).as("tunnel to %s:%d", host, port)
                .isInstanceOf(JSchException.class);
        assertThat(tunnel.isConnected()).isFalse();
    }
}
