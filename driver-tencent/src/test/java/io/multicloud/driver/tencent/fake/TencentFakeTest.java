package io.multicloud.driver.tencent.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tencentcloudapi.cbs.v20170312.CbsClient;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import com.tencentcloudapi.cvm.v20170312.CvmClient;
import com.tencentcloudapi.vpc.v20170312.VpcClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fake itself: it serves only actions of Tencent's metadata (shared/cloud-specs/tencent), its
 * check of answers catches what breaks the metadata, the metadata's own example answers pass that
 * check, requests are checked against the input objects, and lists come in pages.
 */
class TencentFakeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyServedActionIsInTencentsMetadata() {
        try (TencentFake fake = TencentFake.start()) {
            for (String served : fake.served()) {
                String[] parts = served.split(":");
                if (!TencentFake.UNCHECKED.contains(parts[0])) {
                    assertThat(TencentSpec.of(parts[0]).hasAction(parts[1])).as(served).isTrue();
                }
            }
            assertThat(fake.served()).contains("cvm:RunInstances", "vpc:CreateSecurityGroupWithPolicies");
        }
    }

    @Test
    void theMetadatasOwnExamplesOfEveryServedActionPassTheCheck() {
        List<String> wrong = new ArrayList<>();
        try (TencentFake fake = TencentFake.start()) {
            for (String served : fake.served()) {
                String[] parts = served.split(":");
                if (TencentFake.UNCHECKED.contains(parts[0])) {
                    continue;
                }
                TencentSpec spec = TencentSpec.of(parts[0]);
                for (int i = 0; ; i++) {
                    JsonNode example;
                    try {
                        example = spec.example(parts[1], i);
                    } catch (IllegalArgumentException end) {
                        break;
                    }
                    String where = served + " example " + i + ": ";
                    spec.checkOutput(parts[1], example).forEach(w -> wrong.add(where + w));
                }
            }
        }
        // Tencent's examples are older and looser than the metadata (members it now marks as always
        // present are missing, some nulls it forbids): only those are tolerated; an unknown member
        // or a wrong type is not. The fake's own answers get no such tolerance.
        assertThat(wrong).allSatisfy(w -> assertThat(w).containsAnyOf("is missing", "is null"));
    }

    @Test
    void theCheckCatchesUnknownFieldsWrongTypesMissingMembersAndForbiddenNulls() throws Exception {
        TencentSpec cvm = TencentSpec.of("cvm");
        ObjectNode good = (ObjectNode) JSON.readTree("{\"TotalCount\":0,\"InstanceSet\":[],\"RequestId\":\"r\"}");
        assertThat(cvm.checkOutput("DescribeInstances", good)).isEmpty();
        ObjectNode unknown = good.deepCopy().put("Surprise", 1);
        assertThat(cvm.checkOutput("DescribeInstances", unknown)).singleElement().asString().contains("Surprise is unknown");
        ObjectNode wrongType = good.deepCopy().put("TotalCount", "zero");
        assertThat(cvm.checkOutput("DescribeInstances", wrongType)).singleElement().asString().contains("should be int");
        ObjectNode instance = (ObjectNode) cvm.example("DescribeInstances", 0).path("InstanceSet").get(0).deepCopy();
        instance.remove("InstanceId");
        instance.putNull("ExpiredTime");
        ObjectNode broken = good.deepCopy();
        broken.putArray("InstanceSet").add(instance);
        assertThat(cvm.checkOutput("DescribeInstances", broken)).anySatisfy(w -> assertThat(w).contains("InstanceId is missing"))
                .anySatisfy(w -> assertThat(w).contains("ExpiredTime is null"));
        ObjectNode error = (ObjectNode) JSON.readTree("{\"Error\":{\"Code\":\"X\",\"Message\":\"m\"},\"RequestId\":\"r\"}");
        assertThat(cvm.checkOutput("DescribeInstances", error)).isEmpty();
    }

    @Test
    void cbsAnswersAreCheckedAgainstTheSdksResponseModelsForWantOfMetadata() throws Exception {
        SdkModelCheck cbs = TencentFake.CBS_MODELS;
        ObjectNode good = (ObjectNode) JSON.readTree("{\"TotalCount\":1,\"DiskSet\":[{\"DiskId\":\"disk-1\",\"DiskSize\":50,"
                + "\"Attached\":false,\"Placement\":{\"Zone\":\"ap-guangzhou-3\"},\"Tags\":[{\"Key\":\"k\",\"Value\":\"v\"}]}],\"RequestId\":\"r\"}");
        assertThat(cbs.checkOutput("DescribeDisks", good)).isEmpty();
        ObjectNode unknown = good.deepCopy();
        ((ObjectNode) unknown.path("DiskSet").get(0)).put("DiskSizeGb", 50);
        assertThat(cbs.checkOutput("DescribeDisks", unknown)).singleElement().asString()
                .contains("Response.DiskSet[0].DiskSizeGb is not a field of Disk");
        ObjectNode wrongType = good.deepCopy();
        ((ObjectNode) wrongType.path("DiskSet").get(0).path("Placement")).put("Zone", 3);
        assertThat(cbs.checkOutput("DescribeDisks", wrongType)).singleElement().asString().contains("Placement.Zone is NUMBER");
        assertThat(cbs.checkOutput("DescribeDisks", good.deepCopy().put("DiskSet", "none"))).singleElement().asString()
                .contains("DiskSet is not an array");
        assertThat(cbs.checkOutput("NoSuchAction", good)).singleElement().asString().contains("no model NoSuchAction");

        // The fake's own CBS answers pass it (close() fails on any answer that did not).
        try (TencentFake fake = TencentFake.start()) {
            CbsClient client = new CbsClient(new Credential("AKIDfake", "fake-key"), "ap-guangzhou", profile(fake));
            JsonNode made = JSON.readTree(client.call("CreateDisks", "{\"Placement\":{\"Zone\":\"ap-guangzhou-3\"},"
                    + "\"DiskChargeType\":\"POSTPAID_BY_HOUR\",\"DiskType\":\"CLOUD_PREMIUM\",\"DiskSize\":20,\"DiskName\":\"d1\"}"));
            String id = made.path("Response").path("DiskIdSet").get(0).asText();
            JsonNode listed = JSON.readTree(client.call("DescribeDisks", "{\"DiskIds\":[\"" + id + "\"]}")).path("Response");
            assertThat(listed.path("DiskSet").get(0).path("DiskName").asText()).isEqualTo("d1");
            assertThat(fake.server().violations()).isEmpty();
        }
    }

    private static ClientProfile profile(TencentFake fake) {
        HttpProfile http = new HttpProfile();
        http.setProtocol("http://");
        http.setProxyHost("127.0.0.1");
        http.setProxyPort(fake.server().port());
        return new ClientProfile(ClientProfile.SIGN_TC3_256, http);
    }

    @Test
    void requestsAreCheckedAgainstTheInputObjects() throws Exception {
        try (TencentFake fake = TencentFake.start()) {
            VpcClient vpc = new VpcClient(new Credential("AKIDfake", "fake-key"), "ap-guangzhou", profile(fake));
            assertThatThrownBy(() -> vpc.call("CreateVpc", "{\"CidrBlock\":\"10.0.0.0/16\"}"))
                    .isInstanceOfSatisfying(TencentCloudSDKException.class, e -> assertThat(e.getErrorCode()).isEqualTo("MissingParameter"));
            assertThatThrownBy(() -> vpc.call("CreateVpc", "{\"VpcName\":7,\"CidrBlock\":\"10.0.0.0/16\"}"))
                    .isInstanceOfSatisfying(TencentCloudSDKException.class, e -> assertThat(e.getErrorCode()).isEqualTo("InvalidParameter"));
            assertThatThrownBy(() -> vpc.call("CreateVpc", "{\"VpcName\":\"v\",\"Cidr\":\"10.0.0.0/16\"}"))
                    .isInstanceOfSatisfying(TencentCloudSDKException.class, e -> assertThat(e.getErrorCode()).isEqualTo("UnknownParameter"));
            assertThat(JSON.readTree(vpc.call("CreateVpc", "{\"VpcName\":\"v\",\"CidrBlock\":\"10.0.0.0/16\"}"))
                    .path("Response").path("Vpc").path("VpcId").asText()).startsWith("vpc-");
        }
    }

    @Test
    void listsComeInPagesWithTheirTotalCount() throws Exception {
        try (TencentFake fake = TencentFake.start()) {
            CvmClient cvm = new CvmClient(new Credential("AKIDfake", "fake-key"), "ap-guangzhou", profile(fake));
            JsonNode first = JSON.readTree(cvm.call("DescribeImages", "{\"Limit\":100}")).path("Response");
            assertThat(first.path("ImageSet")).hasSize(fake.pageSize());
            assertThat(first.path("TotalCount").asInt()).isEqualTo(8);
            JsonNode last = JSON.readTree(cvm.call("DescribeImages", "{\"Offset\":6,\"Limit\":100}")).path("Response");
            assertThat(last.path("ImageSet")).hasSize(2);
            assertThat(fake.count("DescribeImages")).isEqualTo(2);
            assertThat(fake.server().log().count(TencentFake.ROUTE)).isEqualTo(2);
        }
    }
}
