package io.multicloud.driver.azure.fake;

import static io.multicloud.driver.azure.fake.AzureFake.NODES;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.testkit.fake.FakeRequest;
import io.multicloud.testkit.fake.FakeResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Azure's public Retail Prices API ({@code GET /api/retail/prices?$filter=...}): items with
 * {@code armSkuName}, {@code retailPrice}, {@code productName} (Linux and Windows meters),
 * {@code skuName} (pay-as-you-go and Spot), paged 3 items at a time by {@code NextPageLink}, in
 * the API's own field names (it has no swagger).
 */
final class PricesFake {
    private static final Object[][] PRICES = {
        {"Standard_B1s", 0.0104}, {"Standard_B2s", 0.0416}, {"Standard_D2s_v5", 0.096}, {"Standard_D4s_v5", 0.192},
        {"Standard_D2ps_v5", 0.077}, {"Standard_NC4as_T4_v3", 0.526}, {"Standard_NC24ads_A100_v4", 3.673}};

    void register(AzureFake.Routes routes) {
        routes.raw("GET", "/api/retail/prices", "RetailPrices_List", this::list);
    }

    private FakeResponse list(FakeRequest r) {
        String filter = r.query("$filter").orElse("");
        Matcher region = Pattern.compile("armRegionName eq '([^']+)'").matcher(filter);
        Matcher sku = Pattern.compile("armSkuName eq '([^']+)'").matcher(filter);
        String regionName = region.find() ? region.group(1) : null;
        String skuName = sku.find() ? sku.group(1) : null;
        List<ObjectNode> items = new ArrayList<>();
        for (Object[] p : PRICES) {
            if (skuName != null && !skuName.equalsIgnoreCase((String) p[0]) || regionName != null && !regionName.equals("eastus")) {
                continue;
            }
            String size = ((String) p[0]).substring("Standard_".length()).replace('_', ' ');
            double price = (Double) p[1];
            items.add(item((String) p[0], size, "Virtual Machines Series", price * 2, "Windows"));
            items.add(item((String) p[0], size + " Spot", "Virtual Machines Series", price * 0.2, null));
            items.add(item((String) p[0], size, "Virtual Machines Series", price, null));
        }
        int offset = Integer.parseInt(r.query("$skip").orElse("0"));
        int to = Math.min(items.size(), offset + 3);
        ObjectNode body = NODES.objectNode().put("BillingCurrency", "USD").put("CustomerEntityId", "Default")
                .put("CustomerEntityType", "Retail");
        ArrayNode out = body.putArray("Items");
        items.subList(Math.min(offset, items.size()), to).forEach(out::add);
        body.put("Count", out.size());
        if (to < items.size()) {
            body.put("NextPageLink", r.header("host").map(h -> "http://" + h).orElse("") + "/api/retail/prices?$filter="
                    + AzureFake.enc(filter) + "&$skip=" + to);
        } else {
            body.putNull("NextPageLink");
        }
        return FakeResponse.ok(body);
    }

    private static ObjectNode item(String armSku, String skuName, String product, double price, String os) {
        return NODES.objectNode().put("currencyCode", "USD").put("tierMinimumUnits", 0.0).put("retailPrice", price).put("unitPrice", price)
                .put("armRegionName", "eastus").put("location", "US East").put("effectiveStartDate", "2024-01-01T00:00:00Z")
                .put("meterId", java.util.UUID.nameUUIDFromBytes((armSku + skuName + os).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString())
                .put("meterName", skuName).put("productId", "DZH318Z0BQ4L").put("skuId", "DZH318Z0BQ4L/00TG")
                .put("productName", product + (os == null ? "" : " " + os)).put("skuName", skuName).put("serviceName", "Virtual Machines")
                .put("serviceId", "DZH313Z7MMC8").put("serviceFamily", "Compute").put("unitOfMeasure", "1 Hour").put("type", "Consumption")
                .put("isPrimaryMeterRegion", true).put("armSkuName", armSku);
    }
}
