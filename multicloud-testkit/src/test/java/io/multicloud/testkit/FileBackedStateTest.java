package io.multicloud.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.multicloud.api.Cloud;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.Vm;
import io.multicloud.api.VmStatus;
import io.multicloud.core.MultiCloud;
import io.multicloud.driver.mock.MockControl;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mock cloud kept in a state directory is one cloud for every process that opens it: what one
 * JVM creates, another sees (and watches change status), and what that one deletes is gone for
 * the next. The mock reads the file when an account is first opened, so each side opens it after
 * the other has finished.
 */
class FileBackedStateTest {
    private static final String ACCOUNT = "shared-team";

    @Test
    void anotherJvmSeesTheSameCloudAndItsChanges(@TempDir Path stateDir, @TempDir Path workDir) throws Exception {
        ChildJvm.Result created = ChildJvm.run(workDir, SharedStateScenario.class, List.of(),
                "create", stateDir.toString(), ACCOUNT);
        assertThat(created.exitCode()).as(created.output()).isZero();
        assertThat(created.output()).contains("CREATED vpc-shared vm-shared CREATING");

        try (MultiCloud multiCloud = MultiCloud.create();
             Cloud cloud = SharedStateScenario.connect(multiCloud, stateDir, ACCOUNT)) {
            assertThat(cloud.unwrap(MockControl.class).stateFile()).hasValueSatisfying(file -> {
                assertThat(file.getParent()).isEqualTo(stateDir);
                assertThat(file.getFileName().toString()).as("named by a hash of the account").startsWith("account-")
                        .doesNotContain(ACCOUNT);
            });
            assertThat(cloud.vpcs().get(SharedStateScenario.VPC).subnet("sn-1")).isPresent();
            Vm vm = cloud.vms().waitUntil(SharedStateScenario.VM, VmStatus.RUNNING, Fixtures.WAIT);
            assertThat(vm.vpc()).isEqualTo(SharedStateScenario.VPC);

            cloud.keyPairs().create("key-from-parent");
            cloud.vms().delete(SharedStateScenario.VM);
            cloud.vpcs().delete(SharedStateScenario.VPC);
        }

        ChildJvm.Result shown = ChildJvm.run(workDir, SharedStateScenario.class, List.of(),
                "show", stateDir.toString(), ACCOUNT);
        assertThat(shown.exitCode()).as(shown.output()).isZero();
        assertThat(shown.output()).contains("VPCS=[] VMS=[] KEYS=[key-from-parent]");
    }

    @Test
    void anAccountWithoutAStateDirectoryIsNotSeenByAnotherInstance(@TempDir Path stateDir) {
        try (MultiCloud first = MultiCloud.create(); MultiCloud second = MultiCloud.create();
             Cloud kept = SharedStateScenario.connect(first, stateDir, ACCOUNT);
             Cloud inMemory = second.connect(ConnectionConfig.of("mock", "mars")
                     .credential("account", ACCOUNT))) {
            kept.keyPairs().create("key-1");
            assertThat(inMemory.keyPairs().list()).isEmpty();
            assertThat(inMemory.unwrap(MockControl.class).stateFile()).isEmpty();
        }
    }
}
