package io.multicloud.driver.tencent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.api.Price;
import io.multicloud.api.ResourceKind;
import io.multicloud.driver.tencent.TencentClients.Product;
import io.multicloud.spi.CatalogService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pay-as-you-go hourly prices. {@link #list()} reads the unit prices DescribeZoneInstanceConfigInfos
 * gives with every type (one call); {@link #find} asks InquiryPriceRunInstances for the type (the
 * discounted hourly price of one instance, without bandwidth). The currency is the account's
 * site's: property {@code currency}, default {@code CNY}.
 */
final class TencentPrices implements CatalogService<Price> {
    private final TencentContext ctx;
    private final TencentSpecs specs;
    private final TencentImages images;

    TencentPrices(TencentContext ctx, TencentSpecs specs, TencentImages images) {
        this.ctx = ctx;
        this.specs = specs;
        this.images = images;
    }

    private String currency() {
        return ctx.config().property("currency").orElse("CNY");
    }

    @Override
    public List<Price> list() {
        Map<String, Price> byType = new LinkedHashMap<>();
        for (JsonNode offer : specs.offers(null)) {
            JsonNode price = offer.path("Price");
            double hourly = price.path("UnitPriceDiscount").asDouble(price.path("UnitPrice").asDouble(0));
            if (hourly > 0) {
                byType.putIfAbsent(offer.path("InstanceType").asText(),
                        new Price(offer.path("InstanceType").asText(), ctx.config().region(), hourly, currency()));
            }
        }
        return List.copyOf(byType.values());
    }

    @Override
    public Optional<Price> find(String spec) {
        Optional<JsonNode> offer = specs.offers(spec).stream().filter(o -> spec.equals(o.path("InstanceType").asText())).findFirst();
        if (offer.isEmpty()) {
            return Optional.empty();
        }
        String image = images.resolve("ubuntu-22.04").or(() -> images.list().stream().findFirst()
                .flatMap(i -> images.resolve(i.id()))).map(i -> i.path("ImageId").asText()).orElse(null);
        if (image == null) {
            return Optional.empty();
        }
        ObjectNode params = TencentApi.object();
        params.putObject("Placement").put("Zone", offer.get().path("Zone").asText());
        params.put("ImageId", image);
        params.put("InstanceType", spec);
        params.put("InstanceChargeType", "POSTPAID_BY_HOUR");
        JsonNode answer = ctx.api().read(Product.CVM, "InquiryPriceRunInstances", params, ResourceKind.PRICE, spec);
        JsonNode price = answer.path("Price").path("InstancePrice");
        double hourly = price.path("UnitPriceDiscount").asDouble(price.path("UnitPrice").asDouble(0));
        return Optional.of(new Price(spec, ctx.config().region(), hourly, currency()));
    }
}
