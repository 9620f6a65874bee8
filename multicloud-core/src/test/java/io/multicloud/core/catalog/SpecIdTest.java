package io.multicloud.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.Cloud;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.core.MultiCloud;
import io.multicloud.driver.mock.FaultKind;
import io.multicloud.driver.mock.MockControl;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Spec ids as the catalog spells them, and the price of a spec at a connection's place. */
class SpecIdTest {

    @Test
    void aSpecIdIsSpelledAsTheCatalogSpellsItZoneIncluded() {
        CloudCatalog catalog = CloudCatalog.offline(SmallCatalog.snapshot());
        assertThat(catalog.resolve("AWS+AP-Northeast-2+G.L4X2").id()).isEqualTo(OfferId.of("aws", "ap-northeast-2", "g.l4x2"));
        // An offer that holds for every zone is found with a zone, which its id then names.
        assertThat(catalog.resolve("aws+ap-northeast-2+g.l4x2+ap-northeast-2a").id().toString())
                .isEqualTo("aws+ap-northeast-2+g.l4x2+ap-northeast-2a");
        assertThat(catalog.normalise("Azure+eastus+ARM.small")).isEqualTo(OfferId.of("azure", "eastus", "arm.small"));
        assertThat(catalog.normalise("Mock+mars+m1.small+mars-z1")).isEqualTo(new OfferId("mock", "mars", "m1.small", "mars-z1"));
        assertThatThrownBy(() -> catalog.resolve("aws+ap-northeast-2+nope")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("not in the catalog");
        assertThatThrownBy(() -> catalog.resolve("aws+ap-northeast-2")).isInstanceOf(InvalidRequestException.class);
        catalog.close();
    }

    @Test
    void aQuoteIsTheConnectionsLivePriceElseTheSnapshotsElseUnknownWithTheReason() {
        try (MultiCloud mc = MultiCloud.builder().environment(Map.of()).catalogSnapshot(SmallCatalog.snapshot()).build()) {
            Cloud mars = mc.connect(ConnectionConfig.of("mock", "mars").zone("mars-z2"));
            PriceQuote live = mc.catalog().quote(mars, "m1.small");
            assertThat(live.known()).isTrue();
            assertThat(live.source()).isEqualTo(Source.LIVE);
            assertThat(live.place().toString()).isEqualTo("mock+mars+m1.small+mars-z2");
            assertThat(live.perHour()).isEqualByComparingTo(BigDecimal.valueOf(mars.prices().find("m1.small").orElseThrow().costPerHour()));
            assertThat(mc.catalog().quote(mars, "mock+mars+m1.small")).isEqualTo(live);

            PriceQuote missing = mc.catalog().quote(mars, "no-such-spec");
            assertThat(missing.known()).isFalse();
            assertThat(missing.unknownReason()).contains("no spec 'no-such-spec'");

            Cloud seoul = mc.connect(ConnectionConfig.of("mock", "venus").named("broken"));
            seoul.unwrap(MockControl.class).failFraction("spec.list", 1.0, 3, FaultKind.AUTH);
            assertThat(mc.catalog().quote(seoul, "m1.small").unknownReason()).contains("live catalog failed");
        }
    }
}
