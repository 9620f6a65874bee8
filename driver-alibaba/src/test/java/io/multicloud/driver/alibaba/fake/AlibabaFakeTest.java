package io.multicloud.driver.alibaba.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The fake's own tests: its answers are held to Alibaba's API description in
 * shared/cloud-specs/alibaba ({@link ApiSpec}), and the check itself catches what it must.
 */
class AlibabaFakeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ApiSpec spec = ApiSpec.get();

    private static final List<String[]> SERVED = List.of(
            new String[]{"ecs", "DescribeInstances"}, new String[]{"ecs", "RunInstances"}, new String[]{"ecs", "DescribeSecurityGroups"},
            new String[]{"ecs", "DescribeKeyPairs"}, new String[]{"ecs", "DescribeDisks"}, new String[]{"ecs", "DescribeZones"},
            new String[]{"ecs", "DescribeInstanceTypes"}, new String[]{"ecs", "DescribePrice"}, new String[]{"ecs", "CreateKeyPair"},
            new String[]{"vpc", "DescribeVpcs"}, new String[]{"vpc", "DescribeVSwitches"}, new String[]{"vpc", "CreateVpc"},
            new String[]{"vpc", "ListTagResources"},
            new String[]{"slb", "CreateLoadBalancer"}, new String[]{"slb", "DescribeLoadBalancers"},
            new String[]{"slb", "DescribeLoadBalancerAttribute"}, new String[]{"slb", "DescribeLoadBalancerListeners"},
            new String[]{"slb", "AddBackendServers"}, new String[]{"slb", "RemoveBackendServers"},
            new String[]{"slb", "DescribeHealthStatus"}, new String[]{"slb", "ListTagResources"},
            new String[]{"slb", "DescribeVServerGroups"}, new String[]{"slb", "DescribeVServerGroupAttribute"},
            new String[]{"slb", "AddVServerGroupBackendServers"}, new String[]{"slb", "RemoveVServerGroupBackendServers"},
            new String[]{"vpc", "DescribeEipAddresses"},
            new String[]{"cs", "CreateCluster"}, new String[]{"cs", "DescribeClustersV1"}, new String[]{"cs", "DescribeClusterDetail"},
            new String[]{"cs", "DescribeClusterNodePools"}, new String[]{"cs", "CreateClusterNodePool"},
            new String[]{"cs", "ModifyClusterNodePool"}, new String[]{"cs", "DescribeKubernetesVersionMetadata"},
            new String[]{"cs", "ListTagResources"});

    @Test
    void alibabasOwnExampleAnswersPassTheCheck() {
        for (String[] a : SERVED) {
            JsonNode demo = spec.demo(a[0], a[1]);
            assertThat(demo).as(a[1] + " has a responseDemo").isNotNull();
            assertThat(spec.check(a[0], a[1], 200, demo)).as(a[1]).isEmpty();
        }
    }

    @Test
    void theCheckCatchesUnknownFieldsWrongTypesAndAMissingRequestId() throws Exception {
        JsonNode good = JSON.readTree("{\"RequestId\":\"r\",\"TotalCount\":1,\"Vpcs\":{\"Vpc\":[{\"VpcId\":\"vpc-1\",\"IsDefault\":false}]}}");
        assertThat(spec.check("vpc", "DescribeVpcs", 200, good)).isEmpty();
        assertThat(spec.check("vpc", "DescribeVpcs", 200, JSON.readTree("{\"RequestId\":\"r\",\"Bogus\":1}")))
                .singleElement().asString().contains("unknown field 'Bogus'");
        assertThat(spec.check("vpc", "DescribeVpcs", 200, JSON.readTree("{\"RequestId\":\"r\",\"TotalCount\":\"1\"}")))
                .singleElement().asString().contains("TotalCount").contains("integer");
        assertThat(spec.check("vpc", "DescribeVpcs", 200, JSON.readTree("{\"RequestId\":\"r\",\"Vpcs\":{\"Vpc\":[{\"IsDefault\":\"no\"}]}}")))
                .singleElement().asString().contains("Vpcs.Vpc.0.IsDefault").contains("boolean");
        assertThat(spec.check("vpc", "DescribeVpcs", 200, JSON.readTree("{\"TotalCount\":1}")))
                .singleElement().asString().contains("RequestId");
        assertThat(spec.check("ecs", "RunInstances", 400, JSON.readTree("{\"RequestId\":\"r\",\"Code\":\"X\"}")))
                .singleElement().asString().contains("Message");
    }

    @Test
    void anUndeclaredParameterIsRefusedAndAnUnknownActionAnswersInAlibabasErrorShape() throws Exception {
        AlibabaFake fake = AlibabaFake.start();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> bogus = http.send(HttpRequest.newBuilder(URI.create(fake.server().url()
                + "/?Action=DescribeRegions&Version=2014-05-26&Bogus=1")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bogus.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bogus.body()).path("Code").asText()).isEqualTo("InvalidParameter");
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(fake.server().url()
                + "/?Action=NoSuchThing&Version=2014-05-26")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).fieldNames()).toIterable().containsExactlyInAnyOrder("RequestId", "HostId", "Code",
                "Message", "Recommend");
        HttpResponse<String> regions = http.send(HttpRequest.newBuilder(URI.create(fake.server().url()
                + "/?Action=DescribeRegions&Version=2014-05-26")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(regions.statusCode()).isEqualTo(200);
        assertThat(fake.server().violations()).isEmpty();
        assertThatThrownBy(fake::close).isInstanceOf(AssertionError.class).hasMessageContaining("Bogus");
    }

    @Test
    void acksRestRoutesComeFromTheMetadataAndHoldRequestsToIt() throws Exception {
        AlibabaFake fake = AlibabaFake.start();
        HttpClient http = HttpClient.newHttpClient();
        String url = fake.server().url();
        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(url + "/clusters/c" + "0".repeat(32))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(missing.body()).fieldNames()).toIterable().containsExactlyInAnyOrder("code", "message", "requestId", "status");
        assertThat(JSON.readTree(missing.body()).path("code").asText()).isEqualTo("ErrorClusterNotFound");
        HttpResponse<String> versions = http.send(HttpRequest.newBuilder(URI.create(url
                + "/api/v1/metadata/versions?Region=cn-hangzhou&ClusterType=ManagedKubernetes")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(versions.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(versions.body()).isArray()).isTrue();
        HttpResponse<String> wrongMethod = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/clusters"))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrongMethod.statusCode()).isEqualTo(404);
        HttpResponse<String> bogusQuery = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/clusters?bogus=1")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bogusQuery.statusCode()).isEqualTo(400);
        HttpResponse<String> bogusBody = http.send(HttpRequest.newBuilder(URI.create(url + "/clusters"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"k\",\"bogus_field\":1}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bogusBody.statusCode()).isEqualTo(400);
        assertThat(fake.server().violations()).isEmpty();
        assertThatThrownBy(fake::close).isInstanceOf(AssertionError.class).hasMessageContaining("bogus").hasMessageContaining("bogus_field");
    }

    @Test
    void theCheckHoldsAckAnswersToTheirOperationAndToAcksErrorShape() throws Exception {
        assertThat(spec.check("cs", "DescribeKubernetesVersionMetadata", 200, JSON.readTree("[{\"version\":\"1.30.1-aliyun.1\"}]"))).isEmpty();
        assertThat(spec.check("cs", "DescribeKubernetesVersionMetadata", 200, JSON.readTree("{\"version\":\"1\"}")))
                .singleElement().asString().contains("array");
        assertThat(spec.check("cs", "DescribeClusterDetail", 200, JSON.readTree("{\"cluster_id\":\"c1\",\"size\":\"3\"}")))
                .singleElement().asString().contains("size").contains("integer");
        assertThat(spec.check("cs", "DescribeClusterDetail", 404,
                JSON.readTree("{\"code\":\"ErrorClusterNotFound\",\"message\":\"m\",\"requestId\":\"r\",\"status\":404}"))).isEmpty();
        assertThat(spec.check("cs", "DescribeClusterDetail", 404, JSON.readTree("{\"Code\":\"X\",\"Message\":\"m\",\"RequestId\":\"r\"}")))
                .isNotEmpty();
        assertThat(spec.checkBody("cs", "CreateClusterNodePool", JSON.readTree("{\"scaling_group\":{\"desired_size\":\"two\"}}")))
                .singleElement().asString().contains("desired_size").contains("integer");
        assertThat(spec.checkBody("cs", "DescribeClusterDetail", JSON.readTree("{\"x\":1}"))).isNotEmpty();
    }

    @Test
    void theFakesErrorCodesAreAlibabasDocumentedOnes() {
        Set<String> run = spec.errorCodes("ecs", "RunInstances");
        assertThat(run).contains("QuotaExceeded", "InvalidSecurityGroupId.NotFound");
        assertThat(spec.errorCodes("vpc", "DeleteVpc")).contains("DependencyViolation.VSwitch", "DependencyViolation.SecurityGroup");
        assertThat(spec.errorCodes("ecs", "StopInstance")).contains("IncorrectInstanceStatus", "InvalidInstanceId.NotFound");
        assertThat(spec.errorCodes("slb", "CreateLoadBalancer")).contains("MissingParam.LoadBalancerSpec", "InvalidVSwitchId.NotFound",
                "InvalidVpcId.NotExist", "MissingParam.VSwitchId", "OperationFailed.TokenIsProcessing");
        assertThat(spec.errorCodes("slb", "CreateLoadBalancerTCPListener")).contains("InvalidParameter.ListenerPortConflict");
        assertThat(spec.errorCodes("slb", "DescribeLoadBalancerListeners")).contains("IllegalParamSize.LoadBalancerId");
        assertThat(spec.errorCodes("slb", "TagResources")).contains("InvalidParam.TagKey", "InvalidParam.TagValue", "QuotaLimitExceeds",
                "ResourceNotExist");
    }
}
