package io.multicloud.driver.mock.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jcraft.jsch.ChannelDirectTCPIP;
import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import io.multicloud.api.Cloud;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.KeyPair;
import io.multicloud.api.Vm;
import io.multicloud.api.VmStatus;
import io.multicloud.core.MultiCloud;
import io.multicloud.driver.mock.MockControl;
import io.multicloud.testkit.Await;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The servers' controls and life cycle, on a mock cloud wired up by hand as a user without the extension would. */
class MockSshServersTest {
    @TempDir
    Path work;
    private MultiCloud multiCloud;
    private Cloud cloud;
    private MockSshServers servers;
    private KeyPair key;

    @BeforeEach
    void connect() {
        multiCloud = MultiCloud.builder().environment(Map.of()).home(work.resolve("home")).build();
        cloud = multiCloud.connect(ConnectionConfig.of("mock", "mars").credential("account", "ssh-" + System.nanoTime())
                .property("transition_ms", "20"));
        servers = MockSshServers.start(work.resolve("vms"));
        cloud.unwrap(MockControl.class).serveSsh(servers);
        key = SshVms.networkAndKey(cloud);
    }

    @AfterEach
    void close() {
        servers.close();
        multiCloud.close();
    }

    @Test
    void eachVmGetsItsOwnPortHomeAndHostKey() {
        Vm a = SshVms.running(cloud, "vm-a", key);
        Vm b = SshVms.running(cloud, "vm-b", key);

        assertThat(servers.served()).containsExactly("vm-a", "vm-b");
        assertThat(a.ssh().port()).isEqualTo(servers.port("vm-a")).isNotEqualTo(b.ssh().port());
        assertThat(servers.homeOf("vm-a")).isDirectory().startsWith(work.resolve("vms"));
        assertThat(servers.homeOf("vm-a")).isNotEqualTo(servers.homeOf("vm-b"));
        assertThat(servers.hostKey("vm-a")).startsWith("ssh-ed25519 ").isNotEqualTo(servers.hostKey("vm-b"));
    }

    @Test
    void rotatingAHostKeyClosesTheVmsSessionsAndClientsThenSeeTheNewKey() throws Exception {
        Vm vm = SshVms.running(cloud, "vm-1", key);
        String before = servers.hostKey("vm-1");
        SshClient old = SshClient.withKey(vm.ssh(), key);
        assertThat(old.hostKey()).isEqualTo(before);

        servers.rotateHostKey("vm-1");
        Await.until("the old session is closed", () -> !old.connected(), SshClient.WAIT);
        try (SshClient fresh = SshClient.withKey(vm.ssh(), key)) {
            assertThat(fresh.hostKey()).isEqualTo(servers.hostKey("vm-1")).isNotEqualTo(before);
        }
    }

    @Test
    void anUnreachableVmRefusesConnectionsAndDropsItsSessionsUntilItIsReachableAgain() throws Exception {
        Vm vm = SshVms.running(cloud, "vm-1", key);
        SshVms.running(cloud, "vm-2", key);
        SshClient open = SshClient.withKey(vm.ssh(), key);

        servers.unreachable("vm-1");
        Await.until("the open session is closed", () -> !open.connected(), SshClient.WAIT);
        assertThatThrownBy(() -> new Socket("127.0.0.1", vm.ssh().port()).close()).isInstanceOf(ConnectException.class);
        assertThatThrownBy(() -> SshClient.withKey(vm.ssh(), key)).isInstanceOf(JSchException.class);
        try (SshClient neighbour = SshClient.withKey(cloud.vms().get("vm-2").ssh(), key)) {
            assertThat(neighbour.exec("hostname").stdout()).isEqualTo("vm-2\n");
        }

        servers.reachable("vm-1");
        try (SshClient again = SshClient.withKey(vm.ssh(), key)) {
            assertThat(again.exec("hostname").stdout()).isEqualTo("vm-1\n");
        }
    }

    @Test
    void deletingAVmStopsServingItAndEndsItsSessions() throws Exception {
        Vm vm = SshVms.running(cloud, "vm-1", key);
        SshClient open = SshClient.withKey(vm.ssh(), key);
        assertThat(servers.openSessions("vm-1")).isEqualTo(1);

        cloud.vms().delete("vm-1");
        assertThat(servers.served()).isEmpty();
        Await.until("the open session is closed", () -> !open.connected(), SshClient.WAIT);
        assertThatThrownBy(() -> new Socket("127.0.0.1", vm.ssh().port()).close()).isInstanceOf(ConnectException.class);
        cloud.vms().waitUntil("vm-1", VmStatus.TERMINATED, SshVms.WAIT);
    }

