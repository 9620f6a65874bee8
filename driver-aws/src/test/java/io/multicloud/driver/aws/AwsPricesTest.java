package io.multicloud.driver.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.multicloud.driver.aws.PriceListFake.filter;
import static io.multicloud.driver.aws.PriceListFake.page;
import static io.multicloud.driver.aws.PriceListFake.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.Cloud;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.Price;
import io.multicloud.core.MultiCloud;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Prices through {@link PriceListFake}, the fake of the AWS Price List API in its real wire
 * format. The fake answers by the request's filters (region, instance type) and serves a
 * region's list in two pages joined by {@code NextToken}; its products carry a reserved term
 * that must not be taken for the hourly price.
 */
class AwsPricesTest {
    private static PriceListFake fake;

    private MultiCloud mc;

    @BeforeAll
    static void startFake() {
        fake = PriceListFake.started();
    }

    @AfterAll
    static void stopFake() {
        fake.stop();
    }

    @BeforeEach
    void stubs() {
        fake.reset();
        mc = MultiCloud.builder().environment(Map.of()).build();
        // us-east-2: two pages for the whole list.
        fake.answer(5, "us-east-2", null, null, page("page-2", product("us-east-2", "t3.nano", "SKUNANO0001", "0.0052000000"),
                product("us-east-2", "t3.micro", "SKUMICRO001", "0.0104000000")));
        fake.answer(1, "us-east-2", null, "page-2", page(null, product("us-east-2", "m5.large", "SKUM5LARGE1", "0.0960000000")));
        fake.answer(1, "us-east-2", "t3.micro", null, page(null, product("us-east-2", "t3.micro", "SKUMICRO001", "0.0104000000")));
        fake.answer(1, "us-east-2", "t9.huge", null, page(null));
        // us-west-2: one page, other prices.
        fake.answer(5, "us-west-2", null, null, page(null, product("us-west-2", "t3.micro", "SKUWMICRO01", "0.0105000000")));
        fake.answer(1, "us-west-2", "t3.micro", null, page(null, product("us-west-2", "t3.micro", "SKUWMICRO01", "0.0105000000")));
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
        fake.server().verify(2, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(PriceListFake.TARGET)));
        fake.server().verify(1, postRequestedFor(urlEqualTo("/")).withRequestBody(matchingJsonPath("$.NextToken", equalTo("page-2"))));
    }

    @Test
    void oneSpecIsAskedForByItsInstanceType() {
        Cloud cloud = connect("us-east-2");
        assertThat(cloud.prices().get("t3.micro")).isEqualTo(new Price("t3.micro", "us-east-2", 0.0104, "USD"));
        fake.server().verify(postRequestedFor(urlEqualTo("/"))
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
}
