package io.multicloud.core.mci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.Architecture;
import io.multicloud.api.Cloud;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.ErrorScope;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.Vm;
import io.multicloud.core.MultiCloud;
import io.multicloud.core.catalog.FailoverPlan;
import io.multicloud.core.catalog.LatencyMatrix;
import io.multicloud.core.catalog.Offer;
import io.multicloud.core.catalog.OfferId;
import io.multicloud.core.catalog.OfferTable;
import io.multicloud.core.catalog.Priority;
import io.multicloud.core.catalog.Snapshot;
import io.multicloud.core.catalog.Source;
import io.multicloud.driver.mock.FaultKind;
import io.multicloud.driver.mock.MockControl;
import io.multicloud.driver.mock.MockDriver;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failover of MCI subgroups between places, budgets and launch prices, on the mock cloud. */
class MciFailoverTest {
    @TempDir
    Path home;

    private final MockDriver mock = new MockDriver();
    private MultiCloud mc;
    private Cloud marsZ1;
    private Cloud venus;

    @BeforeEach
    void open() {
        mc = instance(null);
        marsZ1 = connect(mc, ConnectionConfig.of("mock", "mars").zone("mars-z1"));
        venus = connect(mc, ConnectionConfig.of("mock", "venus"));
    }

    @AfterEach
    void close() {
        mc.close();
    }

    private MultiCloud instance(Snapshot snapshot) {
        MultiCloud.Builder b = MultiCloud.builder().environment(Map.of()).home(home).driver(mock).owner("team")
                .mciVmTimeout(Duration.ofSeconds(20));
        return (snapshot == null ? b : b.catalogSnapshot(snapshot)).build();
    }

    private static Cloud connect(MultiCloud mc, ConnectionConfig config) {
        Cloud cloud = mc.connect(config);
        cloud.unwrap(MockControl.class).setTransitionTime(Duration.ofMillis(20));
        return cloud;
    }

    private static MockControl control(Cloud cloud) {
        return cloud.unwrap(MockControl.class);
    }

    /** Nothing of the library's is left in a region: no VM, no shared network, security group or key pair. */
    private static void assertEmpty(Cloud cloud) {
        assertThat(cloud.vms().list()).as("VMs in " + cloud.config().region()).isEmpty();
        assertThat(cloud.vpcs().list()).as("VPCs in " + cloud.config().region()).isEmpty();
        assertThat(cloud.securityGroups().list()).as("security groups in " + cloud.config().region()).isEmpty();
        assertThat(cloud.keyPairs().list()).as("key pairs in " + cloud.config().region()).isEmpty();
    }

    private static List<String> places(List<FailoverPlan.Attempt> attempts) {
        return attempts.stream().map(a -> a.candidate().place() + (a.succeeded() ? " ok"
                : " " + (a.scope() == null ? "passed" : a.scope().name().toLowerCase(java.util.Locale.ROOT)))).toList();
    }

    @Test
    void aRegionQuotaMovesTheSubgroupToTheNextRegionAndLeavesNothingBehind() {
        // One VM of two is made at mars, the other is refused: the region's quota is full.
        control(marsZ1).failNthCall("vm.create", 2, FaultKind.QUOTA);
        Mci web = mc.mci("web").subGroup("gpu", List.of("mock+mars+m1.small", "MOCK+venus+m1.small"), "ubuntu-22.04", 2)
                .create();

        List<FailoverPlan.Attempt> attempts = web.creation().placements().get("gpu");
        assertThat(places(attempts)).containsExactly("mock+mars+m1.small+mars-z1 region", "mock+venus+m1.small+venus-z1 ok");
        assertThat(attempts.get(0).error()).contains("QuotaExceeded");
        assertThat(attempts.get(0).at()).isBeforeOrEqualTo(attempts.get(1).at());
        assertThat(web.creation().placeOf("gpu")).contains("mock+venus+m1.small+venus-z1");
        assertThat(web.creation().ok()).isTrue();
        // Numbers go on from place to place: 1 and 2 were mars's.
        assertThat(web.vms()).extracting(MciVm::name).containsExactly("web-gpu-3", "web-gpu-4");
        assertThat(web.vms()).allSatisfy(vm -> {
            assertThat(vm.vm().region()).isEqualTo("venus");
            assertThat(vm.labels()).containsEntry(MciTags.PLACE, "mock+venus+m1.small+venus-z1");
            assertThat(vm.launchPrice()).hasValueSatisfying(p -> assertThat(p.currency()).isEqualTo("USD"));
        });
        assertThat(web.subGroups()).singleElement().satisfies(g -> {
            assertThat(g.cloud().config().region()).isEqualTo("venus");
            assertThat(g.place().toString()).isEqualTo("mock+venus+m1.small+venus-z1");
        });
        assertEmpty(marsZ1);

        web.delete();
        assertEmpty(venus);
    }

