package io.multicloud.driver.mock.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import io.multicloud.api.Cloud;
import io.multicloud.core.MultiCloud;
import io.multicloud.core.mci.Mci;
import io.multicloud.core.remote.ExecReport;
import io.multicloud.driver.mock.MockControl;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The servers as a demo or JShell uses them, without the test kit: {@code MockSshServers.start()}
 * and {@code serveSsh}, then commands over real SSH; closing leaves no directory behind.
 */
class MockSshServersStandaloneTest {
    @TempDir
    Path home;

    @Test
    void anApplicationGetsSshBackedMockVmsAndCloseRemovesTheirDirectories() {
        Path workDir;
        try (MockSshServers servers = MockSshServers.start();
             MultiCloud mc = MultiCloud.builder().environment(Map.of()).home(home).build()) {
            workDir = servers.workDir();
            Cloud mars = mc.connect("mock", "mars");
            mars.unwrap(MockControl.class).serveSsh(servers);
            Mci web = mc.mci("web").subGroup("g", mars, "m1.small", "ubuntu-22.04", 2).create();

            ExecReport report = web.exec("hostname");

            assertThat(report.ok()).as("%s", report).isTrue();
            assertThat(report.results()).extracting(r -> r.stdout().strip()).containsExactly("web-g-1", "web-g-2");
            assertThat(servers.homeOf("web-g-1")).isDirectory().startsWith(workDir);
            web.delete();
        }
        assertThat(workDir).doesNotExist();
    }
}
