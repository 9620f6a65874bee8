package io.multicloud.testkit.openssh;

import static org.assertj.core.api.Assertions.assertThat;

import com.jcraft.jsch.JSch;
import io.multicloud.api.Cloud;
import io.multicloud.api.Secret;
import io.multicloud.api.SshAccess;
import io.multicloud.api.Vm;
import io.multicloud.api.VmStatus;
import io.multicloud.core.MultiCloud;
import io.multicloud.core.remote.CommandTarget;
import io.multicloud.core.remote.ExecReport;
import io.multicloud.core.remote.RemoteCommand;
import io.multicloud.core.remote.RemoteExecutor;
import io.multicloud.core.remote.RemoteVm;
import io.multicloud.core.remote.SshStore;
import io.multicloud.core.remote.TransportError;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command that runs past its timeout on a real OpenSSH server is stopped with everything it
 * started: closing the channel alone leaves the processes running there (the mock's SSH server
 * ends them on close, which hid this).
 */
class OpenSshTimeoutTest {
    @TempDir
    Path dir;

    private OpenSshServer server;
    private MultiCloud mc;
    private RemoteExecutor remote;
    private RemoteVm vm;

    @BeforeEach
    void start() throws Exception {
        String why = OpenSshServer.unavailable().orElse(null);
        if (why != null) {
            System.out.println("SKIPPED OpenSshTimeoutTest: " + why);
        }
        Assumptions.assumeTrue(why == null, why);
        com.jcraft.jsch.KeyPair key = com.jcraft.jsch.KeyPair.genKeyPair(new JSch(), com.jcraft.jsch.KeyPair.ECDSA, 256);
        ByteArrayOutputStream publicKey = new ByteArrayOutputStream();
        key.writePublicKey(publicKey, "multicloud-test");
        ByteArrayOutputStream privateKey = new ByteArrayOutputStream();
        key.writePrivateKey(privateKey);
        server = OpenSshServer.start(Files.createDirectories(dir.resolve("sshd")), publicKey.toString(StandardCharsets.UTF_8).trim());

        mc = MultiCloud.builder().environment(Map.of()).home(dir.resolve("home")).build();
        Cloud cloud = mc.connect("mock", "mars");
        SshStore store = new SshStore(dir.resolve("store"));
        store.putPrivateKey(cloud.config().name(), "key-1", Secret.of(privateKey.toString(StandardCharsets.UTF_8)));
        remote = new RemoteExecutor(store);
        Vm record = new Vm("real-1", "i-real", VmStatus.RUNNING, null, "mars", "mars-z1", "m1.small", "ubuntu-22.04",
                "vpc-1", "sn-1", List.of(), "key-1", "127.0.0.1", "10.0.0.1",
                new SshAccess("127.0.0.1", server.port(), System.getProperty("user.name")), 10, "standard", Instant.now(), Map.of());
        vm = new RemoteVm(cloud, record, new CommandTarget("real", "real-1", 0, "127.0.0.1", "10.0.0.1", null));
    }

    @AfterEach
    void stop() throws Exception {
        if (remote != null) {
            remote.close();
        }
        if (mc != null) {
            mc.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Gone, or a zombie (killed; its parent, killed too, cannot reap it, and PID 1 may be slow to). */
    private static boolean dead(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (java.io.IOException e) {
            return true;
        }
    }

    @Test
    void aTimedOutCommandIsStoppedWithEverythingItStartedEvenWhatIgnoresTerm() throws Exception {
        Path pids = dir.resolve("pids");
        String command = "sleep 300 & echo $! >> " + pids + "; (trap '' TERM; exec sleep 301) & echo $! >> " + pids + "; wait";

        ExecReport report = remote.exec("real", List.of(vm), List.of(vm), Map.of(),
                RemoteCommand.of(command).timeout(Duration.ofSeconds(1)));

        assertThat(report.of("real-1").error().kind()).isEqualTo(TransportError.Kind.TIMEOUT);
        List<String> started = Files.readAllLines(pids);
        assertThat(started).hasSize(2);
        for (String pid : started) {
            io.multicloud.testkit.Await.until("process " + pid + " the command started is gone", () -> dead(pid.trim()),
                    Duration.ofSeconds(10));
        }
        // The session is still good for the next command.
        ExecReport next = remote.exec("real", List.of(vm), List.of(vm), Map.of(), RemoteCommand.of("echo still here"));
        assertThat(next.of("real-1").stdout()).isEqualTo("still here\n");
    }
}
