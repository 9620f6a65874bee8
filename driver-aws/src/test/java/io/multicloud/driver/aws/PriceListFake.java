package io.multicloud.driver.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.StringValuePattern;
import java.util.List;

/**
 * A fake of the AWS Price List API on 127.0.0.1, the one place that knows its wire format:
 * GetProducts in JSON 1.1 ({@code X-Amz-Target: AWSPriceListService.GetProducts}), products as
 * JSON documents inside strings shaped as in AWS's GetProducts reference (attributes, an
 * on-demand term and a reserved term whose upfront fee is not an hourly price), pages joined by
 * {@code NextToken}. Answers are stubbed by the request's filters (region, instance type) and
 * page token.
 */
final class PriceListFake {
    static final String TARGET = "AWSPriceListService.GetProducts";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static PriceListFake shared;

    private final WireMockServer server;

    private PriceListFake() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
    }

    /** A fake of its own, to be stopped by the caller. */
    static PriceListFake started() {
        return new PriceListFake();
    }

    /**
     * The JVM's shared fake (for tests on moto, which serves no Price List API), answering one
     * on-demand Linux price for an instance type in a region, asked with or without the instance
     * type filter; returns its base URL for the {@code pricing_endpoint} property.
     */
    static synchronized String start(String region, String instanceType, String usdPerHour) {
        if (shared == null) {
            shared = new PriceListFake();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
        }
        shared.answer(5, region, null, null, page(null, product(region, instanceType, "SKUCONFORM01", usdPerHour)));
        return shared.baseUrl();
    }

    String baseUrl() {
        return server.baseUrl();
    }

    /** The WireMock server, to verify what the driver asked. */
    WireMockServer server() {
        return server;
    }

    void reset() {
        server.resetAll();
    }

    void stop() {
        server.stop();
    }

    /**
     * Answers GetProducts for a region with this page body; only when asked for this instance
     * type and with this page token when they are not null. A lower priority number wins.
     */
    void answer(int priority, String region, String instanceType, String nextToken, String page) {
        var mapping = post(urlEqualTo("/")).atPriority(priority)
                .withHeader("X-Amz-Target", equalTo(TARGET))
                .withRequestBody(filter("regionCode", region));
        if (instanceType != null) {
            mapping = mapping.withRequestBody(filter("instanceType", instanceType));
        }
        if (nextToken != null) {
            mapping = mapping.withRequestBody(matchingJsonPath("$.NextToken", equalTo(nextToken)));
        }
        server.stubFor(mapping.willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withHeader("x-amzn-RequestId", "5f3c6a1e-0000-4000-8000-000000000001")
                .withBody(page)));
    }

    /** A request body pattern: a TERM_MATCH filter on this field and value. */
    static StringValuePattern filter(String field, String value) {
        return matchingJsonPath("$.Filters[?(@.Field == '" + field + "' && @.Value == '" + value
                + "' && @.Type == 'TERM_MATCH')]");
    }

    /** A GetProducts answer: these products, and the token of the next page when not null. */
    static String page(String nextToken, String... products) {
        ObjectNode page = JSON.createObjectNode().put("FormatVersion", "aws_v1");
        ArrayNode list = page.putArray("PriceList");
        List.of(products).forEach(list::add);
        if (nextToken != null) {
            page.put("NextToken", nextToken);
        }
        return page.toString();
    }

    /**
     * One on-demand Linux product as the Price List API serializes it: a JSON document inside a
     * string, with the product's attributes and its on-demand and reserved terms.
     */
    static String product(String region, String type, String sku, String usdPerHour) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode product = root.putObject("product").put("productFamily", "Compute Instance");
        product.putObject("attributes")
                .put("enhancedNetworkingSupported", "Yes").put("memory", "1 GiB").put("vcpu", "2")
                .put("capacitystatus", "Used").put("locationType", "AWS Region").put("storage", "EBS only")
                .put("instanceFamily", "General purpose").put("operatingSystem", "Linux")
                .put("regionCode", region).put("physicalProcessor", "Intel Skylake E5 2686 v5")
                .put("networkPerformance", "Up to 5 Gigabit").put("servicename", "Amazon Elastic Compute Cloud")
                .put("instanceType", type).put("tenancy", "Shared").put("usagetype", "BoxUsage:" + type)
                .put("servicecode", "AmazonEC2").put("licenseModel", "No License required")
                .put("currentGeneration", "Yes").put("preInstalledSw", "NA").put("processorArchitecture", "64-bit")
                .put("marketoption", "OnDemand").put("operation", "RunInstances").put("availabilityzone", "NA");
        product.put("sku", sku);
        root.put("serviceCode", "AmazonEC2");
        ObjectNode terms = root.putObject("terms");
        String onDemand = sku + ".JRTCKXETXF";
        ObjectNode offer = terms.putObject("OnDemand").putObject(onDemand);
        offer.putObject("priceDimensions").putObject(onDemand + ".6YS6EN2CT7")
                .put("unit", "Hrs").put("endRange", "Inf")
                .put("description", "$" + usdPerHour + " per On Demand Linux " + type + " Instance Hour")
                .put("rateCode", onDemand + ".6YS6EN2CT7").put("beginRange", "0")
                .putObject("pricePerUnit").put("USD", usdPerHour);
        offer.put("sku", sku).put("effectiveDate", "2025-11-01T00:00:00Z").put("offerTermCode", "JRTCKXETXF");
        offer.putObject("termAttributes");
        // A reserved term whose upfront fee must not be taken for the hourly price.
        String reserved = sku + ".38NPMPTW36";
        ObjectNode ri = terms.putObject("Reserved").putObject(reserved);
        ri.putObject("priceDimensions").putObject(reserved + ".2TG2D8R56U")
                .put("unit", "Quantity").put("description", "Upfront Fee").put("rateCode", reserved + ".2TG2D8R56U")
                .putObject("pricePerUnit").put("USD", "55");
        ri.put("sku", sku).put("offerTermCode", "38NPMPTW36");
        ri.putObject("termAttributes").put("LeaseContractLength", "1yr").put("OfferingClass", "standard")
                .put("PurchaseOption", "Partial Upfront");
        root.put("version", "20251101000000").put("publicationDate", "2025-11-01T00:00:00Z");
        return root.toString();
    }
}