    @Test
    void aZoneCapacityRefusalMovesToTheNextZoneAndABlockedZoneIsNeverTriedAgain() {
        control(marsZ1).failFraction("vm.create", 1.0, 7, FaultKind.CAPACITY);
        Mci web = mc.mci("web").subGroup("cpu", List.of("mock+mars+m1.small+mars-z1", "mock+mars+m1.medium+mars-z1",
                "mock+mars+m1.small+mars-z2"), "ubuntu-22.04", 2).create();

        assertThat(places(web.creation().placements().get("cpu")))
                .containsExactly("mock+mars+m1.small+mars-z1 zone", "mock+mars+m1.small+mars-z2 ok");
        assertThat(control(marsZ1).callCount("vm.create")).as("two refused at z1, two made at z2").isEqualTo(4);
        assertThat(web.vms()).allSatisfy(vm -> assertThat(vm.labels()).containsEntry(MciTags.PLACE, "mock+mars+m1.small+mars-z2"));
        assertThat(web.subGroups().getFirst().cloud().config().zone()).isEqualTo("mars-z2");
        web.delete();
        assertEmpty(marsZ1);
    }

    @Test
    void aCloudScopeRefusalBlocksEveryRegionOfThatCloud() {
        control(marsZ1).failFraction("vm.create", 1.0, 7, FaultKind.QUOTA, ErrorScope.CLOUD);
        long creates = control(venus).callCount("vm.create");

        assertThatThrownBy(() -> mc.mci("web").subGroup("gpu", List.of("mock+mars+m1.small", "mock+venus+m1.small"),
                "ubuntu-22.04", 2).create())
                .isInstanceOfSatisfying(MciCreationException.class, e -> {
                    assertThat(places(e.report().placements().get("gpu"))).containsExactly("mock+mars+m1.small+mars-z1 cloud");
                    assertThat(e.report().failed()).hasSize(2).allSatisfy(o -> assertThat(o.reason()).contains("no place took"));
                });
        assertThat(control(venus).callCount("vm.create") - creates).as("only mars's two creates").isEqualTo(2);
        assertEmpty(marsZ1);
        assertEmpty(venus);
        assertThat(mc.mcis().find("web")).isEmpty();
    }

    @Test
    void theAttemptLimitEndsTheSearchAndAReviewPassesOverAFullQuotaWithoutACreateCall() {
        control(marsZ1).setQuota(0, 0);
        FailoverSubGroup one = FailoverSubGroup.of("gpu", List.of(mc.catalog().resolve("mock+mars+m1.small+mars-z1"),
                mc.catalog().resolve("mock+venus+m1.small")), "ubuntu-22.04", 1).maxAttempts(1);
        assertThatThrownBy(() -> mc.mci("web").subGroup(one).create()).isInstanceOf(MciCreationException.class);
        assertThat(control(marsZ1).callCount("vm.create")).as("the review saw the quota").isZero();

        Mci web = mc.mci("web").subGroup(one.maxAttempts(3)).create();
        assertThat(places(web.creation().placements().get("gpu")))
                .containsExactly("mock+mars+m1.small+mars-z1 region", "mock+venus+m1.small+venus-z1 ok");
        assertThat(web.creation().placements().get("gpu").getFirst().error()).contains("review: quota");
        assertThat(control(marsZ1).callCount("vm.create")).isEqualTo(1);
        web.delete();
        assertEmpty(marsZ1);
        assertEmpty(venus);
    }

    @Test
    void aRecommendationIsASubgroupsListOfPlaces() {
        Cloud jupiter = connect(mc, ConnectionConfig.of("mock", "jupiter"));
        control(marsZ1).failFraction("vm.create", 1.0, 7, FaultKind.QUOTA);
        var cheapest = mc.recommend().providers("mock").where("specName").is("m1.small").orderBy(Priority.cost()).limit(3).run();
        assertThat(cheapest.offers()).extracting(o -> o.region()).containsExactly("mars", "venus", "jupiter");

        Mci web = mc.mci("web").subGroup("cpu", cheapest, "ubuntu-22.04", 1).create();
        assertThat(web.creation().placeOf("cpu")).contains("mock+venus+m1.small+venus-z1");
        web.delete();
        assertEmpty(jupiter);
    }

