package io.multicloud.driver.mock;

import io.multicloud.api.Capability;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.ResourceKind;
import io.multicloud.spi.Driver;
import io.multicloud.spi.DriverConnection;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MockDriverTest extends MockTestBase {

    @Test
    void driverIsFoundByServiceLoaderUnderTheNameMock() {
        assertThat(ServiceLoader.load(Driver.class).stream().map(ServiceLoader.Provider::get).map(Driver::name))
                .contains("mock");
    }

    @Test
    void knownRegionsAreTheCatalogRegions() {
        assertThat(driver.knownRegions())
                .containsExactlyInAnyOrder("mars", "venus", "mercury", "jupiter", "saturn", "uranus", "neptune", "pluto");
    }

    @Test
    void connectingToAnUnknownRegionIsNotFoundListingTheKnownOnes() {
        assertThatThrownBy(() -> driver.connect(ConnectionConfig.of("mock", "earth")))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.context().kind()).isEqualTo(ResourceKind.REGION);
                    assertThat(e.context().name()).isEqualTo("earth");
                    assertThat(e.getMessage()).contains("mars", "pluto");
                });
    }

    @Test
    void connectingToAZoneOfAnotherRegionIsNotFound() {
        assertThatThrownBy(() -> driver.connect(ConnectionConfig.of("mock", "mars").zone("venus-z1")))
                .isInstanceOfSatisfying(NotFoundException.class,
                        e -> assertThat(e.context().kind()).isEqualTo(ResourceKind.ZONE));
    }

    @Test
    void connectionDeclaresEveryCapabilityAndItsAnyCallFunctions() {
        assertThat(conn.capabilities().supported()).containsExactlyInAnyOrder(Capability.values());
        assertThat(conn.capabilities().anyCallFunctions()).contains("GetConsoleOutput", "GetSpotPrice");
    }

    @Test
    void aBadPropertyValueIsInvalidRequestNamingTheProperty() {
        assertThatThrownBy(() -> connect("default", "mars", Map.of(MockDriver.LATENCY_MS, "soon")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("latency_ms");
        assertThatThrownBy(() -> connect("default", "mars", Map.of(MockDriver.FAULT_RATE, "1.5")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("fault_rate");
    }

    @Test
    void anAccountNameThatIsNoFileNameIsRefused() {
        assertThatThrownBy(() -> connect("../etc", "mars", Map.of())).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void aClosedConnectionRefusesCalls() {
        DriverConnection c = connect("default", "mars", Map.of());
        c.close();
        assertThatThrownBy(() -> c.vpcs().list()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void unwrapGivesTheControlAndTheCatalog() {
        assertThat(conn.unwrap(MockControl.class)).hasValueSatisfying(c -> {
            assertThat(c.account()).isEqualTo("default");
            assertThat(c.region()).isEqualTo("mars");
        });
        assertThat(conn.unwrap(MockCatalog.class)).containsSame(driver.catalog());
        assertThat(conn.unwrap(String.class)).isEmpty();
    }
}
