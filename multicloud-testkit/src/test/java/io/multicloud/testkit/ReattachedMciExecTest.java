package io.multicloud.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.multicloud.api.Cloud;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.core.MultiCloud;
import io.multicloud.core.mci.Mci;
import io.multicloud.core.remote.ExecReport;
import io.multicloud.core.remote.RemoteCommand;
import io.multicloud.driver.mock.MockControl;
import io.multicloud.driver.mock.MockDriver;
import io.multicloud.driver.mock.ssh.MockSshServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An MCI found again by another instance of the same owner (same home: same owner id and SSH
 * store) runs commands and takes uploads over real SSH, as in the instance that made it.
 */
class ReattachedMciExecTest {
    @TempDir
    Path tmp;

    @Test
    void anMciFoundAgainRunsCommandsOverSsh() throws Exception {
        MockDriver mock = new MockDriver();
        try (MockSshServers servers = MockSshServers.start(tmp.resolve("vms"));
             MultiCloud maker = instance(mock)) {
            Cloud mars = maker.connect(ConnectionConfig.of("mock", "mars").property("transition_ms", "10"));
            mars.unwrap(MockControl.class).serveSsh(servers);
            Mci made = maker.mci("app").subGroup("web", mars, "m1.small", "ubuntu-22.04", 2).create();
            assertThat(made.exec("hostname").ok()).isTrue();

            try (MultiCloud other = instance(mock)) {
                other.connect(ConnectionConfig.of("mock", "mars"));
                Mci found = other.mcis().get("app");
                ExecReport report = found.exec(RemoteCommand.of("echo \"$(hostname) $$Func(GetVmId())\""));
                assertThat(report.ok()).as(report.toString()).isTrue();
                assertThat(report.of("app-web-1").stdout()).isEqualTo("app-web-1 app-web-1\n");
                Path file = Files.writeString(tmp.resolve("hello.txt"), "hello");
                assertThat(found.upload(file, "hello.txt").ok()).isTrue();
                assertThat(found.exec("cat hello.txt").of("app-web-2").stdout()).isEqualTo("hello\n");
                assertThat(found.delete().ok()).isTrue();
            }
        }
    }

    private MultiCloud instance(MockDriver mock) {
        return MultiCloud.builder().environment(Map.of()).home(tmp.resolve("home")).driver(mock).build();
    }
}
