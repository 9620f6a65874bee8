package io.multicloud.driver.mock;

import io.multicloud.api.KeyPair;
import io.multicloud.api.KeyPairRequest;
import io.multicloud.api.SshAccess;
import io.multicloud.api.Vm;
import io.multicloud.api.VmStatus;
import io.multicloud.spi.DriverConnection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hook through which VMs get real SSH endpoints: what the hosting is told, and what {@code Vm.ssh()} becomes. */
class MockSshHostingTest extends MockTestBase {
    private final RecordingHosting hosting = new RecordingHosting();

    @BeforeEach
    void createNetwork() {
        network(conn);
    }

    @Test
    void eachCreateIsServedOnceWithTheVmsDetails() {
        KeyPair key = conn.keyPairs().create(KeyPairRequest.named("key-1"));
        control(conn).serveSsh(hosting);
        Vm vm = conn.vms().create(vm("vm-1").keyPair("key-1"));
        awaitVm(conn, "vm-1", VmStatus.RUNNING);

        assertThat(hosting.served).containsExactly(new MockSshVm("default", "mars", "vpc-1", "sn-1", "vm-1", vm.id(),
                vm.publicIp(), vm.privateIp(), "ubuntu", key.publicKey()));
        assertThat(hosting.stopped).isEmpty();
    }

    @Test
    void aServedVmWithAPublicIpIsReachedOnLoopbackAtTheServedPort() {
        control(conn).serveSsh(hosting);
        Vm vm = conn.vms().create(vm("vm-1"));
        int port = hosting.portOf("vm-1");

        assertThat(vm.ssh()).isEqualTo(new SshAccess("127.0.0.1", port, "ubuntu"));
        assertThat(vm.publicIp()).startsWith("203.0.113.");
        assertThat(vm.privateIp()).startsWith("10.0.1.");
        assertThat(awaitVm(conn, "vm-1", VmStatus.RUNNING).ssh()).isEqualTo(vm.ssh());
        assertThat(conn.vms().list()).extracting(Vm::ssh).containsExactly(vm.ssh());
    }

    @Test
    void aServedVmWithoutAPublicIpIsReachedOnItsPrivateIpAtPort22() {
        control(conn).serveSsh(hosting);
        Vm vm = conn.vms().create(vm("vm-1").publicIp(false));

        assertThat(vm.publicIp()).isNull();
        assertThat(vm.ssh()).isEqualTo(new SshAccess(vm.privateIp(), 22, "ubuntu"));
        assertThat(hosting.served).singleElement().satisfies(s -> {
            assertThat(s.publicIp()).isNull();
            assertThat(s.privateIp()).isEqualTo(vm.privateIp());
            assertThat(s.authorizedKey()).as("created without a key pair").isNull();
        });
    }

    @Test
    void deleteStopsServingOnceAndTheVmStillGoesAwayAsBefore() {
        control(conn).serveSsh(hosting);
        conn.vms().create(vm("vm-1"));
        awaitVm(conn, "vm-1", VmStatus.RUNNING);

        conn.vms().delete("vm-1");
        conn.vms().delete("vm-1");
        assertThat(hosting.stopped).containsExactlyElementsOf(hosting.served);
        assertThat(conn.vms().find("vm-1")).hasValueSatisfying(v -> assertThat(v.status()).isEqualTo(VmStatus.TERMINATING));
        awaitVmGone(conn, "vm-1");
        assertThat(hosting.stopped).hasSize(1);
    }

    @Test
    void withoutHostingAVmKeepsItsPlainSshAccessAndSaysNoServerAnswersThere() {
        Vm open = conn.vms().create(vm("vm-1"));
        Vm closed = conn.vms().create(vm("vm-2").publicIp(false));

        assertThat(open.ssh()).extracting(SshAccess::host, SshAccess::port, SshAccess::user)
                .containsExactly(open.publicIp(), 22, "ubuntu");
        assertThat(closed.ssh()).extracting(SshAccess::host, SshAccess::port, SshAccess::user)
                .containsExactly(closed.privateIp(), 22, "ubuntu");
        assertThat(open.ssh().reachable()).isFalse();
        assertThat(open.ssh().unreachableReason()).contains("mock VM vm-1 has no SSH server")
                .contains("MockControl.class).serveSsh(MockSshServers.start())").contains("multicloud-mock-ssh");
        assertThat(closed.ssh().unreachableReason()).contains("mock VM vm-2 has no SSH server");
        conn.vms().delete("vm-1");
        assertThat(hosting.served).isEmpty();
        assertThat(hosting.stopped).isEmpty();
    }

