package io.multicloud.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.multicloud.api.AuthenticationFailedException;
import io.multicloud.api.CapacityUnavailableException;
import io.multicloud.api.Cloud;
import io.multicloud.api.CloudException;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.ErrorScope;
import io.multicloud.api.QuotaExceededException;
import io.multicloud.api.ThrottledException;
import io.multicloud.api.TransientCloudException;
import io.multicloud.core.MultiCloud;
import io.multicloud.driver.mock.FaultKind;
import io.multicloud.driver.mock.MockControl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The mock behaves like a cloud under pressure: quotas, rate limits, latency and injected faults. */
@MockCloudTest
class MockBehaviourTest {

    @Test
    @MockCloudTest(properties = "quota_vcpus=4")
    void aVmBeyondTheVcpuQuotaFailsWithQuotaExceededForTheWholeRegion(Cloud cloud) {
        Fixtures.network(cloud);
        cloud.vms().create(Fixtures.vm("vm-1"));
        cloud.vms().create(Fixtures.vm("vm-2"));
        QuotaExceededException e = catchThrowableOfType(QuotaExceededException.class,
                () -> cloud.vms().create(Fixtures.vm("vm-3")));
        assertThat(e.scope()).isEqualTo(ErrorScope.REGION);
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("vCPU").contains("vm-3").contains("[scope: region]");
        assertThat(cloud.vms().find("vm-3")).isEmpty();

        cloud.vms().terminate("vm-1");
        assertThat(cloud.vms().create(Fixtures.vm("vm-3")).name()).isEqualTo("vm-3");
    }

    @Test
    void theVmCountQuotaIsSetThroughTheControlPanel(Cloud cloud) {
        Fixtures.network(cloud);
        Fixtures.control(cloud).setQuota(1024, 1);
        cloud.vms().create(Fixtures.vm("vm-1"));
        assertThatThrownBy(() -> cloud.vms().create(Fixtures.vm("vm-2")))
                .isInstanceOfSatisfying(QuotaExceededException.class, e -> assertThat(e.scope()).isEqualTo(ErrorScope.REGION))
                .hasMessageContaining("VM quota");
    }

    @Test
    void callsBeyondTheRateLimitAreThrottledAndMayBeRetried(Cloud cloud) {
        Fixtures.control(cloud).setRateLimit(5);
        ThrottledException e = catchThrowableOfType(ThrottledException.class, () -> {
            for (int i = 0; i < 100; i++) {
                cloud.vpcs().list();
            }
        });
        assertThat(e.retryable()).isTrue();
        assertThat(e.context().providerCode()).isEqualTo("Throttling");
        Await.until("the rate limit lets a call through again", () -> {
            try {
                cloud.vpcs().list();
                return true;
            } catch (ThrottledException again) {
                return false;
            }
        }, Fixtures.WAIT);
    }

    @Test
    @MockCloudTest(properties = "rate_limit_per_second=2")
    void theRateLimitIsAlsoAConnectionProperty(Cloud cloud) {
        assertThatThrownBy(() -> {
            for (int i = 0; i < 100; i++) {
                cloud.keyPairs().list();
            }
        }).isInstanceOf(ThrottledException.class);
    }

    @Test
    void theNthCallOfAnOperationFailsOnce(Cloud cloud) {
        Fixtures.network(cloud);
        MockControl control = Fixtures.control(cloud);
        control.failNthCall("vm.create", 2, FaultKind.TRANSIENT);
        cloud.vms().create(Fixtures.vm("vm-1"));
        assertThatThrownBy(() -> cloud.vms().create(Fixtures.vm("vm-2")))
                .isInstanceOfSatisfying(TransientCloudException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessageContaining("vm.create");
        assertThat(cloud.vms().find("vm-2")).isEmpty();
        cloud.vms().create(Fixtures.vm("vm-2"));
        assertThat(control.callCount("vm.create")).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "THROTTLED, io.multicloud.api.ThrottledException",
        "TRANSIENT, io.multicloud.api.TransientCloudException",
        "QUOTA, io.multicloud.api.QuotaExceededException",
        "CAPACITY, io.multicloud.api.CapacityUnavailableException",
        "AUTH, io.multicloud.api.AuthenticationFailedException"})
    void eachFaultKindRaisesTheErrorARealCloudWould(FaultKind kind, Class<? extends CloudException> expected, Cloud cloud) {
        Fixtures.control(cloud).failNthCall("vpc.list", 1, kind);
        assertThatThrownBy(() -> cloud.vpcs().list()).isExactlyInstanceOf(expected);
        assertThat(cloud.vpcs().list()).isEmpty();
    }

