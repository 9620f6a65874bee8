package io.multicloud.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jcraft.jsch.JSch;
import io.multicloud.api.Cloud;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.Secret;
import io.multicloud.core.MultiCloud;
import io.multicloud.core.mci.Mci;
import io.multicloud.core.mci.MciVm;
import io.multicloud.core.mci.SubGroupRequest;
import io.multicloud.core.remote.ExecReport;
import io.multicloud.core.remote.OutputListener;
import io.multicloud.core.remote.RemoteCommand;
import io.multicloud.core.remote.TransferReport;
import io.multicloud.core.remote.TransferResult;
import io.multicloud.core.remote.TransportError;
import io.multicloud.core.remote.VmExecResult;
import io.multicloud.driver.mock.MockControl;
import io.multicloud.driver.mock.ssh.MockSshServers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote commands end to end over real SSH: an MCI of mock VMs in two subgroups on two
 * connections, each VM with its own SSH server on 127.0.0.1 (MINA SSHD) running commands in a
 * local shell that knows the VM's name and addresses, so every check below reads what really
 * ran on which VM.
 */
class RemoteExecEndToEndTest {
    @TempDir
    Path tmp;

    private MultiCloud mc;
    private MockSshServers servers;
    private Cloud mars;
    private Cloud venus;

    @BeforeEach
    void start() {
        mc = MultiCloud.builder().environment(Map.of()).home(tmp.resolve("home")).build();
        servers = MockSshServers.start(tmp.resolve("vms"));
        String account = "ssh-" + UUID.randomUUID().toString().substring(0, 8);
        mars = connect("mars", account);
        venus = connect("venus", account);
    }

    private Cloud connect(String region, String account) {
        Cloud cloud = mc.connect(ConnectionConfig.of("mock", region).named(region).credential("account", account)
                .property("transition_ms", "10"));
        cloud.unwrap(MockControl.class).serveSsh(servers);
        return cloud;
    }

    @AfterEach
    void stop() {
        mc.mcis().list().forEach(Mci::delete);
        mc.close();
        servers.close();
    }

    private Mci sixVms() {
        return mc.mci("app").subGroup("web", mars, "m1.small", "ubuntu-22.04", 3)
                .subGroup("db", venus, "m1.small", "ubuntu-22.04", 3).create();
    }

    @Test
    void everyBuiltInFunctionIsExpandedForTheVmItRunsOn() {
        Mci mci = sixVms();
        assertThat(mci.vms()).hasSize(6);
        List<MciVm> ordered = mci.vms().stream()
                .sorted(java.util.Comparator.comparing(MciVm::name, io.multicloud.core.remote.CommandTarget.NATURAL_ORDER)).toList();
        String allPublic = String.join("+", ordered.stream().map(v -> v.vm().publicIp() + ":3000").toList());
        String allPrivate = String.join(",", ordered.stream().map(v -> v.vm().privateIp()).toList());

        ExecReport report = mci.exec(RemoteCommand.of(
                "echo \"self=$MC_VM_NAME $MC_PUBLIC_IP $MC_PRIVATE_IP\"",
                "echo 'ip=$$Func(GetPublicIP(target=this, prefix=http://, postfix=:3000))'"
                        + " 'priv=$$Func(GetPrivateIP(target=this))'",
                "echo 'ids=$$Func(GetMciId()) $$Func(GetVmId()) $$Func(GetInfraId()) $$Func(GetNodeId())'",
                "echo task=$$Func(AssignTask(task='a,b,c'))",
                "echo 'all=$$Func(GetPublicIPs(target=this, separator=+, postfix=:3000))'",
                "echo 'allpriv=$$Func(getprivateips())'",
                "echo 'first=$$Func(GetPublicIP(target=app.app-db-1))'",
                "echo 'where=$$Func(GetLocationDisplay()) $$Func(GetLocationLatitude()) $$Func(GetLocationLongitude())'"));

        assertThat(report.ok()).as(report.toString()).isTrue();
        assertThat(report.results()).extracting(VmExecResult::vm).containsExactly(
                "app-db-1", "app-db-2", "app-db-3", "app-web-1", "app-web-2", "app-web-3");
        MciVm dbOne = mci.vms("multicloud:vm=app-db-1").get(0);
        for (int i = 0; i < ordered.size(); i++) {
            MciVm vm = ordered.get(i);
            List<String> out = report.of(vm.name()).stdout().lines().toList();
            assertThat(out.get(0)).isEqualTo("self=" + vm.name() + " " + vm.vm().publicIp() + " " + vm.vm().privateIp());
            assertThat(out.get(1)).isEqualTo("ip=http://" + vm.vm().publicIp() + ":3000 priv=" + vm.vm().privateIp());
            assertThat(out.get(2)).isEqualTo("ids=app " + vm.name() + " app " + vm.name());
            assertThat(out.get(3)).isEqualTo("task=" + List.of("a", "b", "c").get(i % 3));
            assertThat(out.get(4)).isEqualTo("all=" + allPublic);
            assertThat(out.get(5)).isEqualTo("allpriv=" + allPrivate);
            assertThat(out.get(6)).isEqualTo("first=" + dbOne.vm().publicIp());
            var region = vm.cloud().regions().get(vm.vm().region()).location();
            assertThat(out.get(7)).startsWith("where=" + region.display() + " ");
        }
    }

