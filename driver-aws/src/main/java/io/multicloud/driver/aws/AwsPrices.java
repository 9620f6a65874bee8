package io.multicloud.driver.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.multicloud.api.CloudException;
import io.multicloud.api.ErrorContext;
import io.multicloud.api.Price;
import io.multicloud.api.ResourceKind;
import io.multicloud.spi.CatalogService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.pricing.model.Filter;
import software.amazon.awssdk.services.pricing.model.FilterType;
import software.amazon.awssdk.services.pricing.model.GetProductsRequest;

/**
 * On-demand Linux prices per instance type in the connection's region, from the AWS Price List
 * API ({@code GetProducts} on {@code AmazonEC2}). Each product arrives as a JSON string; the
 * hourly USD price is read from its {@code terms.OnDemand} price dimensions. Nothing is cached
 * here: core caches catalogs.
 */
final class AwsPrices implements CatalogService<Price> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CURRENCY = "USD";

    private final AwsContext ctx;

    AwsPrices(AwsContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public List<Price> list() {
        return query(null);
    }

    @Override
    public Optional<Price> find(String spec) {
        return query(spec).stream().findFirst();
    }

    private List<Price> query(String instanceType) {
        List<Filter> filters = new ArrayList<>(List.of(
                term("regionCode", ctx.config().region()),
                term("operatingSystem", "Linux"),
                term("tenancy", "Shared"),
                term("preInstalledSw", "NA"),
                term("capacitystatus", "Used"),
                term("licenseModel", "No License required")));
        if (instanceType != null) {
            filters.add(term("instanceType", instanceType));
        }
        GetProductsRequest request = GetProductsRequest.builder().serviceCode("AmazonEC2")
                .formatVersion("aws_v1").filters(filters).build();
        return ctx.errors().call(ResourceKind.PRICE, instanceType, () -> {
            List<Price> prices = new ArrayList<>();
            // The paginator follows NextToken until the last page.
            for (String product : ctx.clients().pricing().getProductsPaginator(request).priceList()) {
                parse(product).ifPresent(prices::add);
            }
            return List.copyOf(prices);
        });
    }

    /** The price in one product document, if it has an hourly USD on-demand price above zero. */
    Optional<Price> parse(String product) {
        JsonNode root;
        try {
            root = JSON.readTree(product);
        } catch (IOException e) {
            throw new CloudException(ErrorContext.of(ctx.config().name(), ResourceKind.PRICE, null),
                    "the Price List API sent a product that is not JSON", e);
        }
        String type = root.path("product").path("attributes").path("instanceType").asText(null);
        if (type == null) {
            return Optional.empty();
        }
        for (Iterator<JsonNode> offers = root.path("terms").path("OnDemand").elements(); offers.hasNext(); ) {
            for (Iterator<JsonNode> dims = offers.next().path("priceDimensions").elements(); dims.hasNext(); ) {
                JsonNode dim = dims.next();
                JsonNode usd = dim.path("pricePerUnit").path(CURRENCY);
                if (usd.isTextual() && "Hrs".equals(dim.path("unit").asText("Hrs"))) {
                    double perHour = Double.parseDouble(usd.asText());
                    // A zero price marks a reservation placeholder, not a real on-demand offer.
                    if (perHour > 0) {
                        return Optional.of(new Price(type, ctx.config().region(), perHour, CURRENCY));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Filter term(String field, String value) {
        return Filter.builder().type(FilterType.TERM_MATCH).field(field).value(value).build();
    }
}