    @Test
    void quotaAndCapacityFaultsSayHowFarTheyReach(Cloud cloud) {
        MockControl control = Fixtures.control(cloud);
        control.failNthCall("disk.list", 1, FaultKind.CAPACITY).failNthCall("vm.list", 1, FaultKind.QUOTA);
        assertThatThrownBy(() -> cloud.disks().list()).isInstanceOfSatisfying(CapacityUnavailableException.class,
                e -> assertThat(e.scope()).isEqualTo(ErrorScope.ZONE));
        assertThatThrownBy(() -> cloud.vms().list()).isInstanceOfSatisfying(QuotaExceededException.class,
                e -> assertThat(e.scope()).isEqualTo(ErrorScope.REGION));
        control.failNthCall("key_pair.list", 1, FaultKind.AUTH);
        assertThatThrownBy(() -> cloud.keyPairs().list()).isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void aSeededFractionOfCallsFailsTheSameWayEveryTime(Cloud cloud, MultiCloud multiCloud) {
        Fixtures.control(cloud).failFraction("vpc.list", 0.5, 42, FaultKind.TRANSIENT);
        try (Cloud twin = multiCloud.connect(ConnectionConfig.of("mock", "mars").credential("account", "twin-of-seed-42"))) {
            Fixtures.control(twin).failFraction("vpc.list", 0.5, 42, FaultKind.TRANSIENT);
            List<Boolean> first = outcomes(cloud, 40);
            List<Boolean> second = outcomes(twin, 40);
            assertThat(first).isEqualTo(second).contains(true, false);
        }
        Fixtures.control(cloud).clearFaults();
        assertThat(outcomes(cloud, 10)).containsOnly(true);
    }

    @Test
    @MockCloudTest(properties = {"fault_rate=1.0", "fault_operation=vm.list", "fault_kind=THROTTLED"})
    void faultsAreAlsoConnectionProperties(Cloud cloud) {
        assertThatThrownBy(() -> cloud.vms().list()).isInstanceOf(ThrottledException.class);
        assertThat(cloud.vpcs().list()).isEmpty();
    }

    @Test
    void everyCallWaitsTheLatency(Cloud cloud) {
        Fixtures.control(cloud).setLatency(Duration.ofMillis(40));
        long start = System.nanoTime();
        cloud.vpcs().list();
        cloud.vpcs().list();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(80));
    }

    @Test
    void callsAreCountedPerOperation(Cloud cloud) {
        MockControl control = Fixtures.control(cloud);
        cloud.vpcs().list();
        cloud.vpcs().find("vpc-1");
        cloud.anyCall("DescribeQuotas", Map.of());
        assertThat(control.callCount("vpc.list")).isEqualTo(1);
        assertThat(control.callCount("vpc.find")).isEqualTo(1);
        assertThat(control.callCount("any_call.call")).isEqualTo(1);
        assertThat(control.callCount()).isEqualTo(3);
    }

    private static List<Boolean> outcomes(Cloud cloud, int calls) {
        List<Boolean> outcomes = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            try {
                cloud.vpcs().list();
                outcomes.add(true);
            } catch (TransientCloudException e) {
                outcomes.add(false);
            }
        }
        return outcomes;
    }
}