    @Test
    void regionsAreLookedUpOnlyForACommandThatReadsALocation() {
        Mci mci = sixVms();
        MockControl control = mars.unwrap(MockControl.class);
        long before = control.callCount();
        assertThat(mci.exec("echo $$Func(GetPublicIP(target=this))").ok()).isTrue();
        long withoutLocation = control.callCount() - before;

        before = control.callCount();
        assertThat(mci.exec("echo $$Func(GetLocationDisplay())").ok()).isTrue();
        long withLocation = control.callCount() - before;

        assertThat(withLocation).as("the location needs the region of each connection").isGreaterThan(withoutLocation);
    }

    @Test
    void aMalformedFunctionIsRefusedBeforeAnyVmIsContacted() {
        Mci mci = sixVms();
        assertThatThrownBy(() -> mci.exec("echo $$Func(GetPublicIP(target=app.app-nosuch-1))"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("column");
        assertThatThrownBy(() -> mci.exec("echo $$Func(GetPublicIP(target=this)"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("column");
        // No VM was logged in to: not one host key has been pinned.
        assertThat(mc.sshStore().knownHosts()).doesNotExist();
    }

    @Test
    void aFailingCommandOnOneVmIsItsExitCodeAndTheOthersGoOn() {
        Mci mci = sixVms();
        ExecReport report = mci.exec(RemoteCommand.of(
                "if [ \"$MC_VM_NAME\" = app-web-2 ]; then echo broken >&2; exit 7; fi; echo fine",
                "echo second"));

        VmExecResult failed = report.of("app-web-2");
        assertThat(failed.exitCode()).isEqualTo(7);
        assertThat(failed.transportError()).isEmpty();
        assertThat(failed.stderr()).isEqualTo("broken\n");
        assertThat(failed.stdout()).doesNotContain("second");
        assertThat(report.failed()).extracting(VmExecResult::vm).containsExactly("app-web-2");
        assertThat(report.of("app-db-3").stdout()).isEqualTo("fine\nsecond\n");
    }

    @Test
    void commandsShareOneShellPerVmAndStopAtTheFirstFailureUnlessToldToGoOn() {
        Mci mci = sixVms();
        ExecReport stops = mci.exec(RemoteCommand.of("cd /tmp && X=42", "false", "echo \"$X $(pwd)\"").on("multicloud:subgroup=web"));
        assertThat(stops.results()).hasSize(3).allSatisfy(r -> {
            assertThat(r.commands()).hasSize(2);
            assertThat(r.exitCode()).isEqualTo(1);
        });

        ExecReport goesOn = mci.exec(RemoteCommand.of("cd /tmp && X=42", "false", "echo \"$X $(pwd)\"").keepGoing());
        assertThat(goesOn.results()).hasSize(6).allSatisfy(r -> {
            assertThat(r.commands()).extracting(c -> c.exitCode()).containsExactly(0, 1, 0);
            assertThat(r.commands().get(2).stdout()).isEqualTo("42 /tmp\n");
        });
    }

    @Test
    void anUnreachableVmIsATransportErrorAmongReachableOnes() {
        Mci mci = sixVms();
        servers.unreachable("app-db-2");

        ExecReport report = mci.exec(RemoteCommand.of("echo hi").connectTimeout(Duration.ofSeconds(3)));

        VmExecResult down = report.of("app-db-2");
        assertThat(down.transportError()).get().extracting(TransportError::kind).isEqualTo(TransportError.Kind.CONNECT);
        assertThat(down.error().message()).contains("app-db-2");
        assertThat(down.commands()).isEmpty();
        assertThat(down.exitCode()).isEqualTo(-1);
        assertThat(report.results().stream().filter(r -> !r.vm().equals("app-db-2")))
                .hasSize(5).allSatisfy(r -> assertThat(r.stdout()).isEqualTo("hi\n"));
    }

    @Test
    void aChangedHostKeyIsRefusedNamingTheVm() {
        Mci mci = sixVms();
        assertThat(mci.exec("true").ok()).isTrue();
        servers.rotateHostKey("app-web-1");

        ExecReport report = mci.exec("echo again");

        TransportError error = report.of("app-web-1").error();
        assertThat(error.kind()).isEqualTo(TransportError.Kind.HOST_KEY_CHANGED);
        assertThat(error.message()).contains("app-web-1").contains("known_hosts");
        assertThat(report.failed()).hasSize(1);
    }

    @Test
    void aVmWithoutAPublicIpIsReachedThroughABastionInItsNetwork() {
        Mci mci = mc.mci("priv").subGroup("front", mars, "m1.small", "ubuntu-22.04", 1)
                .subGroup(SubGroupRequest.of("back", mars, "m1.small", "ubuntu-22.04", 2).publicIp(false))
                .create();
        assertThat(mci.vms("multicloud:subgroup=back")).allSatisfy(v -> assertThat(v.vm().publicIp()).isNull());

        ExecReport report = mci.exec("echo \"$MC_VM_NAME $MC_PRIVATE_IP\"");

        assertThat(report.ok()).as(report.toString()).isTrue();
        for (MciVm back : mci.vms("multicloud:subgroup=back")) {
            assertThat(report.of(back.name()).stdout()).isEqualTo(back.name() + " " + back.vm().privateIp() + "\n");
        }
        ExecReport named = mci.exec(RemoteCommand.of("hostname").on("multicloud:subgroup=back").bastion("priv-front-1"));
        assertThat(named.results()).extracting(VmExecResult::stdout).containsExactly("priv-back-1\n", "priv-back-2\n");
    }

    @Test
    void aPrivateVmWithNoBastionInItsNetworkSaysSo() {
        Mci mci = mc.mci("lonely").subGroup(SubGroupRequest.of("back", venus, "m1.small", "ubuntu-22.04", 1).publicIp(false))
                .create();

        TransportError error = mci.exec("true").of("lonely-back-1").error();

        assertThat(error.kind()).isEqualTo(TransportError.Kind.NO_ROUTE);
        assertThat(error.message()).contains("lonely-back-1").contains("bastion");
    }

    @Test
    void anUploadedFileCanBeRunAndAFileDownloaded() throws Exception {
        Mci mci = sixVms();
        Path script = Files.writeString(tmp.resolve("greet.sh"), "echo \"hello from $MC_VM_NAME\" > greeting.txt\ncat greeting.txt\n");

        TransferReport upload = mci.upload(script, "app/bin/greet.sh", "multicloud:subgroup=db");
        assertThat(upload.ok()).as(upload.toString()).isTrue();
        assertThat(upload.results()).extracting(TransferResult::bytes).containsOnly(Files.size(script));

        ExecReport report = mci.exec(RemoteCommand.of("sh app/bin/greet.sh").on("multicloud:subgroup=db"));
        assertThat(report.results()).extracting(VmExecResult::stdout)
                .containsExactly("hello from app-db-1\n", "hello from app-db-2\n", "hello from app-db-3\n");
        assertThat(servers.homeOf("app-db-2").resolve("app/bin/greet.sh")).hasSameTextualContentAs(script);

        Path local = tmp.resolve("from-db-2.txt");
        TransferResult download = mci.download("app-db-2", "greeting.txt", local);
        assertThat(download.ok()).isTrue();
        assertThat(local).hasContent("hello from app-db-2");
    }

    @Test
    void outputIsStreamedLineByLineBeforeTheCommandEnds() throws Exception {
        Mci mci = sixVms();
        CountDownLatch started = new CountDownLatch(1);
        Path gate = tmp.resolve("gate");
        OutputListener listener = (vm, stream, line) -> {
            if (vm.equals("app-web-1") && stream == OutputListener.Stream.STDOUT && line.equals("started")) {
                started.countDown();
            }
        };

        CompletableFuture<ExecReport> running = mci.execAsync(RemoteCommand.of(
                "echo started; while [ ! -e " + gate + " ]; do sleep 0.05; done; echo finished").on("multicloud:vm=app-web-1")
                .listener(listener));

        assertThat(started.await(10, TimeUnit.SECONDS)).as("the first line arrived while the command ran").isTrue();
        assertThat(running).isNotDone();
        Files.writeString(gate, "go");
        assertThat(running.get(10, TimeUnit.SECONDS).of("app-web-1").stdout()).isEqualTo("started\nfinished\n");
    }

    @Test
    void aCommandRunningPastItsTimeoutIsStoppedAndSaysSo() {
        Mci mci = sixVms();
        ExecReport report = mci.exec(RemoteCommand.of("echo begun; sleep 30").on("multicloud:vm=app-db-1")
                .timeout(Duration.ofMillis(500)));

        VmExecResult result = report.of("app-db-1");
        assertThat(result.error().kind()).isEqualTo(TransportError.Kind.TIMEOUT);
        assertThat(result.duration()).isLessThan(Duration.ofSeconds(10));
        assertThat(result.stdout()).isEqualTo("begun\n");
    }

    @Test
    void repeatedCommandsReuseTheOpenSessionOfEachVm() {
        Mci mci = sixVms();
        assertThat(mci.exec("true").ok()).isTrue();
        assertThat(mci.exec(RemoteCommand.of("true", "echo again")).ok()).isTrue();
        assertThat(mci.upload(tmp.resolve("home").resolve(".multicloud").resolve("ssh").resolve("known_hosts"), "pins").ok()).isTrue();

        // A new login would have made a second session beside the pooled one, which stays open for 5 minutes.
        assertThat(mci.vms()).allSatisfy(vm -> assertThat(servers.openSessions(vm.name())).isEqualTo(1));

        // A reused session needs no secret: the store is read only to log in.
        mc.sshStore().removePrivateKey(mars.config().name(), sharedKey(mci));
        assertThat(mci.exec(RemoteCommand.of("hostname").on("multicloud:subgroup=web")).ok()).isTrue();
    }

    @Test
    void anIdleSessionClosesButNeverUnderACommandStillRunning() throws Exception {
        try (MultiCloud shortIdle = MultiCloud.builder().environment(Map.of()).home(tmp.resolve("home2"))
                .sshSessionIdle(Duration.ofMillis(200)).build()) {
            Cloud cloud = shortIdle.connect(ConnectionConfig.of("mock", "mars").named("idle")
                    .credential("account", "idle-" + UUID.randomUUID().toString().substring(0, 8)).property("transition_ms", "10"));
            cloud.unwrap(MockControl.class).serveSsh(servers);
            Mci mci = shortIdle.mci("idle").subGroup("web", cloud, "m1.small", "ubuntu-22.04", 2).create();
            try {
                assertThat(mci.exec("true").ok()).isTrue();

                // Runs several times the idle timeout: the pool lets the session go meanwhile, but it
                // closes only once the command is over.
                CompletableFuture<ExecReport> slow = mci.execAsync(RemoteCommand.of("sleep 1.5; echo done")
                        .on("multicloud:vm=idle-web-1"));
                Await.until("the idle session of the other VM is closed", () -> servers.openSessions("idle-web-2") == 0,
                        Duration.ofSeconds(10));
                assertThat(slow).isNotDone();
                ExecReport report = slow.get(10, TimeUnit.SECONDS);
                assertThat(report.ok()).as(report.results().toString()).isTrue();
                assertThat(report.of("idle-web-1").stdout()).isEqualTo("done\n");
                Await.until("the session is closed after the command", () -> servers.openSessions("idle-web-1") == 0,
                        Duration.ofSeconds(10));
            } finally {
                mci.delete();
            }
        }
    }

    @Test
    void aVmWithAStoredPasswordLogsInWithItWhenNoKeyIsStored() {
        Mci mci = sixVms();
        String connection = mars.config().name();
        mc.sshStore().removePrivateKey(connection, sharedKey(mci));
        servers.password("app-web-3", "s3cret-pw");
        mc.sshStore().putPassword(connection, "app-web-3", Secret.of("s3cret-pw"));

        ExecReport report = mci.exec(RemoteCommand.of("hostname").on("multicloud:subgroup=web"));

        assertThat(report.of("app-web-3").stdout()).isEqualTo("app-web-3\n");
        assertThat(report.of("app-web-1").error().kind()).isEqualTo(TransportError.Kind.NO_CREDENTIAL);
        assertThat(report.toString() + report.results()).doesNotContain("s3cret-pw");
    }

    @Test
    void aKeyOrPasswordTheVmRefusesIsAnAuthenticationErrorThatShowsNoSecret() throws Exception {
        Mci mci = sixVms();
        String connection = mars.config().name();
        ByteArrayOutputStream otherKey = new ByteArrayOutputStream();
        com.jcraft.jsch.KeyPair.genKeyPair(new JSch(), com.jcraft.jsch.KeyPair.ECDSA, 256).writePrivateKey(otherKey);
        String otherKeyText = otherKey.toString(StandardCharsets.UTF_8);
        mc.sshStore().putPrivateKey(connection, sharedKey(mci), Secret.of(otherKeyText));

        ExecReport report = mci.exec("hostname");

        for (String vm : List.of("app-web-1", "app-web-2", "app-web-3")) {
            TransportError error = report.of(vm).error();
            assertThat(error.kind()).as(vm).isEqualTo(TransportError.Kind.AUTHENTICATION);
            assertThat(error.message()).contains(vm).contains("refused the login");
        }
        assertThat(report.of("app-db-1").stdout()).isEqualTo("app-db-1\n");
        String body = otherKeyText.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        assertThat(report.toString() + report.results()).doesNotContain(body);

        mc.sshStore().removePrivateKey(connection, sharedKey(mci));
        servers.password("app-web-2", "right-pw");
        mc.sshStore().putPassword(connection, "app-web-2", Secret.of("wrong-pw"));
        ExecReport withPassword = mci.exec(RemoteCommand.of("hostname").on("multicloud:subgroup=web"));
        assertThat(withPassword.of("app-web-2").error().kind()).isEqualTo(TransportError.Kind.AUTHENTICATION);
        assertThat(withPassword.toString() + withPassword.results()).doesNotContain("wrong-pw").doesNotContain("right-pw");
    }

    @Test
    void postCreateCommandsRunOnceEveryVmRuns() {
        Mci mci = mc.mci("setup").subGroup("web", mars, "m1.small", "ubuntu-22.04", 2)
                .postCreate(RemoteCommand.of("echo installed-on-$$Func(GetVmId()) > installed.txt")).create();

        assertThat(mci.postCreate()).get().matches(ExecReport::ok);
        assertThat(servers.homeOf("setup-web-2").resolve("installed.txt")).hasContent("installed-on-setup-web-2");
    }

    /** The MCI's shared key pair (named after this SSH store). */
    private static String sharedKey(Mci mci) {
        return mci.vms().getFirst().vm().keyPair();
    }
}
