package io.multicloud.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.multicloud.api.ErrorScope;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailoverPlanTest {
    private static Offer offer(String provider, String region, String spec, List<String> zones) {
        return new Offer(OfferId.of(provider, region, spec), zones, null, 4, 16, SmallCatalog.X86, null, "", 0, 0, 1, Double.NaN,
                "USD", Source.SNAPSHOT, SmallCatalog.DAY, "test");
    }

    private static final List<Offer> OFFERS = List.of(
            offer("aws", "us-east-2", "g6.xlarge", List.of("us-east-2a", "us-east-2b")),
            offer("aws", "us-west-2", "g6.xlarge", List.of("us-west-2a")),
            offer("gcp", "us-central1", "g2-standard-4", List.of("us-central1-a", "us-central1-b")),
            offer("azure", "eastus", "Standard_NV36ads_A10_v5", List.of()));

    @Test
    void aZoneRefusalMovesToTheNextZoneOfTheSameRegion() {
        FailoverPlan plan = new FailoverPlan(OFFERS, 10);
        FailoverPlan.Candidate first = plan.next().orElseThrow();
        assertThat(first.place()).isEqualTo("aws+us-east-2+g6.xlarge+us-east-2a");
        plan.failed(first, ErrorScope.ZONE, "CapacityUnavailable");
        FailoverPlan.Candidate second = plan.next().orElseThrow();
        assertThat(second.place()).isEqualTo("aws+us-east-2+g6.xlarge+us-east-2b");
        plan.succeeded(second);
        assertThat(plan.attempts()).extracting(a -> a.candidate().place() + " " + a.succeeded())
                .containsExactly("aws+us-east-2+g6.xlarge+us-east-2a false", "aws+us-east-2+g6.xlarge+us-east-2b true");
    }

    @Test
    void aRegionRefusalSkipsEveryZoneOfTheRegionAndACloudRefusalTheWholeProvider() {
        FailoverPlan plan = new FailoverPlan(OFFERS, 10);
        plan.failed(plan.next().orElseThrow(), ErrorScope.REGION, "QuotaExceeded");
        FailoverPlan.Candidate west = plan.next().orElseThrow();
        assertThat(west.place()).isEqualTo("aws+us-west-2+g6.xlarge+us-west-2a");
        plan.failed(west, ErrorScope.CLOUD, "QuotaExceeded");
        assertThat(plan.next().orElseThrow().place()).isEqualTo("gcp+us-central1+g2-standard-4+us-central1-a");
        assertThat(plan.blockedScopes()).containsExactlyInAnyOrder("region:aws+us-east-2", "cloud:aws");
    }

    @Test
    void theAttemptLimitEndsThePlan() {
        FailoverPlan plan = new FailoverPlan(OFFERS, 2);
        plan.failed(plan.next().orElseThrow(), ErrorScope.ZONE, "x");
        plan.failed(plan.next().orElseThrow(), ErrorScope.ZONE, "y");
        assertThat(plan.next()).isEmpty();
        assertThat(plan.attempts()).hasSize(2);
    }

    @Test
    void aZoneScopeAtAPlaceWithoutZonesBlocksItsRegion() {
        FailoverPlan plan = new FailoverPlan(List.of(OFFERS.get(3)), 5);
        FailoverPlan.Candidate c = plan.next().orElseThrow();
        assertThat(c.zone()).isNull();
        plan.failed(c, ErrorScope.ZONE, "x");
        assertThat(plan.isBlocked(c)).isTrue();
        assertThat(plan.next()).isEmpty();
    }
}
