package io.multicloud.core.mci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.Capabilities;
import io.multicloud.api.Capability;
import io.multicloud.api.Catalog;
import io.multicloud.api.Cloud;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.Price;
import io.multicloud.core.MultiCloud;
import io.multicloud.driver.mock.FaultKind;
import io.multicloud.driver.mock.MockControl;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CostEstimateTest {
    // The mock's hourly USD prices: m1.small (2 vCPU, 4 GiB) = 2×0.0208 + 4×0.0026 = 0.052 in mars (factor 1.00);
    // g1.l4x1 (4 vCPU, 16 GiB, 1 L4 at 0.60) = 0.7248 × 1.12 (venus) = 0.811776, rounded by the catalog to 0.8118.
    private static final String M1_SMALL_MARS = "0.052";
    private static final String G1_L4X1_VENUS = "0.8118";

    private MultiCloud mc;
    private Cloud mars;
    private Cloud venus;

    @BeforeEach
    void connect() {
        mc = MultiCloud.builder().environment(Map.of()).build();
        mars = mc.connect("mock", "mars");
        venus = mc.connect("mock", "venus");
    }

    @AfterEach
    void close() {
        mc.close();
    }

    @Test
    void aValidMciIsPricedPerSubgroupAndInTotalFromTheCatalog() {
        assertThat(mars.prices().get("m1.small").costPerHour()).isEqualTo(Double.parseDouble(M1_SMALL_MARS));
        assertThat(venus.prices().get("g1.l4x1").costPerHour()).isEqualTo(Double.parseDouble(G1_L4X1_VENUS));

        CostEstimate estimate = CostEstimate.of(List.of(
                SubGroupRequest.of("web", mars, "m1.small", "ubuntu-22.04", 3),
                SubGroupRequest.of("gpu", venus, "g1.l4x1", "ubuntu-22.04-cuda-12", 2)));

        CostEstimate.SubGroupCost web = estimate.subGroup("web").orElseThrow();
        assertThat(web.pricePerVmHour()).isEqualByComparingTo(M1_SMALL_MARS);
        assertThat(web.currency()).isEqualTo("USD");
        assertThat(web.region()).isEqualTo("mars");
        assertThat(web.perHour()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.156"));
        assertThat(web.perDay()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("3.744"));
        assertThat(web.perMonth()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("113.88"));
        assertThat(estimate.subGroup("gpu").orElseThrow().perHour())
                .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("1.6236"));

        assertThat(estimate.complete()).isTrue();
        assertThat(estimate.unpriced()).isEmpty();
        assertThat(estimate.totals()).hasSize(1);
        CostTotal usd = estimate.total("USD").orElseThrow();
        assertThat(usd.perHour()).isEqualByComparingTo("1.7796");
        assertThat(usd.perDay()).isEqualByComparingTo("42.7104");
        assertThat(usd.perMonth()).isEqualByComparingTo("1299.108");
        assertThat(usd.vms()).isEqualTo(5);
        assertThat(usd.subGroups()).containsExactly("web", "gpu");
        assertThat(estimate.toString()).contains("month = 730 h").contains("1299.108").doesNotContain("PARTIAL");
    }

    @Test
    void aSubgroupOnADriverWithoutPricesIsUnknownWithItsReasonAndTheTotalIsPartial() {
        AtomicInteger priceCalls = new AtomicInteger();
        Cloud noPrices = wrap(mars, (method, args, real) -> switch (method.getName()) {
            case "capabilities" -> without(mars.capabilities(), Capability.PRICES);
            case "prices" -> {
                priceCalls.incrementAndGet();
                yield real.call();
            }
            default -> real.call();
        });

        CostEstimate estimate = CostEstimate.of(List.of(
                SubGroupRequest.of("web", mars, "m1.small", "ubuntu-22.04", 3),
                SubGroupRequest.of("legacy", noPrices, "m1.small", "ubuntu-22.04", 4)));

        CostEstimate.SubGroupCost legacy = estimate.subGroup("legacy").orElseThrow();
        assertThat(legacy.known()).isFalse();
        assertThat(legacy.unknownReason()).isEqualTo("driver 'mock' offers no prices");
        assertThat(legacy.perHour()).isEmpty();
        assertThat(legacy.perMonth()).isEmpty();
        assertThat(priceCalls).as("a driver without PRICES is not asked").hasValue(0);

        assertThat(estimate.complete()).isFalse();
        assertThat(estimate.unpriced()).extracting(CostEstimate.SubGroupCost::subGroup).containsExactly("legacy");
        CostTotal usd = estimate.total("USD").orElseThrow();
        assertThat(usd.perHour()).isEqualByComparingTo("0.156");
        assertThat(usd.subGroups()).containsExactly("web");
        assertThat(estimate.toString()).contains("PARTIAL").contains("total (partial)")
                .contains("no price for legacy: driver 'mock' offers no prices");
    }

    @Test
    void aSpecTheCatalogDoesNotPriceIsUnknownNotZero() {
        CostEstimate estimate = CostEstimate.of(List.of(SubGroupRequest.of("odd", mars, "m9.huge", "ubuntu-22.04", 2)));

        assertThat(estimate.subGroups()).singleElement().satisfies(c -> {
            assertThat(c.known()).isFalse();
            assertThat(c.pricePerVmHour()).isNull();
            assertThat(c.unknownReason()).isEqualTo("no price for spec 'm9.huge' in region mars");
        });
        assertThat(estimate.complete()).isFalse();
        assertThat(estimate.totals()).as("no total of nothing, rather than a total of 0").isEmpty();
    }

    @Test
    void pricesInDifferentCurrenciesAreTotalledApart() {
        Cloud inEuro = wrap(venus, (method, args, real) ->
                method.getName().equals("prices") ? inCurrency(venus.prices(), "EUR") : real.call());

        CostEstimate estimate = CostEstimate.of(List.of(
                SubGroupRequest.of("web", mars, "m1.small", "ubuntu-22.04", 3),
                SubGroupRequest.of("gpu", inEuro, "g1.l4x1", "ubuntu-22.04-cuda-12", 2),
                SubGroupRequest.of("web2", mars, "m1.small", "ubuntu-22.04", 1)));

        assertThat(estimate.complete()).isTrue();
        assertThat(estimate.totals()).extracting(CostTotal::currency).containsExactly("EUR", "USD");
        assertThat(estimate.total("EUR").orElseThrow().perHour()).isEqualByComparingTo("1.6236");
        assertThat(estimate.total("USD").orElseThrow().perHour()).isEqualByComparingTo("0.208");
        assertThat(estimate.total("USD").orElseThrow().subGroups()).containsExactly("web", "web2");
    }

    @Test
    void aFailingPriceLookupMakesThatSubgroupUnknownInsteadOfThrowing() {
        mars.unwrap(MockControl.class).failFraction("price.find", 1.0, 7, FaultKind.AUTH);

        CostEstimate estimate = CostEstimate.of(List.of(
                SubGroupRequest.of("web", mars, "m1.small", "ubuntu-22.04", 3),
                SubGroupRequest.of("gpu", venus, "g1.l4x1", "ubuntu-22.04-cuda-12", 2)));

        assertThat(estimate.subGroup("web").orElseThrow().unknownReason()).startsWith("the price lookup failed: ");
        assertThat(estimate.subGroup("gpu").orElseThrow().known()).isTrue();
        assertThat(estimate.complete()).isFalse();
    }

    @Test
    void subgroupsArePricedInParallelSoASlowCloudDoesNotSerializeTheOthers() {
        // Each subgroup's price read waits until all three have started: read one after the other, none would finish.
        CountDownLatch allStarted = new CountDownLatch(3);
        List<SubGroupRequest> subGroups = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            Cloud gated = wrap(mars, (method, args, real) -> {
                if (method.getName().equals("prices")) {
                    allStarted.countDown();
                    if (!allStarted.await(10, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("price reads ran one after the other");
                    }
                }
                return real.call();
            });
            subGroups.add(SubGroupRequest.of(name, gated, "m1.small", "ubuntu-22.04", 1));
        }

        CostEstimate estimate = CostEstimate.of(subGroups);

        assertThat(estimate.unpriced()).isEmpty();
        assertThat(estimate.total("USD").orElseThrow().perHour()).isEqualByComparingTo("0.156");
    }

    @Test
    void anEmptyOrNullListIsRefusedBeforeAnyCloudCall() {
        MockControl control = mars.unwrap(MockControl.class);
        long callsBefore = control.callCount();

        assertThatThrownBy(() -> CostEstimate.of(List.of())).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("subGroups");
        assertThatThrownBy(() -> CostEstimate.of(null)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> CostEstimate.of(Arrays.asList(SubGroupRequest.of("web", mars, "m1.small", "ubuntu-22.04", 1), null)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("null subgroup");
        assertThat(control.callCount()).isEqualTo(callsBefore);
    }

    /** Answers one call of a wrapped Cloud; {@code real} calls the wrapped one. */
    @FunctionalInterface
    interface Answer {
        Object answer(Method method, Object[] args, Callable<Object> real) throws Exception;
    }

    /** A Cloud that answers through {@code answer}, in front of a real mock connection. */
    static Cloud wrap(Cloud target, Answer answer) {
        return (Cloud) Proxy.newProxyInstance(Cloud.class.getClassLoader(), new Class<?>[] {Cloud.class},
                (proxy, method, args) -> answer.answer(method, args, () -> {
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw (Exception) e.getCause();
                    }
                }));
    }

    static Capabilities without(Capabilities capabilities, Capability missing) {
        EnumSet<Capability> supported = EnumSet.copyOf(capabilities.supported());
        supported.remove(missing);
        return new Capabilities(supported, capabilities.anyCallFunctions());
    }

    private static Catalog<Price> inCurrency(Catalog<Price> prices, String currency) {
        return new Catalog<>() {
            @Override
            public List<Price> list() {
                return prices.list().stream().map(p -> convert(p, currency)).toList();
            }

            @Override
            public Optional<Price> find(String name) {
                return prices.find(name).map(p -> convert(p, currency));
            }

            @Override
            public Price get(String name) {
                return convert(prices.get(name), currency);
            }
        };
    }

    private static Price convert(Price p, String currency) {
        return new Price(p.spec(), p.region(), p.costPerHour(), currency);
    }
}
