package io.multicloud.driver.mock;

import io.multicloud.api.AuthenticationFailedException;
import io.multicloud.api.CapacityUnavailableException;
import io.multicloud.api.CloudException;
import io.multicloud.api.ErrorScope;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.QuotaExceededException;
import io.multicloud.api.ThrottledException;
import io.multicloud.api.TransientCloudException;
import io.multicloud.api.VmStatus;
import io.multicloud.spi.DriverConnection;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MockBehaviourTest extends MockTestBase {

    @Test
    void latencyDelaysEveryCall() {
        control(conn).setLatency(Duration.ofMillis(60));
        long start = System.nanoTime();
        conn.vpcs().list();
        conn.specs().list();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(120));
        DriverConnection slow = connect("default", "mars", Map.of(MockDriver.LATENCY_MS, "50"));
        start = System.nanoTime();
        slow.regions().list();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
    }

    @Test
    void callsOverTheRateLimitAreThrottledAndRetryable() {
        control(conn).setRateLimit(3);
        for (int i = 0; i < 3; i++) {
            conn.vpcs().list();
        }
        assertThatThrownBy(() -> conn.vpcs().list()).isInstanceOfSatisfying(ThrottledException.class,
                e -> assertThat(e.retryable()).isTrue());
        DriverConnection other = connect("default", "mars", Map.of());
        assertThat(other.vpcs().list()).as("the limit is per connection").isEmpty();
        await("a token back", () -> {
            try {
                conn.vpcs().list();
                return true;
            } catch (ThrottledException e) {
                return false;
            }
        }, ok -> ok);
    }

    @Test
    void theRateLimitCanBeSetByProperty() {
        DriverConnection limited = connect("default", "mars", Map.of(MockDriver.RATE_LIMIT_PER_SECOND, "2"));
        limited.vpcs().list();
        limited.vpcs().list();
        assertThatThrownBy(() -> limited.vpcs().list()).isInstanceOf(ThrottledException.class);
    }

    @Test
    void creatingVmsBeyondTheVcpuQuotaIsQuotaExceededForTheRegion() {
        network(conn);
        control(conn).setQuota(4, 100);
        conn.vms().create(vm("vm-1"));
        conn.vms().create(vm("vm-2"));
        assertThatThrownBy(() -> conn.vms().create(vm("vm-3"))).isInstanceOfSatisfying(QuotaExceededException.class, e -> {
            assertThat(e.scope()).isEqualTo(ErrorScope.REGION);
            assertThat(e.getMessage()).contains("4 in use", "2 requested", "4 allowed", "quota_vcpus");
        });
        conn.vms().delete("vm-1");
        assertThat(conn.vms().create(vm("vm-3")).status()).as("a terminating VM frees its quota").isEqualTo(VmStatus.CREATING);

        DriverConnection venus = connect("default", "venus", Map.of());
        network(venus);
        venus.vms().create(vm("vm-1"));
        venus.vms().create(vm("vm-2"));
        assertThat(venus.vms().create(vm("vm-3")).status()).as("quotas are per region").isEqualTo(VmStatus.CREATING);
    }

    @Test
    void creatingMoreVmsThanTheVmQuotaIsQuotaExceeded() {
        network(conn);
        DriverConnection limited = connect("default", "mars", Map.of(MockDriver.QUOTA_VMS, "1"));
        limited.vms().create(vm("vm-1"));
        assertThatThrownBy(() -> conn.vms().create(vm("vm-2"))).as("the quota is the account's, on every connection")
                .isInstanceOf(QuotaExceededException.class).hasMessageContaining("1 allowed").hasMessageContaining("quota_vms");
    }

    @Test
    void theNthCallOfAnOperationFailsOnce() {
        control(conn).failNthCall("vpc.list", 2, FaultKind.THROTTLED);
        conn.vpcs().list();
        conn.vms().list();
        assertThatThrownBy(() -> conn.vpcs().list()).isInstanceOf(ThrottledException.class).hasMessageContaining("vpc.list");
        conn.vpcs().list();
        conn.vpcs().list();
    }

    @Test
    void eachFaultKindRaisesItsException() {
        Map<FaultKind, Class<? extends CloudException>> expected = Map.of(FaultKind.THROTTLED, ThrottledException.class,
                FaultKind.TRANSIENT, TransientCloudException.class, FaultKind.QUOTA, QuotaExceededException.class,
                FaultKind.CAPACITY, CapacityUnavailableException.class, FaultKind.AUTH, AuthenticationFailedException.class);
        expected.forEach((kind, type) -> {
            control(conn).failNthCall("vm.create", 1, kind);
            assertThatThrownBy(() -> conn.vms().create(vm("vm-1"))).isInstanceOf(type);
        });
        control(conn).failNthCall("*", 1, FaultKind.QUOTA).failNthCall("*", 2, FaultKind.CAPACITY);
        assertThatThrownBy(() -> conn.vpcs().list()).isInstanceOfSatisfying(QuotaExceededException.class,
                e -> assertThat(e.scope()).isEqualTo(ErrorScope.REGION));
        assertThatThrownBy(() -> conn.images().list()).isInstanceOfSatisfying(CapacityUnavailableException.class,
                e -> assertThat(e.scope()).isEqualTo(ErrorScope.ZONE));
    }

    @Test
    void aLostAnswerAppliesTheCallThenFailsTransiently() {
        network(conn);
        control(conn).failNthCall("vm.create", 1, FaultKind.LOST);
        assertThatThrownBy(() -> conn.vms().create(vm("vm-1"))).isInstanceOf(TransientCloudException.class)
                .hasMessageContaining("lost");
        assertThat(conn.vms().find("vm-1")).as("the create took effect").isPresent();

        control(conn).failNthCall("vm.delete", 1, FaultKind.LOST);
        assertThatThrownBy(() -> conn.vms().delete("vm-1")).isInstanceOf(TransientCloudException.class);
        assertThat(conn.vms().find("vm-1").orElseThrow().status()).isEqualTo(io.multicloud.api.VmStatus.TERMINATING);

        control(conn).failFraction("vm.suspend", 1.0, 3, FaultKind.LOST);
        conn.vms().create(vm("vm-2"));
        awaitVm(conn, "vm-2", io.multicloud.api.VmStatus.RUNNING);
        assertThatThrownBy(() -> conn.vms().suspend("vm-2")).isInstanceOf(TransientCloudException.class);
        assertThat(conn.vms().find("vm-2").orElseThrow().status()).isEqualTo(io.multicloud.api.VmStatus.SUSPENDING);
    }

    @Test
    void aSeededFractionFailsTheSameCallsForTheSameSeed() {
        List<Boolean> first = failures(new MockDriver(), 42);
        List<Boolean> again = failures(new MockDriver(), 42);
        List<Boolean> other = failures(new MockDriver(), 7);
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        long failed = first.stream().filter(f -> f).count();
        assertThat(failed).isBetween(15L, 45L);
    }

    private List<Boolean> failures(MockDriver d, long seed) {
        DriverConnection c = connect(d, "default", "mars", Map.of());
        control(c).failFraction("vpc.list", 0.3, seed, FaultKind.TRANSIENT);
        return outcomes(c);
    }

    private static List<Boolean> outcomes(DriverConnection c) {
        List<Boolean> out = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            try {
                c.vpcs().list();
                out.add(false);
            } catch (TransientCloudException e) {
                out.add(true);
            }
        }
        return out;
    }

    @Test
    void theFaultRatePropertyFailsTheSameCallsAsFailFraction() {
        DriverConnection byProperty = connect("default", "mars", Map.of(MockDriver.FAULT_RATE, "0.3",
                MockDriver.FAULT_SEED, "42", MockDriver.FAULT_OPERATION, "vpc.list"));
        assertThat(outcomes(byProperty)).isEqualTo(failures(new MockDriver(), 42));
    }

    @Test
    void aFaultRuleForAnUnknownOperationIsRefused() {
        assertThatThrownBy(() -> control(conn).failNthCall("vm.start", 1, FaultKind.TRANSIENT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vm.create");
        assertThatThrownBy(() -> connect("default", "mars", Map.of(MockDriver.FAULT_RATE, "0.1",
                MockDriver.FAULT_OPERATION, "VM.CREATE"))).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("fault_operation");
    }

    @Test
    void clearFaultsStopsEveryInjectedFault() {
        control(conn).failFraction("*", 1.0, 1, FaultKind.TRANSIENT).failNthCall("vpc.list", 1, FaultKind.AUTH);
        assertThatThrownBy(() -> conn.vpcs().list()).isInstanceOf(TransientCloudException.class);
        control(conn).clearFaults();
        assertThat(conn.vpcs().list()).isEmpty();
        assertThat(conn.vpcs().list()).isEmpty();
    }

    @Test
    void vmsToldToFailAreAcceptedThenFailed() {
        network(conn);
        control(conn).failVmsAfterAccept(1);
        assertThat(conn.vms().create(vm("vm-1")).status()).isEqualTo(VmStatus.CREATING);
        assertThat(conn.vms().create(vm("vm-2")).status()).isEqualTo(VmStatus.CREATING);
        awaitVm(conn, "vm-1", VmStatus.FAILED);
        awaitVm(conn, "vm-2", VmStatus.RUNNING);
        conn.vms().delete("vm-1");
        awaitVmGone(conn, "vm-1");
    }

    @Test
    void callsAreCountedPerAccountEvenWhenTheyFail() {
        MockControl control = control(conn);
        long before = control.callCount();
        control.failNthCall("vm.list", 1, FaultKind.TRANSIENT);
        assertThatThrownBy(() -> conn.vms().list()).isInstanceOf(TransientCloudException.class);
        conn.vms().list();
        connect("default", "venus", Map.of()).vms().find("x");
        connect("someone-else", "mars", Map.of()).vms().list();
        assertThat(control.callCount()).isEqualTo(before + 3);
        assertThat(control.callCount("vm.list")).isEqualTo(2);
        assertThat(control.callCount("vm.find")).isEqualTo(1);
        assertThat(control.callCount("vm.create")).isZero();
    }

    @Test
    void theTransitionTimeCanBeChangedAtRunTime() {
        network(conn);
        control(conn).setTransitionTime(Duration.ZERO);
        conn.vms().create(vm("vm-1"));
        assertThat(conn.vms().find("vm-1").orElseThrow().status()).isEqualTo(VmStatus.RUNNING);
    }

    @Test
    void transitionsFollowTheDriversClock() {
        MutableClock clock = new MutableClock();
        DriverConnection c = connect(new MockDriver(clock), "default", "mars", Map.of());
        network(c);
        c.vms().create(vm("vm-1"));
        assertThat(c.vms().find("vm-1").orElseThrow().status()).isEqualTo(VmStatus.CREATING);
        clock.advance(Duration.ofMillis(TRANSITION_MS));
        assertThat(c.vms().find("vm-1").orElseThrow().status()).isEqualTo(VmStatus.RUNNING);
    }
}
