package io.multicloud.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.Cloud;
import io.multicloud.api.QuotaExceededException;
import io.multicloud.core.MultiCloud;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** What {@link MockCloudTest} gives a test, and when it takes it back. */
@MockCloudTest(region = "venus")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MockCloudExtensionTest {
    private static Cloud fromAnEarlierTest;
    private Cloud fromBeforeEach;

    @BeforeEach
    void remember(Cloud cloud) {
        fromBeforeEach = cloud;
    }

    @RepeatedTest(3)
    @Order(1)
    void eachTestStartsOnAnEmptyCloudOfItsOwn(Cloud cloud) {
        assertThat(cloud.vpcs().list()).isEmpty();
        Fixtures.network(cloud);
        assertThat(Fixtures.control(cloud).account()).startsWith("test-");
    }

    @Test
    @Order(2)
    void theTestAndItsBeforeEachShareOneCloud(Cloud cloud) {
        assertThat(cloud).isSameAs(fromBeforeEach);
        fromAnEarlierTest = cloud;
    }

    @Test
    @Order(3)
    void theCloudOfAnEarlierTestIsClosed(Cloud cloud) {
        assertThat(fromAnEarlierTest).isNotNull().isNotSameAs(cloud);
        assertThatThrownBy(() -> fromAnEarlierTest.vpcs()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void theClassAnnotationChoosesTheRegionAndTheDefaultsTheRest(Cloud cloud) {
        assertThat(cloud.config().region()).isEqualTo("venus");
        assertThat(cloud.config().driver()).isEqualTo("mock");
        assertThat(cloud.config().property("transition_ms")).hasValue("20");
    }

    @Test
    @MockCloudTest(region = "pluto", zone = "pluto-z2", account = "shared-by-name", transitionMillis = 5)
    void aMethodAnnotationReplacesTheClassOne(Cloud cloud) {
        assertThat(cloud.config().region()).isEqualTo("pluto");
        assertThat(cloud.config().zone()).isEqualTo("pluto-z2");
        assertThat(cloud.config().property("transition_ms")).hasValue("5");
        assertThat(Fixtures.control(cloud).account()).isEqualTo("shared-by-name");
        assertThat(Fixtures.network(cloud).subnets()).allSatisfy(s -> assertThat(s.zone()).isEqualTo("pluto-z2"));
    }

    @Test
    @MockCloudTest(properties = {"quota_vms = 1"})
    void propertiesReachTheMock(Cloud cloud) {
        Fixtures.network(cloud);
        cloud.vms().create(Fixtures.vm("vm-1"));
        assertThatThrownBy(() -> cloud.vms().create(Fixtures.vm("vm-2"))).isInstanceOf(QuotaExceededException.class);
    }

    @Test
    void theMultiCloudThatOpenedTheCloudIsInjectedAndReadsNoEnvironment(MultiCloud multiCloud, Cloud cloud) {
        assertThat(multiCloud.drivers()).contains("mock");
        assertThat(multiCloud.connectionNames()).isEmpty();
        multiCloud.close();
        assertThatThrownBy(cloud::vpcs).isInstanceOf(IllegalStateException.class);
    }

    @Nested
    class InANestedClass {
        @Test
        void theEnclosingClassAnnotationApplies(Cloud cloud) {
            assertThat(cloud.config().region()).isEqualTo("venus");
        }
    }
}
