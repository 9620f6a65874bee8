package io.multicloud.driver.alibaba;

import io.multicloud.api.Price;
import io.multicloud.api.ResourceKind;
import io.multicloud.spi.CatalogService;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pay-as-you-go prices per hour from ECS DescribePrice ({@code ResourceType=instance},
 * {@code PriceUnit=Hour}), the trade price after discounts, in the currency Alibaba answers
 * (the BSS price API is not used). A type not on sale in the zone has no price.
 */
final class AlibabaPrices implements CatalogService<Price> {
    private final AlibabaContext ctx;
    private final AlibabaSpecs specs;
    private final AlibabaZones zones;

    AlibabaPrices(AlibabaContext ctx, AlibabaSpecs specs, AlibabaZones zones) {
        this.ctx = ctx;
        this.specs = specs;
        this.zones = zones;
    }

    @Override
    public List<Price> list() {
        List<Price> out = new ArrayList<>();
        specs.available(null).stream().sorted().forEach(t -> price(t).ifPresent(out::add));
        return List.copyOf(out);
    }

    @Override
    public Optional<Price> find(String spec) {
        if (!specs.available(spec).contains(spec)) {
            return Optional.empty();
        }
        return price(spec);
    }

    private Optional<Price> price(String spec) {
        String zone = zones.pick(null);
        var body = ctx.call(ResourceKind.PRICE, spec, () -> ctx.clients().ecs().describePrice(
                new com.aliyun.ecs20140526.models.DescribePriceRequest().setRegionId(ctx.region()).setZoneId(zone)
                        .setResourceType("instance").setInstanceType(spec).setPriceUnit("Hour").setAmount(1).setPeriod(1)).getBody());
        if (body.getPriceInfo() == null || body.getPriceInfo().getPrice() == null || body.getPriceInfo().getPrice().getTradePrice() == null) {
            return Optional.empty();
        }
        var p = body.getPriceInfo().getPrice();
        return Optional.of(new Price(spec, ctx.region(), p.getTradePrice(), p.getCurrency() == null ? "CNY" : p.getCurrency()));
    }
}
