package io.multicloud.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.NotFoundException;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Filters and priorities against answers computed by hand on {@link SmallCatalog}. */
class RecommendTest {
    private static CloudCatalog catalog;

    @BeforeAll
    static void open() {
        catalog = SmallCatalog.catalog();
    }

    @AfterAll
    static void close() {
        catalog.close();
    }

    private static List<String> specs(Recommendation r) {
        return r.offers().stream().map(Offer::specName).toList();
    }

    private static List<String> specs(UnaryOperator<Recommend> query) {
        return specs(query.apply(catalog.recommend().limit(100)).run());
    }

    @Test
    void numbersCompareWithEveryOperatorAndZeroIsAValue() {
        assertThat(specs(q -> q.where("acceleratorCount").equalTo(0)))
                .containsExactlyInAnyOrder("c.large", "arm.small", "4x16.itl");
        assertThat(specs(q -> q.where("acceleratorCount").atLeast(2))).containsExactlyInAnyOrder("g.l4x2", "h100x8", "a100-80x4");
        assertThat(specs(q -> q.where("acceleratorCount").greaterThan(2))).containsExactlyInAnyOrder("h100x8", "a100-80x4");
        assertThat(specs(q -> q.where("acceleratorCount").lessThan(1))).containsExactlyInAnyOrder("c.large", "arm.small", "4x16.itl");
        assertThat(specs(q -> q.where("acceleratorCount").atMost(1)))
                .containsExactlyInAnyOrder("c.large", "arm.small", "4x16.itl", "a100x1", "gpu_1x_h100");
        assertThat(specs(q -> q.where("acceleratorCount").between(1, 2)))
                .containsExactlyInAnyOrder("g.l4x2", "a100x1", "gpu_1x_h100");
        assertThat(specs(q -> q.where("acceleratorTotalMemoryGiB").atLeast(100)))
                .containsExactlyInAnyOrder("h100x8", "a100-80x4");
    }

    @Test
    void anUnknownNumberNeverPasses() {
        // no spot price: a100x1, arm.small, gpu_1x_h100 (and 4x16.itl, which is in KRW)
        assertThat(specs(q -> q.where("spotCostPerHour").atMost(100)))
                .containsExactlyInAnyOrder("g.l4x2", "c.large", "h100x8", "a100-80x4");
        assertThat(specs(q -> q.where("spotCostPerHour").greaterThan(-1)))
                .containsExactlyInAnyOrder("g.l4x2", "c.large", "h100x8", "a100-80x4");
    }

    @Test
    void textFiltersIgnoreCase() {
        assertThat(specs(q -> q.where("acceleratorModel").contains("a100"))).containsExactlyInAnyOrder("a100x1", "a100-80x4");
        assertThat(specs(q -> q.where("acceleratorModel").oneOf("a100", "h100")))
                .containsExactlyInAnyOrder("a100x1", "h100x8", "gpu_1x_h100");
        assertThat(specs(q -> q.where("acceleratorModel").matches("^h1"))).containsExactlyInAnyOrder("h100x8", "gpu_1x_h100");
        assertThat(specs(q -> q.where("architecture").is("ARM64"))).containsExactly("arm.small");
        assertThat(specs(q -> q.where("specName").is("C.LARGE"))).containsExactly("c.large");
        assertThat(specs(q -> q.where("provider").notOneOf("AWS", "gcp")))
                .containsExactlyInAnyOrder("a100-80x4", "arm.small", "gpu_1x_h100", "4x16.itl");
        assertThat(specs(q -> q.where("id").contains("+eastus+"))).containsExactlyInAnyOrder("a100-80x4", "arm.small");
    }

