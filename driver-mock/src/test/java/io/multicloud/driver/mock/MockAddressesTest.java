package io.multicloud.driver.mock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MockAddressesTest {

    @Test
    void theLowestFreeAddressAfterTheReservedOnesIsGiven() {
        assertThat(MockAddresses.freePrivateIp("10.0.1.0/24", List.of())).contains("10.0.1.4");
        assertThat(MockAddresses.freePrivateIp("10.0.1.0/24", List.of("10.0.1.4", "10.0.1.5"))).contains("10.0.1.6");
    }

    @Test
    void anAddressLetGoInTheMiddleIsGivenAgainFirst() {
        assertThat(MockAddresses.freePrivateIp("10.0.1.0/24", List.of("10.0.1.4", "10.0.1.6", "10.0.1.7"))).contains("10.0.1.5");
    }

    @Test
    void addressesOutsideTheSubnetOrNotAddressesAtAllAreIgnored() {
        assertThat(MockAddresses.freePrivateIp("10.0.1.0/24", List.of("10.0.2.4", "10.0.0.4", "garbage", "10.0.1.400")))
                .contains("10.0.1.4");
    }

    @Test
    void aFullSubnetHasNoAddressLeftAndTheBroadcastAddressIsNeverGiven() {
        List<String> used = new ArrayList<>();
        for (int host = 4; host <= 14; host++) {
            used.add("10.0.1." + host);
        }
        assertThat(MockAddresses.freePrivateIp("10.0.1.0/28", used)).isEmpty();
        used.removeLast();
        assertThat(MockAddresses.freePrivateIp("10.0.1.0/28", used)).contains("10.0.1.14");
    }
}
