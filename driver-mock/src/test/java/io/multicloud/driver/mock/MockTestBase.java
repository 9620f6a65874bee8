package io.multicloud.driver.mock;

import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.SecurityGroupRequest;
import io.multicloud.api.Protocol;
import io.multicloud.api.Vm;
import io.multicloud.api.VmRequest;
import io.multicloud.api.VmStatus;
import io.multicloud.api.VpcRequest;
import io.multicloud.spi.DriverConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** A fresh driver and a connection to mars with fast transitions, plus a few helpers. */
abstract class MockTestBase {
    static final long TRANSITION_MS = 30;
    static final Duration WAIT = Duration.ofSeconds(5);

    protected final MockDriver driver = new MockDriver();
    private final List<DriverConnection> opened = new ArrayList<>();
    protected DriverConnection conn;

    @BeforeEach
    void openConnection() {
        conn = connect("default", "mars", Map.of());
    }

    @AfterEach
    void closeConnections() {
        opened.forEach(DriverConnection::close);
    }

    DriverConnection connect(String account, String region, Map<String, String> properties) {
        return connect(driver, account, region, properties);
    }

    DriverConnection connect(MockDriver d, String account, String region, Map<String, String> properties) {
        ConnectionConfig config = ConnectionConfig.of("mock", region).credential("account", account)
                .property(MockDriver.TRANSITION_MS, Long.toString(TRANSITION_MS));
        for (Map.Entry<String, String> e : properties.entrySet()) {
            config = config.property(e.getKey(), e.getValue());
        }
        DriverConnection c = d.connect(config);
        opened.add(c);
        return c;
    }

    static MockControl control(DriverConnection c) {
        return c.unwrap(MockControl.class).orElseThrow();
    }

    /** vpc-1 (10.0.0.0/16) with sn-1 (10.0.1.0/24), and sg-1 allowing SSH. */
    static void network(DriverConnection c) {
        c.vpcs().create(VpcRequest.named("vpc-1").cidr("10.0.0.0/16").subnet("sn-1", "10.0.1.0/24"));
        c.securityGroups().create(SecurityGroupRequest.named("sg-1").vpc("vpc-1").allowInbound(Protocol.TCP, 22));
    }

    static VmRequest vm(String name) {
        return VmRequest.named(name).image("ubuntu-22.04").spec("m1.small").subnet("vpc-1", "sn-1").securityGroups("sg-1");
    }

    static Vm awaitVm(DriverConnection c, String name, VmStatus status) {
        return await("VM " + name + " " + status, () -> c.vms().find(name),
                v -> v.isPresent() && v.get().status() == status).orElseThrow();
    }

    static void awaitVmGone(DriverConnection c, String name) {
        await("VM " + name + " gone", () -> c.vms().find(name), Optional::isEmpty);
    }

    /** Polls a probe until the condition holds; fails with the last value after {@link #WAIT}. */
    static <T> T await(String what, Supplier<T> probe, Predicate<? super T> done) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; last seen: " + last);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
            last = probe.get();
        }
        return last;
    }
}