    @Test
    void nearKeepsRegionsWithinTheRadiusOnAGreatCircle() {
        // Mok-dong is 10 km from central Seoul, Tokyo 1,152 km; Lambda's region has no coordinates
        assertThat(specs(q -> q.near(37.56, 126.98, 50, "Seoul"))).containsExactlyInAnyOrder("g.l4x2", "c.large", "4x16.itl");
        assertThat(specs(q -> q.near(37.56, 126.98, 1200, "Seoul")))
                .containsExactlyInAnyOrder("g.l4x2", "c.large", "4x16.itl", "a100x1", "h100x8");
        assertThat(Geo.distanceKm(SmallCatalog.SEOUL, SmallCatalog.TOKYO)).isCloseTo(1152.5, within(1.0));
    }

    @Test
    void providersAndRegionsAreIncludedOrExcluded() {
        assertThat(specs(q -> q.providers("aws", "lambda"))).containsExactlyInAnyOrder("g.l4x2", "c.large", "gpu_1x_h100");
        assertThat(specs(q -> q.excludeProviders("aws", "kt")))
                .containsExactlyInAnyOrder("a100x1", "h100x8", "a100-80x4", "arm.small", "gpu_1x_h100");
        assertThat(specs(q -> q.regions("ap-northeast-2", "gcp+asia-northeast1")))
                .containsExactlyInAnyOrder("g.l4x2", "c.large", "a100x1", "h100x8");
        assertThat(specs(q -> q.excludeRegions("eastus", "KR1"))).doesNotContain("a100-80x4", "arm.small", "4x16.itl").hasSize(5);
    }

    @Test
    void costOrdersCheapestFirstAndLeavesOtherCurrenciesOutWhenAsked() {
        Recommendation r = catalog.recommend().orderBy(Priority.cost()).run();
        assertThat(specs(r)).containsExactly("arm.small", "c.large", "g.l4x2", "gpu_1x_h100", "a100x1", "a100-80x4", "h100x8");
        assertThat(r.notes()).anyMatch(n -> n.contains("1 offer(s)") && n.contains("another currency"));
        // the default order is cheapest first too, but an offer in KRW only ranks last
        Recommendation byDefault = catalog.recommend().run();
        assertThat(specs(byDefault)).containsExactly("arm.small", "c.large", "g.l4x2", "gpu_1x_h100", "a100x1", "a100-80x4",
                "h100x8", "4x16.itl");
        assertThat(byDefault.picks().get(7).why()).contains("priced in KRW, not compared");
        Recommendation krw = catalog.recommend().currency("krw").orderBy(Priority.cost()).run();
        assertThat(specs(krw)).containsExactly("4x16.itl");
    }

    @Test
    void spotCostRanksOffersWithoutASpotPriceLast() {
        assertThat(specs(q -> q.orderBy(Priority.spotCost())))
                .containsExactly("c.large", "g.l4x2", "a100-80x4", "h100x8", "a100x1", "arm.small", "gpu_1x_h100");
    }

    @Test
    void latencyOrdersFromTheNearestUserRegionAndSaysWhatItDoesNotKnow() {
        Recommendation r = catalog.recommend().where("acceleratorCount").atLeast(1)
                .orderBy(Priority.latencyTo("aws-ap-northeast-2"), Priority.cost()).run();
        assertThat(specs(r)).containsExactly("g.l4x2", "a100x1", "h100x8", "a100-80x4", "gpu_1x_h100");
        assertThat(r.picks()).extracting(Pick::latencyMs).startsWith(2.0, 35.0, 35.0, 190.0);
        assertThat(r.picks().get(4).latencyMs()).isNaN();
        assertThat(r.picks().get(4).why()).contains("lambda+us-east-1 is not in the latency matrix");
        assertThat(r.notes()).anyMatch(n -> n.startsWith("latency unknown for [lambda+us-east-1]"));
        // a bare region name means that region of every cloud; the nearest user region counts
        Recommendation two = catalog.recommend().where("acceleratorCount").atLeast(1).providers("azure", "gcp")
                .orderBy(Priority.latencyTo("ap-northeast-2", "eastus")).run();
        assertThat(two.picks()).extracting(Pick::latencyMs).containsExactly(2.0, 35.0, 35.0);
        assertThat(two.notes()).anyMatch(n -> n.contains("'eastus' means from [azure-eastus]"));
    }

