package io.multicloud.driver.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.multicloud.api.Cloud;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.ErrorScope;
import io.multicloud.api.QuotaExceededException;
import io.multicloud.api.ResourceKind;
import io.multicloud.core.MultiCloud;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import io.multicloud.api.Vpc;

/**
 * Retries against a fake EC2 Query endpoint on 127.0.0.1 answering AWS's real error XML: a
 * throttling error is retried with backoff until the call succeeds; a quota error is not
 * retried and reaches the user as a region-wide {@link QuotaExceededException}.
 *
 * <p>The throttling case goes through the user's own call, {@code cloud.vpcs().list()}; the quota
 * case through the connection's {@link Ec2Client} (the driver's retry settings) wrapped by the
 * driver's {@link AwsErrors}, as every driver call is, since a real RunInstances first needs
 * image, subnet and group look-ups that this fake does not serve.
 */
class AwsRetryTest {
    private static final String THROTTLED = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors>\
            <RequestID>5a1d9e3c-1f0e-4c8e-9c1b-0d6f3c2f7a11</RequestID></Response>""";
    private static final String VCPU_LIMIT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Response><Errors><Error><Code>VcpuLimitExceeded</Code><Message>You have requested more vCPU capacity than \
            your current vCPU limit of 32 allows for the instance bucket that the specified instance type belongs to.\
            </Message></Error></Errors><RequestID>0b9e3c52-7a3f-4b57-9a3e-2c1f5d8e6b21</RequestID></Response>""";
    private static final String VPCS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                <requestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</requestId>
                <vpcSet>
                    <item>
                        <vpcId>vpc-0a1b2c3d4e5f60718</vpcId>
                        <ownerId>123456789012</ownerId>
                        <state>available</state>
                        <cidrBlock>10.0.0.0/16</cidrBlock>
                        <cidrBlockAssociationSet>
                            <item>
                                <cidrBlock>10.0.0.0/16</cidrBlock>
                                <associationId>vpc-cidr-assoc-0123456789abcdef0</associationId>
                                <cidrBlockState><state>associated</state></cidrBlockState>
                            </item>
                        </cidrBlockAssociationSet>
                        <dhcpOptionsId>dopt-19edf471</dhcpOptionsId>
                        <tagSet>
                            <item><key>Name</key><value>vpc-1</value></item>
                            <item><key>multicloud:managed</key><value>true</value></item>
                        </tagSet>
                        <instanceTenancy>default</instanceTenancy>
                        <isDefault>false</isDefault>
                    </item>
                </vpcSet>
            </DescribeVpcsResponse>""";

    private static final String NO_SUBNETS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <DescribeSubnetsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                <requestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLF</requestId>
                <subnetSet/>
            </DescribeSubnetsResponse>""";

    private static WireMockServer fake;
    private MultiCloud mc;
    private Cloud cloud;
    private AwsErrors errors;

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
    void connect() {
        fake.resetAll();
        mc = MultiCloud.builder().environment(Map.of()).build();
        ConnectionConfig config = ConnectionConfig.of("aws", "us-east-2").named("aws-fake")
                .credential(AwsDriver.ACCESS_KEY_ID, "AKIAFAKERETRY0000000")
                .credential(AwsDriver.SECRET_ACCESS_KEY, "fake-secret")
                .property(AwsDriver.ENDPOINT, fake.baseUrl());
        cloud = mc.connect(config);
        errors = new AwsErrors(config.name());
    }

    @AfterEach
    void close() {
        mc.close();
    }

    @Test
    void throttlingIsRetriedWithBackoffAndTheUserSeesSuccess() {
        stubThrottledTwiceThenVpcs();
        fake.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeSubnets"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml;charset=UTF-8").withBody(NO_SUBNETS)));

        List<Vpc> vpcs = cloud.vpcs().list();

        assertThat(vpcs).extracting(Vpc::id).containsExactly("vpc-0a1b2c3d4e5f60718");
        assertThat(vpcs).extracting(Vpc::name).containsExactly("vpc-1");
        fake.verify(3, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=DescribeVpcs"))
                .withRequestBody(containing("Version=2016-11-15")));
        List<Long> times = fake.getAllServeEvents().stream().map(ServeEvent::getRequest)
                .map(r -> r.getLoggedDate().getTime()).sorted(Comparator.naturalOrder()).toList();
        // The SDK waits (jittered backoff) before each retry: the three requests are spread in time.
        assertThat(times.get(2) - times.get(0)).isPositive();
        assertThat(times.get(1)).isGreaterThanOrEqualTo(times.get(0));
        assertThat(times.get(2)).isGreaterThanOrEqualTo(times.get(1));
    }

    @Test
    void aQuotaErrorIsNotRetriedAndReachesTheUserWithItsScope() {
        fake.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=RunInstances"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "text/xml;charset=UTF-8").withBody(VCPU_LIMIT)));
        Ec2Client ec2 = cloud.unwrap(Ec2Client.class);

        assertThatThrownBy(() -> errors.call(ResourceKind.VM, "vm-1", () -> ec2.runInstances(r -> r
                .imageId("ami-0abcdef1234567890").instanceType("c7i.48xlarge").minCount(1).maxCount(1))))
                .isInstanceOfSatisfying(QuotaExceededException.class, e -> {
                    assertThat(e.scope()).isEqualTo(ErrorScope.REGION);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.context().providerCode()).isEqualTo("VcpuLimitExceeded");
                    assertThat(e.context().name()).isEqualTo("vm-1");
                });
        fake.verify(1, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=RunInstances")));
    }

    private static void stubThrottledTwiceThenVpcs() {
        String scenario = "throttled twice";
        fake.stubFor(post(urlEqualTo("/")).inScenario(scenario).whenScenarioStateIs(STARTED)
                .withRequestBody(containing("Action=DescribeVpcs"))
                .willReturn(throttled()).willSetStateTo("throttled once"));
        fake.stubFor(post(urlEqualTo("/")).inScenario(scenario).whenScenarioStateIs("throttled once")
                .withRequestBody(containing("Action=DescribeVpcs"))
                .willReturn(throttled()).willSetStateTo("throttled twice"));
        fake.stubFor(post(urlEqualTo("/")).inScenario(scenario).whenScenarioStateIs("throttled twice")
                .withRequestBody(containing("Action=DescribeVpcs"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml;charset=UTF-8").withBody(VPCS)));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder throttled() {
        return aResponse().withStatus(503).withHeader("Content-Type", "text/xml;charset=UTF-8").withBody(THROTTLED);
    }
}