    @Test
    void aCreationOverItsBudgetIsRefusedBeforeAnyCallAndSoIsAScaleOut() {
        BigDecimal price = mc.catalog().quote(venus, "m1.small").perHour();
        long calls = control(venus).callCount();

        assertThatThrownBy(() -> mc.mci("web").subGroup("venus", venus, "m1.small", "ubuntu-22.04", 3)
                .budget(new Budget(price.multiply(BigDecimal.valueOf(2.5)), "usd")).create())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.field()).isEqualTo("budget");
                    assertThat(e.getMessage()).contains("exceeds the budget of " + price.multiply(BigDecimal.valueOf(2.5))
                            .stripTrailingZeros().toPlainString() + " USD/h").contains("venus 3 × " + price.stripTrailingZeros().toPlainString());
                });
        assertThat(control(venus).callCount()).as("no call: the catalog answered from its cache").isEqualTo(calls);

        Mci web = mc.mci("web").subGroup("venus", venus, "m1.small", "ubuntu-22.04", 2)
                .budget(new Budget(price.multiply(BigDecimal.valueOf(2.5)), "USD")).create();
        assertThat(web.cost().perHour("USD")).isEqualByComparingTo(price.multiply(BigDecimal.TWO));
        long before = control(venus).callCount();
        assertThatThrownBy(() -> web.scaleOut("venus", 1)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("over the budget");
        assertThat(control(venus).callCount()).isEqualTo(before);
        assertThat(web.vms()).hasSize(2);
        web.delete();
    }

    @Test
    void underABudgetAFailoverSubgroupPassesOverAPlaceTooDear() {
        Cloud jupiter = connect(mc, ConnectionConfig.of("mock", "jupiter"));
        BigDecimal cheap = mc.catalog().quote(venus, "m1.small").perHour();
        long jupiterCreates = control(jupiter).callCount("vm.create");

        Mci web = mc.mci("web").subGroup("cpu", List.of("mock+jupiter+m1.small", "mock+venus+m1.small"), "ubuntu-22.04", 2)
                .budget(new Budget(cheap.multiply(BigDecimal.valueOf(2.2)), "USD")).create();
        List<FailoverPlan.Attempt> attempts = web.creation().placements().get("cpu");
        assertThat(places(attempts)).startsWith("mock+jupiter+m1.small+jupiter-z1 passed").endsWith("mock+venus+m1.small+venus-z1 ok");
        assertThat(attempts.getFirst().error()).startsWith("over budget");
        assertThat(control(jupiter).callCount("vm.create")).as("the account's: both at venus").isEqualTo(jupiterCreates + 2);
        assertEmpty(jupiter);
        web.delete();
    }

    @Test
    void aBuildersReviewAndEstimatePriceFromTheCatalogAndCheckTheBudget() {
        BigDecimal small = mc.catalog().quote(venus, "m1.small").perHour();
        BigDecimal medium = mc.catalog().quote(venus, "m1.medium").perHour();
        MciBuilder web = mc.mci("web").subGroup("venus", venus, "m1.small", "ubuntu-22.04", 3)
                .subGroup("more", List.of("mock+venus+m1.medium"), "ubuntu-22.04", 1).budget(new Budget(small, "USD"));

        MciReview review = web.review();
        assertThat(review.findings("venus")).filteredOn(f -> f.check() == ReviewCheck.PRICE).singleElement()
                .satisfies(f -> assertThat(f.message()).contains(small.stripTrailingZeros().toPlainString() + " USD/h (live"));
        assertThat(review.errors()).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo(ReviewCheck.BUDGET);
            assertThat(f.message()).contains("exceeds the budget");
        });
        CostEstimate estimate = web.estimate();
        assertThat(estimate.complete()).isTrue();
        assertThat(estimate.total("USD").orElseThrow().perHour())
                .isEqualByComparingTo(small.multiply(BigDecimal.valueOf(3)).add(medium));
        assertThat(CostEstimate.of(mc.catalog(), List.of(SubGroupRequest.of("venus", venus, "m1.small", "ubuntu-22.04", 3))))
                .satisfies(e -> assertThat(e.total("USD").orElseThrow().perHour()).isEqualByComparingTo(small.multiply(BigDecimal.valueOf(3))));
        assertThat(venus.vms().list()).isEmpty();
    }

    @Test
    void theLaunchPriceIsRecordedAndOutlivesACatalogChange() {
        BigDecimal price = mc.catalog().quote(venus, "m1.small").perHour();
        Mci web = mc.mci("web").subGroup("venus", venus, "m1.small", "ubuntu-22.04", 2).create();
        assertThat(mc.mciEngine().journal().entries("web")).filteredOn(e -> e.kind() == io.multicloud.api.ResourceKind.VM)
                .allSatisfy(e -> assertThat(e.tags()).containsKey(MciTags.PRICE));

        // Another program whose catalog prices the spec at 9.99 (its live prices fail, its snapshot says so).
        Offer dear = new Offer(OfferId.of("mock", "venus", "m1.small"), List.of(), null, 2, 4, Architecture.X86_64, null, "", 0, 0,
                9.99, Double.NaN, "USD", Source.SNAPSHOT, Instant.parse("2026-06-01T00:00:00Z"), "snapshot:test");
        Snapshot snapshot = new Snapshot(LocalDate.of(2026, 6, 1), List.of(), OfferTable.of(List.of(dear)), List.of(),
                LatencyMatrix.empty(), List.of());
        try (MultiCloud later = instance(snapshot)) {
            Cloud venus2 = later.connect("mock", "venus");
            control(venus2).failFraction("price.list", 1.0, 7, FaultKind.AUTH);
            assertThat(later.catalog().quote(venus2, "m1.small").perHour()).isEqualByComparingTo("9.99");
            Mci found = later.mcis().get("web");
            assertThat(found.cost().perHour("USD")).isEqualByComparingTo(price.multiply(BigDecimal.TWO));
            assertThat(found.vms()).allSatisfy(vm -> assertThat(vm.launchPrice().orElseThrow().perHour()).isEqualByComparingTo(price));
        }
        web.delete();
    }

    @Test
    void aFailedOverMciIsFoundAgainByAnotherInstanceAndScalesOutWhereItLives() {
        control(marsZ1).failFraction("vm.create", 1.0, 7, FaultKind.QUOTA);
        BigDecimal price = mc.catalog().quote(venus, "m1.small").perHour();
        mc.mci("web").subGroup("gpu", List.of("mock+mars+m1.small", "mock+venus+m1.small"), "ubuntu-22.04", 1)
                .budget(new Budget(price.multiply(BigDecimal.valueOf(2.5)), "USD")).create();

        try (MultiCloud other = instance(null)) {
            Cloud mars2 = connect(other, ConnectionConfig.of("mock", "mars"));
            Cloud venus2 = connect(other, ConnectionConfig.of("mock", "venus"));
            Mci found = other.mcis().get("web");
            assertThat(found.budget()).contains(new Budget(price.multiply(BigDecimal.valueOf(2.5)), "USD"));
            assertThat(found.subGroups()).singleElement().satisfies(g -> assertThat(g.connection()).isEqualTo(venus2.config().name()));
            MciReport out = found.scaleOut("gpu", 1);
            assertThat(out.ok()).isTrue();
            assertThat(venus2.vms().list()).extracting(Vm::name).containsExactlyInAnyOrder("web-gpu-2", "web-gpu-3");
            assertThat(mars2.vms().list()).isEmpty();
            assertThatThrownBy(() -> found.scaleOut("gpu", 1)).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("budget");
            found.delete();
            assertEmpty(venus2);
            assertEmpty(mars2);
        }
    }

    @Test
    void specIdsNameASubgroupsPlaceWithAZone() {
        Mci web = mc.mci("web").subGroup("z2", "MOCK+mars+m1.small+mars-z2", "ubuntu-22.04", 1)
                .subGroup(SubGroupRequest.of("here", venus, "mock+venus+m1.small", "ubuntu-22.04", 1)).create();
        assertThat(web.subGroups()).extracting(g -> g.place().toString())
                .containsExactly("mock+venus+m1.small", "mock+mars+m1.small+mars-z2");
        assertThatThrownBy(() -> SubGroupRequest.of("g", venus, "mock+mars+m1.small", "ubuntu-22.04", 1))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("another place");
        assertThatThrownBy(() -> mc.mci("x").subGroup("g", List.of("mock+pluto+m1.small"), "ubuntu-22.04", 1))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("not in the catalog");
        web.delete();
    }
}
