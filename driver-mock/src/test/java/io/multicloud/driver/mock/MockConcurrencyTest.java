package io.multicloud.driver.mock;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.QuotaExceededException;
import io.multicloud.api.Vm;
import io.multicloud.api.VpcRequest;
import io.multicloud.spi.DriverConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

class MockConcurrencyTest extends MockTestBase {

    @Test
    void fiftyVirtualThreadsCreatingVmsAtOnceAllSucceedWithUniqueIps() throws Exception {
        conn.vpcs().create(VpcRequest.named("vpc-1").cidr("10.0.0.0/16").subnet("sn-1", "10.0.1.0/24"));
        conn.securityGroups().create(io.multicloud.api.SecurityGroupRequest.named("sg-1").vpc("vpc-1"));
        List<Object> results = runAtOnce(50, i -> () -> conn.vms().create(vm("vm-" + i)));
        List<Vm> vms = results.stream().map(Vm.class::cast).toList();
        assertThat(vms).hasSize(50);
        assertThat(vms.stream().map(Vm::privateIp).distinct()).hasSize(50);
        assertThat(vms.stream().map(Vm::publicIp).distinct()).hasSize(50);
        assertThat(conn.vms().list()).hasSize(50);
    }

    @Test
    void concurrentCreatesOfOneNameLetExactlyOneWin() throws Exception {
        network(conn);
        List<Object> results = runAtOnce(20, i -> () -> conn.vms().create(vm("vm-x")));
        assertThat(results.stream().filter(Vm.class::isInstance)).hasSize(1);
        assertThat(results.stream().filter(AlreadyExistsException.class::isInstance)).hasSize(19);
    }

    @Test
    void concurrentCreatesRespectTheQuotaExactly() throws Exception {
        network(conn);
        control(conn).setQuota(20, 500);
        List<Object> results = runAtOnce(30, i -> () -> conn.vms().create(vm("vm-" + i)));
        assertThat(results.stream().filter(Vm.class::isInstance)).hasSize(10);
        assertThat(results.stream().filter(QuotaExceededException.class::isInstance)).hasSize(20);
    }

    @Test
    void concurrentCreatesInManyRegionsAreAllKeptInTheStateFile(@TempDir Path dir) throws Exception {
        MockDriver d = new MockDriver();
        List<String> regions = List.of("mars", "venus", "mercury", "pluto");
        List<DriverConnection> conns = new ArrayList<>();
        for (String region : regions) {
            DriverConnection c = connect(d, "team-a", region, Map.of(MockDriver.STATE_DIR, dir.toString()));
            network(c);
            conns.add(c);
        }
        List<Object> results = runAtOnce(40, i -> () -> conns.get(i % 4).vms().create(vm("vm-" + i)));
        assertThat(results.stream().map(Vm.class::cast).map(Vm::publicIp).distinct()).hasSize(40);
        int seen = 0;
        for (String region : regions) {
            seen += connect(new MockDriver(), "team-a", region, Map.of(MockDriver.STATE_DIR, dir.toString())).vms().list().size();
        }
        assertThat(seen).isEqualTo(40);
    }

    /** Starts n tasks on virtual threads at the same moment; each result is a value or the exception thrown. */
    private static List<Object> runAtOnce(int n, IntFunction<Callable<Object>> task) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Object>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                Callable<Object> call = task.apply(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
        }
        List<Object> results = new ArrayList<>();
        for (Future<Object> f : futures) {
            try {
                results.add(f.get());
            } catch (ExecutionException e) {
                results.add(e.getCause());
            }
        }
        return results;
    }
}
