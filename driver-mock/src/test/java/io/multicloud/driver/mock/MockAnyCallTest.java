package io.multicloud.driver.mock;

import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.VmStatus;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MockAnyCallTest extends MockTestBase {

    @Test
    void getConsoleOutputShowsTheLoginPromptOfARunningVm() {
        network(conn);
        conn.vms().create(vm("vm-1"));
        awaitVm(conn, "vm-1", VmStatus.RUNNING);
        assertThat(conn.anyCall().call("GetConsoleOutput", Map.of("vm", "vm-1")).get("output"))
                .contains("ubuntu-22.04", "vm-1 login:");
        assertThatThrownBy(() -> conn.anyCall().call("getconsoleoutput", Map.of("vm", "ghost")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void getSpotPriceIsBelowTheOnDemandPrice() {
        Map<String, String> answer = conn.anyCall().call("GetSpotPrice", Map.of("spec", "g1.l4x1"));
        double onDemand = driver.catalog().price("mars", "g1.l4x1").orElseThrow().costPerHour();
        assertThat(Double.parseDouble(answer.get("price"))).isPositive().isLessThan(onDemand);
        assertThat(answer).containsEntry("currency", "USD");
    }

    @Test
    void describeQuotasReportsTheRegionsQuotas() {
        control(conn).setQuota(64, 10);
        assertThat(conn.anyCall().call("DescribeQuotas", Map.of()))
                .containsEntry("vcpusMax", "64").containsEntry("vmsMax", "10").containsEntry("vmsUsed", "0");
    }

    @Test
    void anUnknownFunctionIsInvalidRequestNamingTheKnownOnes() {
        assertThatThrownBy(() -> conn.anyCall().call("CreateTpu", Map.of()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("GetConsoleOutput").hasMessageContaining("GetSpotPrice");
    }

    @Test
    void aMissingParameterIsInvalidRequestNamingIt() {
        assertThatThrownBy(() -> conn.anyCall().call("GetSpotPrice", Map.of()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("spec"));
    }
}