    @Test
    void switchingHostingOffServesNoNewVmButKeepsServingTheOldOnes() {
        control(conn).serveSsh(hosting);
        Vm served = conn.vms().create(vm("vm-1"));
        control(conn).serveSsh(null);
        Vm plain = conn.vms().create(vm("vm-2"));

        assertThat(plain.ssh().host()).isEqualTo(plain.publicIp());
        assertThat(plain.ssh().reachable()).isFalse();
        assertThat(served.ssh().reachable()).isTrue();
        assertThat(conn.vms().find("vm-1").orElseThrow().ssh()).isEqualTo(served.ssh());
        conn.vms().delete("vm-1");
        conn.vms().delete("vm-2");
        assertThat(hosting.served).extracting(MockSshVm::name).containsExactly("vm-1");
        assertThat(hosting.stopped).extracting(MockSshVm::name).containsExactly("vm-1");
    }

    @Test
    void hostingIsPerConnectionButAServedVmLooksTheSameThroughAnyConnection() {
        DriverConnection other = connect("default", "mars", Map.of());
        control(conn).serveSsh(hosting);
        Vm served = conn.vms().create(vm("vm-1"));
        Vm plain = other.vms().create(vm("vm-2"));

        assertThat(plain.ssh().host()).isEqualTo(plain.publicIp());
        assertThat(other.vms().find("vm-1").orElseThrow().ssh()).isEqualTo(served.ssh());
        other.vms().delete("vm-1");
        assertThat(hosting.stopped).extracting(MockSshVm::name).containsExactly("vm-1");
    }

    @Test
    void aFailingServeFailsTheCreateWithoutLeavingAVmOrTakingAnAddress() {
        control(conn).serveSsh(new MockSshHosting() {
            @Override
            public int serve(MockSshVm vm) {
                throw new IllegalStateException("no port left");
            }

            @Override
            public void stop(MockSshVm vm) {
                throw new AssertionError("never served");
            }
        });
        assertThatThrownBy(() -> conn.vms().create(vm("vm-1"))).isInstanceOf(IllegalStateException.class)
                .hasMessage("no port left");
        assertThat(conn.vms().list()).isEmpty();

        control(conn).serveSsh(null);
        Vm next = conn.vms().create(vm("vm-1"));
        assertThat(next.publicIp()).isEqualTo("203.0.113.1");
    }

    @Test
    void theServedPortStaysOutOfTheStateFileAndALoadedVmIsNotServed(@TempDir Path dir) throws Exception {
        Map<String, String> kept = Map.of(MockDriver.STATE_DIR, dir.toString());
        DriverConnection first = connect(new MockDriver(), "team-a", "mars", kept);
        network(first);
        control(first).serveSsh(hosting);
        Vm served = first.vms().create(vm("vm-1"));
        assertThat(Files.readString(dir.resolve(MockStateStoreTest.FILE))).doesNotContain("sshPort")
                .doesNotContain("sshVm").doesNotContain("sshHosting").doesNotContain(Integer.toString(served.ssh().port()));

        Vm loaded = connect(new MockDriver(), "team-a", "mars", kept).vms().find("vm-1").orElseThrow();
        assertThat(loaded.ssh()).extracting(SshAccess::host, SshAccess::port, SshAccess::user)
                .containsExactly(served.publicIp(), 22, "ubuntu");
        assertThat(loaded.ssh().reachable()).as("no server serves it in this JVM").isFalse();
    }

    /** Records what the mock tells it and hands out made-up ports. */
    private static final class RecordingHosting implements MockSshHosting {
        final List<MockSshVm> served = new CopyOnWriteArrayList<>();
        final List<MockSshVm> stopped = new CopyOnWriteArrayList<>();
        private final AtomicInteger nextPort = new AtomicInteger(40_000);
        private final Map<String, Integer> ports = new ConcurrentHashMap<>();

        @Override
        public int serve(MockSshVm vm) {
            served.add(vm);
            int port = nextPort.incrementAndGet();
            ports.put(vm.name(), port);
            return port;
        }

        @Override
        public void stop(MockSshVm vm) {
            stopped.add(vm);
        }

        int portOf(String name) {
            return ports.get(name);
        }
    }
}
