package io.multicloud.driver.mock.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import io.multicloud.api.Cloud;
import io.multicloud.api.KeyPair;
import io.multicloud.api.Vm;
import io.multicloud.api.VmStatus;
import io.multicloud.testkit.MockCloudTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Many VMs on the one server at once, each with a fresh login, as a fan-out exec does: every
 * login reaches its own VM, and the time it takes is logged (the figure the SSH layer's
 * benchmark builds on).
 */
@MockCloudTest(ssh = true)
class ManyVmsTest {
    private static final Logger log = LoggerFactory.getLogger(ManyVmsTest.class);
    private static final int VMS = 200;

    @Test
    void twoHundredConcurrentFreshLoginsEachReachTheirOwnVm(Cloud cloud, MockSshServers servers) throws Exception {
        KeyPair key = SshVms.networkAndKey(cloud);
        for (int i = 0; i < VMS; i++) {
            cloud.vms().create(SshVms.request(name(i), "vpc-1", key));
        }
        List<Vm> vms = new ArrayList<>();
        for (int i = 0; i < VMS; i++) {
            vms.add(cloud.vms().waitUntil(name(i), VmStatus.RUNNING, SshVms.WAIT));
        }
        assertThat(servers.served()).hasSize(VMS);

        Duration warm = timed(vms, key, "true");
        Duration trueRun = timed(vms, key, "true");
        Duration sleepRun = timed(vms, key, "sleep 1; hostname");
        log.info("{} concurrent fresh logins + 'true': {} ms (first round, cold: {} ms); + 'sleep 1; hostname': {} ms",
                VMS, trueRun.toMillis(), warm.toMillis(), sleepRun.toMillis());
        assertThat(sleepRun).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    /** Logs in to every VM at once, runs the command, checks each answer came from its own VM. */
    private static Duration timed(List<Vm> vms, KeyPair key, String command) throws Exception {
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<SshClient.Result>> runs = vms.stream()
                    .map(vm -> CompletableFuture.supplyAsync(() -> run(vm, key, command), pool))
                    .toList();
            for (int i = 0; i < vms.size(); i++) {
                SshClient.Result result = runs.get(i).join();
                assertThat(result.exit()).as(vms.get(i).name()).isZero();
                if (command.endsWith("hostname")) {
                    assertThat(result.stdout()).isEqualTo(vms.get(i).name() + "\n");
                }
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static SshClient.Result run(Vm vm, KeyPair key, String command) {
        try (SshClient client = SshClient.withKey(vm.ssh(), key)) {
            return client.exec(command);
        } catch (Exception e) {
            throw new IllegalStateException("on " + vm.name() + ": " + e, e);
        }
    }

    private static String name(int i) {
        return "vm-" + i;
    }
}