    @Test
    void locationOrdersByDistanceToTheNearestPoint() {
        Recommendation r = catalog.recommend().limit(100).orderBy(Priority.nearest(37.56, 126.98, "Seoul")).run();
        assertThat(specs(r)).containsExactly("g.l4x2", "c.large", "4x16.itl", "a100x1", "h100x8", "a100-80x4", "arm.small",
                "gpu_1x_h100");
        assertThat(r.picks().get(0).distanceKm()).isZero();
        assertThat(r.picks().get(2).distanceKm()).isCloseTo(9.9, within(0.5));
        assertThat(r.picks().get(7).why()).contains("distance unknown");
        Recommendation two = catalog.recommend().limit(3)
                .orderBy(Priority.nearest(Near.point(35.68, 139.69, "Tokyo"), Near.point(37.37, -79.82, "Virginia"))).run();
        assertThat(specs(two)).containsExactly("a100x1", "h100x8", "a100-80x4");
        assertThat(two.picks().get(2).why()).contains("0 km from Virginia");
    }

    @Test
    void performanceIsTheDefaultScoreAFieldOrTheCallersOwn() {
        // 10 x accelerator memory of the VM + vCPUs: 6608, 3296, 826, 488, 412
        assertThat(specs(q -> q.limit(5).orderBy(Priority.performance())))
                .containsExactly("h100x8", "a100-80x4", "gpu_1x_h100", "g.l4x2", "a100x1");
        assertThat(specs(q -> q.limit(3).orderBy(Priority.performance("vcpus")))).containsExactly("h100x8", "a100-80x4", "gpu_1x_h100");
        assertThat(specs(q -> q.limit(2).orderBy(Priority.performance("cheapness", o -> -o.costPerHour()))))
                .containsExactly("arm.small", "c.large");
    }

    @Test
    void randomIsTheSameForTheSameSeed() {
        List<String> a = specs(q -> q.orderBy(Priority.random(7)));
        assertThat(specs(q -> q.orderBy(Priority.random(7)))).isEqualTo(a);
        assertThat(specs(q -> q.orderBy(Priority.random(8)))).isNotEqualTo(a).containsExactlyInAnyOrderElementsOf(a);
    }

    @Test
    void weightsBlendNormalisedValues() {
        // cost over the four: 1.5, 3.67, 43, 14.7 -> 0, 0.052, 1, 0.318; latency 2, 35, 35, 190 -> 0, 0.176, 0.176, 1
        UnaryOperator<Recommend> gpus = q -> q.where("acceleratorCount").atLeast(1).providers("aws", "gcp", "azure");
        Recommendation latencyHeavy = gpus.apply(catalog.recommend())
                .orderBy(Priority.cost().weight(1), Priority.latencyTo("aws-ap-northeast-2").weight(2)).run();
        assertThat(specs(latencyHeavy)).containsExactly("g.l4x2", "a100x1", "h100x8", "a100-80x4");
        Recommendation costHeavy = gpus.apply(catalog.recommend())
                .orderBy(Priority.cost().weight(3), Priority.latencyTo("aws-ap-northeast-2").weight(1)).run();
        assertThat(specs(costHeavy)).containsExactly("g.l4x2", "a100x1", "a100-80x4", "h100x8");
        assertThat(costHeavy.picks().get(2).why()).contains("blended score 1.954").contains("3.000× on-demand 14.7000 USD/h");
    }

    @Test
    void whyNothingMatchedNamesTheFilterThatCutTheLastCandidates() {
        Recommendation r = catalog.recommend().where("acceleratorModel").is("H100").where("costPerHour").atMost(1).run();
        assertThat(r.isEmpty()).isTrue();
        assertThat(r.whyNothing()).isEqualTo("nothing matched: 'costPerHour <= 1' cut the last 2 candidates (left by "
                + "'acceleratorModel is 'H100'')");
        Recommendation none = catalog.recommend().where("acceleratorModel").is("TPU-v9").run();
        assertThat(none.whyNothing()).isEqualTo("nothing matched: 'acceleratorModel is 'TPU-v9'' holds for none of the 8 offers");
        assertThatThrownBy(none::best).isInstanceOf(NotFoundException.class).hasMessageContaining("TPU-v9");
    }

