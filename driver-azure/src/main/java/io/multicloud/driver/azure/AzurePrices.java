package io.multicloud.driver.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.multicloud.api.ErrorContext;
import io.multicloud.api.Price;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.ThrottledException;
import io.multicloud.api.TransientCloudException;
import io.multicloud.spi.CatalogService;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Prices from Azure's public Retail Prices API ({@code https://prices.azure.com/api/retail/prices};
 * no SDK exists, so the JDK HTTP client and Jackson), filtered server-side to the region's VM
 * consumption prices ({@code $filter}) and paged by {@code NextPageLink}. A spec's price is its
 * Linux pay-as-you-go hourly price (Windows, Spot and Low Priority meters are left out). No
 * credential is needed.
 */
final class AzurePrices implements CatalogService<Price>, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AzureContext ctx;
    private HttpClient http;

    AzurePrices(AzureContext ctx) {
        this.ctx = ctx;
    }

    private String endpoint() {
        return ctx.config().property(AzureDriver.PRICES_ENDPOINT).orElse("https://prices.azure.com/api/retail/prices");
    }

    @Override
    public List<Price> list() {
        return prices(null);
    }

    @Override
    public Optional<Price> find(String nameOrId) {
        return prices(nameOrId).stream().filter(p -> p.spec().equalsIgnoreCase(nameOrId)).findFirst();
    }

    private List<Price> prices(String sku) {
        String filter = "serviceName eq 'Virtual Machines' and priceType eq 'Consumption' and armRegionName eq '"
                + ctx.region() + "'" + (sku == null ? "" : " and armSkuName eq '" + sku.replace("'", "''") + "'");
        String url = endpoint() + "?$filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20");
        Map<String, Price> bySku = new LinkedHashMap<>();
        int pages = 0;
        while (url != null && pages++ < 1000) {
            JsonNode page = get(url, sku);
            for (JsonNode item : page.path("Items")) {
                String name = item.path("armSkuName").asText("");
                String product = item.path("productName").asText("").toLowerCase(Locale.ROOT);
                String meter = item.path("skuName").asText("").toLowerCase(Locale.ROOT);
                if (name.isEmpty() || product.contains("windows") || meter.contains("spot") || meter.contains("low priority")
                        || !item.path("unitOfMeasure").asText("").equalsIgnoreCase("1 Hour")) {
                    continue;
                }
                bySku.putIfAbsent(name, new Price(name, ctx.region(), item.path("retailPrice").asDouble(),
                        item.path("currencyCode").asText("USD")));
            }
            JsonNode next = page.get("NextPageLink");
            url = next == null || next.isNull() || next.asText().isBlank() ? null : next.asText();
        }
        List<Price> all = new ArrayList<>(bySku.values());
        all.sort(Comparator.comparing(Price::spec));
        return List.copyOf(all);
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        }
        return http;
    }

    /** Closes the HTTP client, when one was made. */
    @Override
    public synchronized void close() {
        if (http != null) {
            http.close();
            http = null;
        }
    }

    private JsonNode get(String url, String sku) {
        ErrorContext context = ErrorContext.of(ctx.config().name(), ResourceKind.PRICE, sku);
        try {
            HttpResponse<byte[]> response = http().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 429) {
                throw new ThrottledException(context, "the Retail Prices API answered 429");
            }
            if (response.statusCode() >= 400) {
                throw new TransientCloudException(context, "the Retail Prices API answered " + response.statusCode());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new TransientCloudException(context, "no answer from the Retail Prices API: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientCloudException(context, "interrupted while asking the Retail Prices API", e);
        }
    }
}
