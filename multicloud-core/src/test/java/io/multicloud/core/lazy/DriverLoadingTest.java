package io.multicloud.core.lazy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.Capability;
import io.multicloud.api.Cloud;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.UnsupportedCapabilityException;
import io.multicloud.core.MultiCloud;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriverLoadingTest {

    private static MultiCloud multiCloud() {
        return MultiCloud.builder().environment(Map.of()).build();
    }

    @Test
    void findingDriversDoesNotLoadTheirSdkUntilAConnectionOpens() {
        try (MultiCloud mc = multiCloud()) {
            assertThat(mc.drivers()).contains("lazy-test");
            assertThat(LazyTestDriver.SDK_LOADED).isFalse();
            Cloud cloud = mc.connect("lazy-test", "north");
            assertThat(LazyTestDriver.SDK_LOADED).isTrue();
            assertThat(cloud.regions().get("north").displayName()).isEqualTo("sdk north");
        }
    }

    @Test
    void anUnknownDriverFailsListingTheDriversFound() {
        try (MultiCloud mc = multiCloud()) {
            assertThatThrownBy(() -> mc.connect("azrue", "eastus"))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("unknown driver 'azrue'")
                    .hasMessageContaining("drivers found: [").hasMessageContaining("lazy-test")
                    .extracting(e -> ((InvalidRequestException) e).field()).isEqualTo("driver");
        }
    }

    @Test
    void anUnknownRegionFailsListingTheKnownRegions() {
        try (MultiCloud mc = multiCloud()) {
            assertThatThrownBy(() -> mc.connect("lazy-test", "east"))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("unknown region 'east'")
                    .hasMessageContaining("[north, south]");
        }
    }

    @Test
    void aCapabilityTheDriverLacksFailsAtOnceNamingDriverAndCapability() {
        try (MultiCloud mc = multiCloud(); Cloud cloud = mc.connect("lazy-test", "south")) {
            assertThatThrownBy(cloud::vms)
                    .isInstanceOf(UnsupportedCapabilityException.class)
                    .hasMessageContaining("lazy-test").hasMessageContaining("VMS")
                    .satisfies(e -> assertThat(((UnsupportedCapabilityException) e).capability()).isEqualTo(Capability.VMS));
            assertThatThrownBy(() -> cloud.anyCall("Anything", Map.of()))
                    .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("ANY_CALL");
        }
    }

    @Test
    void closingMultiCloudClosesItsConnections() {
        Cloud cloud;
        try (MultiCloud mc = multiCloud()) {
            cloud = mc.connect(ConnectionConfig.of("lazy-test", "north"));
        }
        assertThatThrownBy(cloud::regions).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