    @Test
    void aRequestFileRunsLikeTheFluentForm() {
        Recommend fluent = catalog.recommend().where("acceleratorModel").oneOf("A100", "H100")
                .where("acceleratorMemoryGiB").atLeast(40).where("costPerHour").atMost(40)
                .orderBy(Priority.latencyTo("ap-northeast-2"), Priority.cost()).limit(10);
        RecommendRequest request = fluent.request();
        assertThat(RecommendRequest.fromJson(request.toJson())).isEqualTo(request);
        assertThat(RecommendRequest.fromYaml(request.toYaml())).isEqualTo(request);
        RecommendRequest yaml = RecommendRequest.fromYaml("""
                where:
                  - {field: acceleratorModel, oneOf: [A100, H100]}
                  - {field: acceleratorMemoryGiB, ge: 40}
                  - {field: costPerHour, le: 40}
                orderBy:
                  - {by: latency, to: [ap-northeast-2]}
                  - {by: cost}
                limit: 10
                """);
        assertThat(specs(catalog.recommend(yaml))).isEqualTo(specs(fluent.run())).containsExactly("a100x1", "gpu_1x_h100");
    }

    @Test
    void badRequestsFailBeforeAnythingRuns() {
        assertThatThrownBy(() -> catalog.recommend().where("gpuz")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("acceleratorMemoryGiB");
        assertThatThrownBy(() -> catalog.recommend().where("costPerHour").is("cheap")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("is a number");
        assertThatThrownBy(() -> catalog.recommend().where("acceleratorCount").between(3, 1))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> catalog.recommend().where("specName").matches("(")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> RecommendRequest.fromYaml("where: [{field: vcpus, ge: 2, le: 4}]"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("exactly one operator");
        assertThatThrownBy(() -> RecommendRequest.fromYaml("limt: 3")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("limt");
        assertThatThrownBy(() -> catalog.recommend().orderBy(Priority.latencyTo("mars-x")).run())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("does not know the region 'mars-x'");
        assertThatThrownBy(() -> catalog.recommend().limit(0)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void picksExplainPlacePriceAndRank() {
        Recommendation r = catalog.recommend().providers("aws").orderBy(Priority.cost()).run();
        Pick second = r.picks().get(1);
        assertThat(second.place()).isEqualTo("aws ap-northeast-2 (South Korea (Seoul))");
        assertThat(second.why()).isEqualTo("#2 of 2 matches by on-demand 1.5000 USD/h (#1: on-demand 0.1000 USD/h)");
        assertThat(r.toString()).contains("2 of 8 offers matched").contains("aws+ap-northeast-2+g.l4x2");
    }

    @Test
    void imagesFitTheOffersArchitectureAndTheWish() {
        Offer arm = catalog.offer("azure+eastus+arm.small").orElseThrow();
        assertThat(catalog.images(arm, "ubuntu")).extracting(ImageMatch::use).containsExactly("ubuntu-24.04-arm64");
        Offer x86 = catalog.offer("azure+eastus+a100-80x4").orElseThrow();
        assertThat(catalog.images(x86, "Ubuntu 22.04 LTS")).extracting(ImageMatch::use).containsExactly("ubuntu-22.04");
        assertThat(catalog.images(x86, "ubuntu")).extracting(ImageMatch::use).containsExactly("ubuntu-24.04", "ubuntu-22.04");
        assertThat(catalog.image(x86, "ubuntu-24.04").image().id()).isEqualTo("Canonical:noble:24.04.1");
        assertThatThrownBy(() -> catalog.image(x86, "debian 12")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("no image of azure eastus fits 'debian 12'");
    }
}
