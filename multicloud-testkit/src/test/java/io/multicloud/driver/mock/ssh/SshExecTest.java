package io.multicloud.driver.mock.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.ChannelShell;
import io.multicloud.api.Cloud;
import io.multicloud.api.KeyPair;
import io.multicloud.api.Vm;
import io.multicloud.testkit.Await;
import io.multicloud.testkit.MockCloudTest;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a command on a served VM sees and how its bytes flow, through real SSH with JSch. */
@MockCloudTest(ssh = true)
class SshExecTest {
    private KeyPair key;
    private Vm vm;

    @BeforeEach
    void createVm(Cloud cloud) {
        key = SshVms.networkAndKey(cloud);
        vm = SshVms.running(cloud, "vm-1", key);
    }

    @Test
    void eachVmsCommandsSeeTheirOwnVmInTheirEnvironmentAndRunInItsHome(Cloud cloud, MockSshServers servers) throws Exception {
        Vm other = SshVms.running(cloud, "vm-2", key);
        String probe = "echo \"$MC_VM_NAME|$MC_VM_ID|$MC_PUBLIC_IP|$MC_PRIVATE_IP|$MC_LOGIN_USER|$HOME|$(pwd)|$(hostname)|$(hostname -I)\"";
        for (Vm v : new Vm[] {vm, other}) {
            Path home = servers.homeOf(v.name());
            try (SshClient client = SshClient.withKey(v.ssh(), key)) {
                assertThat(client.exec(probe).stdout()).isEqualTo(String.join("|", v.name(), v.id(), v.publicIp(),
                        v.privateIp(), "ubuntu", home.toString(), home.toString(), v.name(), v.privateIp()) + "\n");
            }
        }
        assertThat(servers.homeOf("vm-1")).isNotEqualTo(servers.homeOf("vm-2"));
    }

    @Test
    void theExitStatusAndStderrComeBackApartFromStdout() throws Exception {
        try (SshClient client = SshClient.withKey(vm.ssh(), key)) {
            SshClient.Result result = client.exec("echo to-out; echo to-err >&2; exit 7");
            assertThat(result).isEqualTo(new SshClient.Result(7, "to-out\n", "to-err\n"));
            assertThat(client.exec("true").exit()).isZero();
        }
    }

    @Test
    void aLineArrivesWhileTheSleepAfterItStillRunsAndClosingTheChannelKillsIt() throws Exception {
        try (SshClient client = SshClient.withKey(vm.ssh(), key)) {
            ChannelExec channel = client.start("echo \"started $$\"; exec sleep 60");
            Lines out = new Lines(channel.getInputStream());
            channel.connect(SshClient.TIMEOUT_MS);

            String line = out.next();
            assertThat(line).startsWith("started ");
            ProcessHandle sleeping = ProcessHandle.of(Long.parseLong(line.substring("started ".length()))).orElseThrow();
            assertThat(channel.isClosed()).as("the command still runs").isFalse();
            assertThat(sleeping.isAlive()).isTrue();

            channel.disconnect();
            Await.until("the command is killed", () -> !sleeping.isAlive(), SshClient.WAIT);
        }
    }

    @Test
    void aScriptOnStdinRunsInOneShellSoCdCarriesOverAndEofEndsIt(MockSshServers servers) throws Exception {
        String script = """
                mkdir -p work/deeper
                cd work
                cd deeper
                pwd
                echo "$MC_VM_NAME done"
                """;
        try (SshClient client = SshClient.withKey(vm.ssh(), key)) {
            SshClient.Result result = client.exec("sh", script);
            assertThat(result.stdout()).isEqualTo(servers.homeOf("vm-1").resolve("work/deeper") + "\nvm-1 done\n");
            assertThat(result.exit()).isZero();
        }
    }

    @Test
    void stdinStreamsToTheCommandWhileItRuns() throws Exception {
        try (SshClient client = SshClient.withKey(vm.ssh(), key)) {
            ChannelExec channel = client.start("while read -r line; do echo \"got $line\"; done; echo eof");
            OutputStream in = channel.getOutputStream();
            Lines out = new Lines(channel.getInputStream());
            channel.connect(SshClient.TIMEOUT_MS);

            in.write("one\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            assertThat(out.next()).isEqualTo("got one");
            in.write("two\n".getBytes(StandardCharsets.UTF_8));
            in.close();
            assertThat(out.next()).isEqualTo("got two");
            assertThat(out.next()).isEqualTo("eof");
            Await.until("the command ends", channel::isClosed, SshClient.WAIT);
            assertThat(channel.getExitStatus()).isZero();
        }
    }

    @Test
    void aBackgroundProcessLeftByOneCommandNeverReadsTheNextCommandsStdin(MockSshServers servers) throws Exception {
        try (SshClient client = SshClient.withKey(vm.ssh(), key)) {
            ChannelExec first = client.start("cat > stolen.txt 2>/dev/null & echo left");
            Lines firstOut = new Lines(first.getInputStream());
            first.connect(SshClient.TIMEOUT_MS);
            assertThat(firstOut.next()).isEqualTo("left");

            assertThat(client.exec("cat", "mine\n").stdout()).isEqualTo("mine\n");
            first.disconnect();
            assertThat(servers.homeOf("vm-1").resolve("stolen.txt")).isEmptyFile();
        }
    }

    @Test
    void anSftpUploadToARelativePathLandsInTheHomeAndRuns(MockSshServers servers) throws Exception {
        try (SshClient client = SshClient.withKey(vm.ssh(), key)) {
            client.upload("job.sh", "echo \"ran in $(pwd) on $(hostname)\"\n");
            assertThat(servers.homeOf("vm-1").resolve("job.sh")).hasContent("echo \"ran in $(pwd) on $(hostname)\"");
            assertThat(client.exec("sh ./job.sh").stdout()).isEqualTo("ran in " + servers.homeOf("vm-1") + " on vm-1\n");
        }
    }

    @Test
    void aCommandThatCannotStartEndsWith127AndSaysWhy(MockSshServers servers) throws Exception {
        try (SshClient client = SshClient.withKey(vm.ssh(), key)) {
            Files.delete(servers.homeOf("vm-1"));
            SshClient.Result result = client.exec("true");
            assertThat(result.exit()).isEqualTo(127);
            assertThat(result.stderr()).contains("cannot run the command");
        }
    }

    @Test
    void aShellChannelRunsShOnStdin() throws Exception {
        try (SshClient client = SshClient.withKey(vm.ssh(), key)) {
            ChannelShell shell = client.shell();
            OutputStream in = shell.getOutputStream();
            Lines out = new Lines(shell.getInputStream());
            shell.connect(SshClient.TIMEOUT_MS);
            in.write("echo \"shell on $(hostname)\"\nexit 0\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            assertThat(out.next()).isEqualTo("shell on vm-1");
        }
    }
}
