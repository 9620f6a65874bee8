package io.multicloud.driver.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.multicloud.api.DiskRequest;
import io.multicloud.api.KeyPair;
import io.multicloud.api.KeyPairRequest;
import io.multicloud.api.Vm;
import io.multicloud.api.VmStatus;
import io.multicloud.spi.DriverConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MockStateStoreTest extends MockTestBase {
    /** The state file of account team-a: named by a hash, since the account is a credential. */
    static final String FILE = MockStateStore.fileLabel("team-a") + ".json";

    @TempDir
    Path dir;

    private DriverConnection kept(MockDriver d, String account) {
        return connect(d, account, "mars", Map.of(MockDriver.STATE_DIR, dir.toString()));
    }

    @Test
    void aSecondDriverSeesTheStateKeptInTheStateDirIncludingVmsMidTransition() {
        MutableClock clock = new MutableClock();
        DriverConnection first = kept(new MockDriver(clock), "team-a");
        network(first);
        first.keyPairs().create(KeyPairRequest.named("key-1"));
        first.disks().create(DiskRequest.named("data-1").sizeGB(20).tag("k", "v"));
        Vm vm = first.vms().create(vm("vm-1").keyPair("key-1"));

        DriverConnection second = kept(new MockDriver(clock), "team-a");
        assertThat(second.vpcs().list()).isEqualTo(first.vpcs().list());
        assertThat(second.securityGroups().list()).isEqualTo(first.securityGroups().list());
        assertThat(second.keyPairs().list()).isEqualTo(first.keyPairs().list());
        assertThat(second.disks().list()).isEqualTo(first.disks().list());
        assertThat(second.vms().find("vm-1")).contains(vm);
        clock.advance(Duration.ofMillis(TRANSITION_MS));
        assertThat(second.vms().find("vm-1")).contains(vm.withStatus(VmStatus.RUNNING));
        assertThat(control(first).stateFile()).contains(dir.resolve(FILE));
    }

    @Test
    void aLoadedAccountKeepsItsPublicIpsTaken() {
        DriverConnection first = kept(new MockDriver(), "team-a");
        network(first);
        Vm a = first.vms().create(vm("vm-1"));
        Vm b = kept(new MockDriver(), "team-a").vms().create(vm("vm-2"));
        assertThat(b.publicIp()).isNotEqualTo(a.publicIp());
        assertThat(b.privateIp()).isNotEqualTo(a.privateIp());
    }

    @Test
    void deletionsAndQuotasAreKeptToo() {
        DriverConnection first = kept(new MockDriver(), "team-a");
        network(first);
        control(first).setQuota(8, 3);
        first.securityGroups().delete("sg-1");
        first.vpcs().delete("vpc-1");
        DriverConnection second = kept(new MockDriver(), "team-a");
        assertThat(second.vpcs().list()).isEmpty();
        assertThat(second.anyCall().call("DescribeQuotas", Map.of())).containsEntry("vcpusMax", "8").containsEntry("vmsMax", "3");
    }

    @Test
    void theStateFileNeverHoldsAPrivateKey() throws IOException {
        DriverConnection c = kept(new MockDriver(), "team-a");
        KeyPair key = c.keyPairs().create(KeyPairRequest.named("key-1"));
        String text = Files.readString(dir.resolve(FILE));
        String body = key.privateKey().reveal().lines().skip(1).findFirst().orElseThrow();
        assertThat(text).contains(key.publicKey()).doesNotContain("PRIVATE KEY").doesNotContain(body);
        JsonNode root = new ObjectMapper().readTree(text);
        assertThat(text).as("the account is a credential").doesNotContain("team-a");
        assertThat(root.path("regions").path("mars").path("keyPairs")).hasSize(1);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file is left behind")
                    .containsExactlyInAnyOrder(FILE, FILE + ".lock");
        }
    }

    @Test
    void connectionsToTheSameAccountAndStateDirShareOneState() {
        MockDriver d = new MockDriver();
        DriverConnection one = kept(d, "team-a");
        DriverConnection two = kept(d, "team-a");
        network(one);
        assertThat(two.vpcs().find("vpc-1")).isPresent();
        assertThat(connect(d, "team-a", "mars", Map.of()).vpcs().list()).as("without the state dir it is another cloud").isEmpty();
    }

    @Test
    void anAccountWithoutAFileStartsEmpty() {
        assertThat(kept(new MockDriver(), "fresh").vpcs().list()).isEmpty();
        assertThat(dir.resolve(MockStateStore.fileLabel("fresh") + ".json")).doesNotExist();
    }

    @Test
    void theFileIsNamedByAHashOfTheAccountAndNothingPrintsTheAccount() {
        DriverConnection c = kept(new MockDriver(), "team-a");
        network(c);
        assertThat(FILE).startsWith("account-").doesNotContain("team-a");
        assertThat(control(c).toString()).doesNotContain("team-a");
        assertThat(c.toString()).doesNotContain("team-a");
    }

    @Test
    void twoDriversChangingOneAccountAtOnceBothKeepEveryChange() throws Exception {
        DriverConnection one = kept(new MockDriver(), "team-a");
        DriverConnection two = kept(new MockDriver(), "team-a");
        network(one);
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 15; i++) {
                int n = i;
                threads.submit(() -> one.vms().create(vm("a-" + n)));
                threads.submit(() -> two.vms().create(vm("b-" + n)));
            }
        }
        DriverConnection third = kept(new MockDriver(), "team-a");
        assertThat(third.vms().list()).hasSize(30);
        assertThat(one.vms().list()).hasSize(30);
        assertThat(two.vms().list().stream().map(Vm::privateIp).distinct()).as("no address given twice").hasSize(30);
        assertThat(two.vms().list().stream().map(Vm::publicIp).distinct()).hasSize(30);
    }

    @Test
    void aNameTakenByAnotherDriverIsTakenHereToo() {
        DriverConnection one = kept(new MockDriver(), "team-a");
        DriverConnection two = kept(new MockDriver(), "team-a");
        network(one);
        one.vms().create(vm("vm-1"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> two.vms().create(vm("vm-1")))
                .isInstanceOf(io.multicloud.api.AlreadyExistsException.class);
        two.vms().delete("vm-1");
        awaitVmGone(one, "vm-1");
    }
}
