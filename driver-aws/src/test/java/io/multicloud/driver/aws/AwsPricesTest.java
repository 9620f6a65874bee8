package io.multicloud.driver.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.multicloud.api.Cloud;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.Price;
import io.multicloud.core.MultiCloud;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Prices through a fake of the AWS Price List API on 127.0.0.1, answering in its real wire
 * format (JSON 1.1, {@code X-Amz-Target: AWSPriceListService.GetProducts}): products are JSON
 * strings shaped as in AWS's GetProducts reference. The fake answers by the request's filters
 * (region, instance type) and serves a region's list in two pages joined by {@code NextToken}.
 */
class AwsPricesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TARGET = "AWSPriceListService.GetProducts";
    private static WireMockServer fake;

    private MultiCloud mc;

    @BeforeAll
    static void startFake() {
        fake = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        fake.start();
    }

    @AfterAll
    static void stopFake() {
        fake.stop();
    }

    @BeforeEach
    void stubs() {
        fake.resetAll();
        mc = MultiCloud.builder().environment(Map.of()).build();
        // us-east-2: two pages for the whole list.
        stub(5, "us-east-2", null, null, page("page-2", product("us-east-2", "t3.nano", "SKUNANO0001", "0.0052000000"),
                product("us-east-2", "t3.micro", "SKUMICRO001", "0.0104000000")));
        stub(1, "us-east-2", null, "page-2", page(null, product("us-east-2", "m5.large", "SKUM5LARGE1", "0.0960000000")));
        stub(1, "us-east-2", "t3.micro", null, page(null, product("us-east-2", "t3.micro", "SKUMICRO001", "0.0104000000")));
        stub(1, "us-east-2", "t9.huge", null, page(null));
        // us-west-2: one page, other prices.
        stub(5, "us-west-2", null, null, page(null, product("us-west-2", "t3.micro", "SKUWMICRO01", "0.0105000000")));
        stub(1, "us-west-2", "t3.micro", null, page(null, product("us-west-2", "t3.micro", "SKUWMICRO01", "0.0105000000")));
    }

    @AfterEach
    void close() {
        mc.close();
    }

    @Test
    void everyPageOfTheRegionsPricesIsListed() {
        Cloud cloud = connect("us-east-2");
        assertThat(cloud.prices().list()).containsExactlyInAnyOrder(
                new Price("t3.nano", "us-east-2", 0.0052, "USD"),
                new Price("t3.micro", "us-east-2", 0.0104, "USD"),
                new Price("m5.large", "us-east-2", 0.096, "USD"));
        fake.verify(2, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET)));
        fake.verify(1, postRequestedFor(urlEqualTo("/")).withRequestBody(matchingJsonPath("$.NextToken", equalTo("page-2"))));
    }

    @Test
    void oneSpecIsAskedForByItsInstanceType() {
        Cloud cloud = connect("us-east-2");
        assertThat(cloud.prices().get("t3.micro")).isEqualTo(new Price("t3.micro", "us-east-2", 0.0104, "USD"));
        fake.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("Content-Type", equalTo("application/x-amz-json-1.1"))
                .withRequestBody(matchingJsonPath("$.ServiceCode", equalTo("AmazonEC2")))
                .withRequestBody(filter("instanceType", "t3.micro"))
                .withRequestBody(filter("operatingSystem", "Linux"))
                .withRequestBody(filter("tenancy", "Shared"))
                .withRequestBody(filter("preInstalledSw", "NA"))
                .withRequestBody(filter("capacitystatus", "Used"))
                .withRequestBody(filter("licenseModel", "No License required")));
    }

    @Test
    void pricesAreThoseOfTheConnectionsRegion() {
        assertThat(connect("us-west-2").prices().get("t3.micro").costPerHour()).isEqualTo(0.0105);
        assertThat(connect("us-east-2").prices().get("t3.micro").costPerHour()).isEqualTo(0.0104);
    }

    @Test
    void aSpecWithoutPriceIsNotFound() {
        Cloud cloud = connect("us-east-2");
        assertThat(cloud.prices().find("t9.huge")).isEmpty();
        assertThatThrownBy(() -> cloud.prices().get("t9.huge")).isInstanceOf(NotFoundException.class);
    }

    private Cloud connect(String region) {
        return mc.connect(ConnectionConfig.of("aws", region)
                .credential(AwsDriver.ACCESS_KEY_ID, "AKIAFAKEPRICING00000")
                .credential(AwsDriver.SECRET_ACCESS_KEY, "fake-secret")
                .property(AwsDriver.PRICING_ENDPOINT, fake.baseUrl()));
    }

    private static com.github.tomakehurst.wiremock.matching.StringValuePattern filter(String field, String value) {
        return matchingJsonPath("$.Filters[?(@.Field == '" + field + "' && @.Value == '" + value
                + "' && @.Type == 'TERM_MATCH')]");
    }

    /** A stub for one region, with or without an instance type filter, first page or a later one. */
    private static void stub(int priority, String region, String instanceType, String nextToken, String body) {
        var mapping = post(urlEqualTo("/")).atPriority(priority)
                .withHeader("X-Amz-Target", equalTo(TARGET))
                .withRequestBody(filter("regionCode", region));
        if (instanceType != null) {
            mapping = mapping.withRequestBody(filter("instanceType", instanceType));
        }
        if (nextToken != null) {
            mapping = mapping.withRequestBody(matchingJsonPath("$.NextToken", equalTo(nextToken)));
        }
        fake.stubFor(mapping.willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withHeader("x-amzn-RequestId", "5f3c6a1e-0000-4000-8000-000000000001")
                .withBody(body)));
    }

    private static String page(String nextToken, String... products) {
        ObjectNode page = JSON.createObjectNode().put("FormatVersion", "aws_v1");
        ArrayNode list = page.putArray("PriceList");
        List.of(products).forEach(list::add);
        if (nextToken != null) {
            page.put("NextToken", nextToken);
        }
        return page.toString();
    }

    /**
     * One product as the Price List API serializes it: a JSON document inside a string, with the
     * product's attributes and its on-demand and reserved terms.
     */
    private static String product(String region, String type, String sku, String usdPerHour) {
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
