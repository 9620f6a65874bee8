package io.multicloud.driver.mock.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jcraft.jsch.JSchException;
import io.multicloud.api.Cloud;
import io.multicloud.api.KeyPair;
import io.multicloud.api.SshAccess;
import io.multicloud.api.Vm;
import io.multicloud.testkit.MockCloudTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may log in to a served VM: its login user with its key pair, or with a password a test set; nobody else. */
@MockCloudTest(ssh = true)
class SshLoginTest {
    private KeyPair key;
    private Vm vm;

    @BeforeEach
    void createVm(Cloud cloud) {
        key = SshVms.networkAndKey(cloud);
        vm = SshVms.running(cloud, "vm-1", key);
    }

    @Test
    void theVmsKeyLogsInAsItsLoginUserOnItsLoopbackPort(MockSshServers servers) throws Exception {
        assertThat(vm.ssh()).isEqualTo(new SshAccess("127.0.0.1", servers.port("vm-1"), "ubuntu"));
        try (SshClient client = SshClient.withKey(vm.ssh(), key)) {
            assertThat(client.exec("echo \"$USER\"").stdout()).isEqualTo("ubuntu\n");
        }
    }

    @Test
    void anotherKeyIsRefused(Cloud cloud) {
        KeyPair other = cloud.keyPairs().create("key-2");
        assertThatThrownBy(() -> SshClient.withKey(vm.ssh(), other)).isInstanceOf(JSchException.class)
                .hasMessageContaining("Auth fail");
    }

    @Test
    void theRightKeyForAnotherUserIsRefused() {
        assertThatThrownBy(() -> SshClient.withKey("127.0.0.1", vm.ssh().port(), "root", key))
                .isInstanceOf(JSchException.class).hasMessageContaining("Auth fail");
    }

    @Test
    void aVmCreatedWithoutAKeyPairTakesNoKey(Cloud cloud) {
        Vm keyless = SshVms.running(cloud, "vm-2", null);
        assertThatThrownBy(() -> SshClient.withKey(keyless.ssh(), key)).isInstanceOf(JSchException.class)
                .hasMessageContaining("Auth fail");
    }

    @Test
    void aPasswordLogsInOnlyOnceSetAndOnlyForTheLoginUser(MockSshServers servers) throws Exception {
        assertThatThrownBy(() -> SshClient.withPassword(vm.ssh(), "s3cret")).isInstanceOf(JSchException.class);

        servers.password("vm-1", "s3cret");
        try (SshClient client = SshClient.withPassword(vm.ssh(), "s3cret")) {
            assertThat(client.exec("hostname").stdout()).isEqualTo("vm-1\n");
        }
        assertThatThrownBy(() -> SshClient.withPassword(vm.ssh(), "wrong")).isInstanceOf(JSchException.class);
        SshAccess asRoot = new SshAccess(vm.ssh().host(), vm.ssh().port(), "root");
        assertThatThrownBy(() -> SshClient.withPassword(asRoot, "s3cret")).isInstanceOf(JSchException.class);

        servers.password("vm-1", null);
        assertThatThrownBy(() -> SshClient.withPassword(vm.ssh(), "s3cret")).isInstanceOf(JSchException.class);
    }

    @Test
    void theServersNeverShowThePassword(MockSshServers servers) {
        servers.password("vm-1", "s3cret-pw");
        assertThat(servers.toString()).doesNotContain("s3cret-pw");
    }
}
