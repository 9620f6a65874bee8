package io.multicloud.driver.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * A Price List API fake on 127.0.0.1 for tests that run on moto (which does not serve that
 * API): GetProducts in the real JSON 1.1 wire format, answering one on-demand Linux product for
 * an instance type in a region, asked with or without the instance type filter. One per JVM.
 */
final class PriceListFake {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static WireMockServer server;

    private PriceListFake() {
    }

    /** The fake's base URL, for the {@code pricing_endpoint} property; started on first use. */
    static synchronized String start(String region, String instanceType, String usdPerHour) {
        if (server == null) {
            server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        String body = JSON.createObjectNode().put("FormatVersion", "aws_v1")
                .set("PriceList", JSON.createArrayNode().add(product(region, instanceType, usdPerHour))).toString();
        server.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AWSPriceListService.GetProducts"))
                .withRequestBody(matchingJsonPath("$.Filters[?(@.Field == 'regionCode' && @.Value == '" + region + "')]"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withHeader("x-amzn-RequestId", "5f3c6a1e-0000-4000-8000-000000000002").withBody(body)));
        return server.baseUrl();
    }

    /** A product as GetProducts serializes it: a JSON document inside a string. */
    private static String product(String region, String type, String usdPerHour) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode product = root.putObject("product").put("productFamily", "Compute Instance").put("sku", "SKUCONFORM01");
        product.putObject("attributes").put("instanceType", type).put("regionCode", region).put("operatingSystem", "Linux")
                .put("tenancy", "Shared").put("preInstalledSw", "NA").put("capacitystatus", "Used")
                .put("licenseModel", "No License required").put("vcpu", "2").put("memory", "1 GiB");
        root.put("serviceCode", "AmazonEC2");
        String term = "SKUCONFORM01.JRTCKXETXF";
        ObjectNode offer = root.putObject("terms").putObject("OnDemand").putObject(term);
        offer.putObject("priceDimensions").putObject(term + ".6YS6EN2CT7").put("unit", "Hrs").put("beginRange", "0")
                .put("endRange", "Inf").put("description", "$" + usdPerHour + " per On Demand Linux " + type + " Instance Hour")
                .putObject("pricePerUnit").put("USD", usdPerHour);
        offer.put("sku", "SKUCONFORM01").put("offerTermCode", "JRTCKXETXF").put("effectiveDate", "2025-11-01T00:00:00Z");
        return root.toString();
    }
}