    @Test
    void aSecondServedVmOfTheSameNameIsRefusedAndNotCreated() {
        SshVms.running(cloud, "vm-1", key);
        Cloud venus = multiCloud.connect(ConnectionConfig.of("mock", "venus").credential("account", "other-" + System.nanoTime()));
        venus.unwrap(MockControl.class).serveSsh(servers);
        SshVms.network(venus, "vpc-1", "10.0.0.0/16");

        assertThatThrownBy(() -> venus.vms().create(SshVms.request("vm-1", "vpc-1", null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("vm-1");
        assertThat(venus.vms().list()).isEmpty();
        assertThat(servers.served()).containsExactly("vm-1");
    }

    @Test
    void controlsOnAVmThatIsNotServedSayWhichAre() {
        SshVms.running(cloud, "vm-1", key);
        assertThatThrownBy(() -> servers.port("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope").hasMessageContaining("vm-1");
        assertThatThrownBy(() -> servers.rotateHostKey("nope")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void moreCommandsAtOnceThanPipesMadeAheadEachRunOnceWithTheirOwnOutput() throws Exception {
        Vm vm = SshVms.running(cloud, "vm-1", key);
        int commands = 300;   // past the launcher's stock of 256 ready pipes: the rest wait for the next batch
        try (SshClient client = SshClient.withKey(vm.ssh(), key);
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<SshClient.Result>> runs = new ArrayList<>();
            for (int i = 0; i < commands; i++) {
                String command = "echo out-" + i + "; echo err-" + i + " >&2; exit " + (i % 7);
                runs.add(pool.submit(() -> client.exec(command)));
            }
            for (int i = 0; i < commands; i++) {
                assertThat(runs.get(i).get()).as("command %d", i)
                        .isEqualTo(new SshClient.Result(i % 7, "out-" + i + "\n", "err-" + i + "\n"));
            }
        }
    }

    @Test
    void closingFreesEveryPortAndThreadAndKillsRunningCommands() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        Path launcherFiles = servers.launcherDir();
        assertThat(launcherFiles).isDirectory();
        Vm a = SshVms.running(cloud, "vm-a", key);
        Vm hidden = SshVms.running(cloud, SshVms.request("hidden", "vpc-1", key).publicIp(false));
        List<Integer> ports = List.of(servers.port("vm-a"), servers.port("hidden"));
        ProcessHandle sleeping;
        try (SshClient client = SshClient.withKey(a.ssh(), key);
             SshClient tunnelled = client.jumpTo(hidden.ssh(), key)) {
            assertThat(tunnelled.exec("hostname").stdout()).isEqualTo("hidden\n");
            ChannelDirectTCPIP refused = client.tunnel("127.0.0.1", 1);
            assertThatThrownBy(() -> refused.connect(SshClient.TIMEOUT_MS)).isInstanceOf(JSchException.class);
            ChannelExec running = client.start("echo $$; exec sleep 60");
            Lines out = new Lines(running.getInputStream());
            running.connect(SshClient.TIMEOUT_MS);
            sleeping = ProcessHandle.of(Long.parseLong(out.next())).orElseThrow();

            servers.close();
        }
        servers.close();

        Await.until("the running command is killed", () -> !sleeping.isAlive(), SshClient.WAIT);
        assertThat(launcherFiles).doesNotExist();
        for (int port : ports) {
            assertThatThrownBy(() -> connect(port)).as("port %d", port).isInstanceOf(ConnectException.class);
        }
        try {
            Await.until("no thread of the servers is left", () -> serverThreads(before).isEmpty(), SshClient.WAIT);
        } catch (AssertionError e) {
            throw new AssertionError("threads left: " + serverThreads(before), e);
        }
        assertThatThrownBy(() -> cloud.vms().create(SshVms.request("late", "vpc-1", key)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    private static void connect(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        }
    }

    /** Threads started since {@code before} that belong to the SSH servers (MINA's pools and the command pumps). */
    private static Set<String> serverThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive())
                .map(Thread::getName)
                .filter(n -> n.startsWith("sshd-") || n.startsWith("mock-ssh-") || n.startsWith("TcpIpServerChannel")
                        || n.startsWith("SftpSubsystem"))
                .collect(Collectors.toSet());
    }
}
