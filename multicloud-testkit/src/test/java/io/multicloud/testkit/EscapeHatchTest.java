package io.multicloud.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.Capability;
import io.multicloud.api.Cloud;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.driver.mock.MockControl;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the abstraction leaves out: the driver's own functions (anyCall) and native objects (unwrap). */
@MockCloudTest
class EscapeHatchTest {

    @Test
    void theMockDeclaresEveryCapabilityAndItsFunctions(Cloud cloud) {
        assertThat(cloud.capabilities().supported()).containsExactlyInAnyOrder(Capability.values());
        assertThat(cloud.capabilities().anyCallFunctions()).contains("GetSpotPrice", "GetConsoleOutput", "DescribeQuotas");
    }

    @Test
    void anyCallReachesTheDriversOwnFunctions(Cloud cloud) {
        Map<String, String> spot = cloud.anyCall("GetSpotPrice", Map.of("spec", "m1.small"));
        assertThat(Double.parseDouble(spot.get("price"))).isLessThan(Double.parseDouble(spot.get("onDemandPrice")));

        Fixtures.runningVm(cloud, "vm-1");
        assertThat(cloud.anyCall("DescribeQuotas", Map.of())).containsEntry("vmsUsed", "1").containsEntry("vcpusUsed", "2");
        assertThat(cloud.anyCall("GetConsoleOutput", Map.of("vm", "vm-1")).get("output")).isNotBlank();
    }

    @Test
    void anUnknownFunctionIsRefusedWithTheKnownOnes(Cloud cloud) {
        long before = Fixtures.control(cloud).callCount();
        assertThatThrownBy(() -> cloud.anyCall("CreateTpu", Map.of()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("function"))
                .hasMessageContaining("GetSpotPrice");
        assertThat(Fixtures.control(cloud).callCount()).isEqualTo(before);
    }

    @Test
    void unwrapGivesTheMocksControlPanelAndRefusesOtherTypes(Cloud cloud) {
        MockControl control = cloud.unwrap(MockControl.class);
        assertThat(control.region()).isEqualTo("mars");
        assertThat(control.account()).startsWith("test-");
        assertThatThrownBy(() -> cloud.unwrap(java.net.http.HttpClient.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mock");
    }
}
