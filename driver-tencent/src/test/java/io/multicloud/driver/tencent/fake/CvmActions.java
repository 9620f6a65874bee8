package io.multicloud.driver.tencent.fake;

import static io.multicloud.driver.tencent.fake.TencentFake.NODES;
import static io.multicloud.driver.tencent.fake.TencentFake.error;
import static io.multicloud.driver.tencent.fake.TencentFake.filter;
import static io.multicloud.driver.tencent.fake.TencentFake.passes;
import static io.multicloud.driver.tencent.fake.TencentFake.strings;
import static io.multicloud.driver.tencent.fake.TencentFake.tagFilters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** The CVM actions of the fake: catalog, instances with their life cycle, key pairs. */
final class CvmActions {
    private final FakeState s;
    private final TencentSpec spec = TencentSpec.of("cvm");

    CvmActions(FakeState state) {
        this.s = state;
    }

    void register(Map<String, TencentFake.Action> handlers) {
        handlers.put("cvm:DescribeRegions", (region, body) -> spec.example("DescribeRegions", 0).deepCopy());
        handlers.put("cvm:DescribeZones", this::describeZones);
        handlers.put("cvm:DescribeImages", this::describeImages);
        handlers.put("cvm:DescribeZoneInstanceConfigInfos", this::describeOffers);
        handlers.put("cvm:InquiryPriceRunInstances", this::inquiryPrice);
        handlers.put("cvm:RunInstances", this::runInstances);
        handlers.put("cvm:DescribeInstances", this::describeInstances);
        handlers.put("cvm:DescribeInstancesStatus", this::describeStatus);
        handlers.put("cvm:StartInstances", (r, b) -> transition(b, "StartInstances", "STOPPED", "STARTING", "RUNNING"));
        handlers.put("cvm:StopInstances", (r, b) -> transition(b, "StopInstances", "RUNNING", "STOPPING", "STOPPED"));
        handlers.put("cvm:RebootInstances", (r, b) -> transition(b, "RebootInstances", "RUNNING", "REBOOTING", "RUNNING"));
        handlers.put("cvm:TerminateInstances", this::terminate);
        handlers.put("cvm:CreateImage", this::createImage);
        handlers.put("cvm:DeleteImages", this::deleteImages);
        handlers.put("cvm:CreateKeyPair", this::createKeyPair);
        handlers.put("cvm:ImportKeyPair", this::importKeyPair);
        handlers.put("cvm:DescribeKeyPairs", this::describeKeyPairs);
        handlers.put("cvm:DeleteKeyPairs", this::deleteKeyPairs);
    }

    private ObjectNode describeZones(String region, JsonNode body) {
        ObjectNode answer = spec.example("DescribeZones", 1).deepCopy();
        ArrayNode set = answer.putArray("ZoneSet");
        int n = 3;
        for (String zone : s.zones(region)) {
            set.addObject().put("Zone", zone).put("ZoneName", region + " Zone " + n).put("ZoneId", Integer.toString(100000 + n++))
                    .put("ZoneState", "AVAILABLE");
        }
        answer.put("TotalCount", set.size());
        return answer;
    }

    private ObjectNode describeImages(String region, JsonNode body) {
        List<String> ids = body.has("ImageIds") ? strings(body.path("ImageIds")) : null;
        List<ObjectNode> found = s.images.values(i -> (ids == null || ids.contains(i.path("ImageId").asText()))
                && passes(body, "image-id", i.path("ImageId").asText())
                && passes(body, "image-type", i.path("ImageType").asText())
                && passes(body, "platform", i.path("Platform").asText())
                && passes(body, "image-name", i.path("ImageName").asText())
                && tagFilters(body.path("Filters"), i.path("Tags")));
        return page(body, found, "ImageSet");
    }

    private ObjectNode createImage(String region, JsonNode body) {
        ObjectNode instance = require(body.path("InstanceId").asText());
        String name = body.path("ImageName").asText();
        ObjectNode image = s.images.find(instance.path("ImageId").asText()).orElseThrow().deepCopy();
        String id = s.id("img");
        image.put("ImageId", id);
        image.put("ImageName", name);
        image.put("ImageDescription", body.path("ImageDescription").asText(""));
        image.put("ImageType", "PRIVATE_IMAGE");
        image.put("ImageSource", "CREATE_IMAGE");
        image.put("ImageCreator", "100000000001");
        image.put("CreatedTime", FakeState.now());
        image.put("ImageState", "CREATING");
        image.put("SyncPercent", 0);
        ArrayNode tags = image.putArray("Tags");
        for (JsonNode ts : body.path("TagSpecification")) {
            ts.path("Tags").forEach(t -> tags.add(t.deepCopy()));
        }
        s.images.put(id, image);
        s.later(() -> image.put("ImageState", "NORMAL").put("SyncPercent", 100));
        ObjectNode answer = NODES.objectNode();
        answer.put("ImageId", id);
        return answer;
    }

    private ObjectNode deleteImages(String region, JsonNode body) {
        List<String> ids = strings(body.path("ImageIds"));
        for (String id : ids) {
            ObjectNode image = s.images.require(id, () -> error("InvalidImageId.NotFound", "no image " + id));
            if (!"PRIVATE_IMAGE".equals(image.path("ImageType").asText())) {
                throw error("InvalidImageId.IsPublicImage", "image " + id + " is public");
            }
        }
        ids.forEach(s.images::remove);
        return NODES.objectNode();
    }

    private ObjectNode page(JsonNode body, List<? extends JsonNode> all, String field) {
        return s.fake().page(body, all, field);
    }

    private ObjectNode describeOffers(String region, JsonNode body) {
        ArrayNode set = NODES.arrayNode();
        for (ObjectNode o : s.offers(region)) {
            if (passes(body, "zone", o.path("Zone").asText()) && passes(body, "instance-type", o.path("InstanceType").asText())
                    && passes(body, "instance-family", o.path("InstanceFamily").asText())
                    && passes(body, "instance-charge-type", o.path("InstanceChargeType").asText())) {
                set.add(o.deepCopy());
            }
        }
        ObjectNode answer = NODES.objectNode();
        answer.set("InstanceTypeQuotaSet", set);
        return answer;
    }

    private ObjectNode offer(String region, String zone, String type) {
        if (!s.zones(region).contains(zone)) {
            throw error("InvalidZone.MismatchRegion", "zone " + zone + " is not in region " + region);
        }
        return s.offers(region).stream().filter(o -> o.path("Zone").asText().equals(zone)
                && o.path("InstanceType").asText().equals(type)).findFirst()
                .orElseThrow(() -> error("InvalidInstanceType.Malformed", "no instance type " + type + " in " + zone));
    }

    private ObjectNode inquiryPrice(String region, JsonNode body) {
        ObjectNode offer = offer(region, body.path("Placement").path("Zone").asText(), body.path("InstanceType").asText("S5.SMALL2"));
        if (s.images.find(body.path("ImageId").asText()).isEmpty()) {
            throw error("InvalidImageId.NotFound", "no image " + body.path("ImageId").asText());
        }
        ObjectNode answer = spec.example("InquiryPriceRunInstances", 1).deepCopy();
        ObjectNode price = (ObjectNode) answer.path("Price").path("InstancePrice");
        double hourly = offer.path("Price").path("UnitPrice").asDouble();
        price.put("UnitPrice", hourly);
        price.put("UnitPriceDiscount", hourly);
        price.put("ChargeUnit", "HOUR");
        return answer;
    }

    private ObjectNode runInstances(String region, JsonNode body) {
        String token = body.path("ClientToken").asText("");
        if (!token.isEmpty() && s.clientTokens.containsKey(token)) {
            ObjectNode answer = NODES.objectNode();
            answer.set("InstanceIdSet", TencentFakeJson.strings(s.clientTokens.get(token)));
            return answer;
        }
        String zone = body.path("Placement").path("Zone").asText();
        ObjectNode offer = offer(region, zone, body.path("InstanceType").asText());
        if ("SOLD_OUT".equals(offer.path("Status").asText())) {
            throw error("ResourceInsufficient.SpecifiedInstanceType", "instance type " + offer.path("InstanceType").asText()
                    + " is sold out in " + zone);
        }
        ObjectNode image = s.images.find(body.path("ImageId").asText())
                .orElseThrow(() -> error("InvalidImageId.NotFound", "no image " + body.path("ImageId").asText()));
        String vpcId = body.path("VirtualPrivateCloud").path("VpcId").asText();
        String subnetId = body.path("VirtualPrivateCloud").path("SubnetId").asText();
        if (s.vpcs.find(vpcId).isEmpty()) {
            throw error("InvalidParameterValue.VpcIdNotExist", "no VPC " + vpcId);
        }
        ObjectNode subnet = s.subnets.find(subnetId).filter(n -> n.path("VpcId").asText().equals(vpcId))
                .orElseThrow(() -> error("InvalidParameterValue.SubnetIdNotExist", "no subnet " + subnetId + " in " + vpcId));
        if (!subnet.path("Zone").asText().equals(zone)) {
            throw error("InvalidParameterValue.VpcIdZoneIdNotMatch", "subnet " + subnetId + " is not in " + zone);
        }
        for (String g : strings(body.path("SecurityGroupIds"))) {
            if (s.groups.find(g).isEmpty()) {
                throw error("InvalidSecurityGroupId.NotFound", "no security group " + g);
            }
        }
        for (String k : strings(body.path("LoginSettings").path("KeyIds"))) {
            if (s.keys.find(k).isEmpty()) {
                throw error("InvalidKeyPairId.NotFound", "no key pair " + k);
            }
        }
        int count = body.path("InstanceCount").asInt(1);
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            ObjectNode i = spec.example("DescribeInstances", 0).path("InstanceSet").get(0).deepCopy();
            String id = s.id("ins");
            String name = body.path("InstanceName").asText("未命名");
            i.put("InstanceId", id);
            i.put("InstanceName", name);
            i.put("InstanceType", offer.path("InstanceType").asText());
            i.put("CPU", offer.path("Cpu").asInt());
            i.put("Memory", offer.path("Memory").asInt());
            i.put("InstanceChargeType", body.path("InstanceChargeType").asText("POSTPAID_BY_HOUR"));
            i.put("ImageId", image.path("ImageId").asText());
            i.put("OsName", image.path("OsName").asText());
            i.put("DefaultLoginUser", image.path("Platform").asText().equals("Ubuntu") ? "ubuntu" : "root");
            i.put("CreatedTime", FakeState.now());
            i.put("ExpiredTime", "");
            i.put("HostName", name.length() > 15 ? name.substring(0, 15) : name);
            i.putArray("DisasterRecoverGroupIds");
            i.put("RestrictState", "NORMAL");
            i.put("Uuid", UUID.randomUUID().toString());
            i.put("StopChargingMode", "NOT_APPLICABLE");
            ObjectNode placement = i.putObject("Placement");
            placement.put("Zone", zone).put("ProjectId", 0);
            placement.putArray("HostIds");
            ObjectNode disk = i.putObject("SystemDisk");
            disk.put("DiskType", body.path("SystemDisk").path("DiskType").asText("CLOUD_BSSD"));
            disk.put("DiskId", s.id("disk"));
            disk.put("DiskSize", body.path("SystemDisk").path("DiskSize").asInt(50));
            disk.put("Encrypt", false);
            disk.put("KmsKeyId", "");
            i.putArray("DataDisks");
            i.putArray("IPv6Addresses");
            String ip = s.address(subnet);
            i.set("PrivateIpAddresses", TencentFakeJson.strings(List.of(ip)));
            int bandwidth = body.path("InternetAccessible").path("InternetMaxBandwidthOut").asInt(0);
            if (bandwidth > 0) {
                i.set("PublicIpAddresses", TencentFakeJson.strings(List.of("203.0." + (s.instances.size() / 250 % 250) + "."
                        + (s.instances.size() % 250 + 1))));
            } else {
                i.putNull("PublicIpAddresses");
            }
            ObjectNode internet = i.putObject("InternetAccessible");
            internet.put("InternetChargeType", body.path("InternetAccessible").path("InternetChargeType").asText("TRAFFIC_POSTPAID_BY_HOUR"));
            internet.put("InternetMaxBandwidthOut", bandwidth);
            internet.put("PublicIpAssigned", bandwidth > 0);
            ObjectNode net = i.putObject("VirtualPrivateCloud");
            net.put("VpcId", vpcId).put("SubnetId", subnetId).put("AsVpcGateway", false);
            net.set("PrivateIpAddresses", TencentFakeJson.strings(List.of(ip)));
            i.set("SecurityGroupIds", body.path("SecurityGroupIds").isArray() ? body.path("SecurityGroupIds").deepCopy() : NODES.arrayNode());
            ObjectNode login = i.putObject("LoginSettings");
            login.set("KeyIds", body.path("LoginSettings").path("KeyIds").isArray()
                    ? body.path("LoginSettings").path("KeyIds").deepCopy() : NODES.arrayNode());
            ArrayNode tags = i.putArray("Tags");
            for (JsonNode ts : body.path("TagSpecification")) {
                if ("instance".equals(ts.path("ResourceType").asText())) {
                    ts.path("Tags").forEach(t -> tags.add(t.deepCopy()));
                }
            }
            i.put("InstanceState", "PENDING");
            i.put("LatestOperation", "RunInstances");
            i.put("LatestOperationState", "OPERATING");
            i.put("LatestOperationRequestId", UUID.randomUUID().toString());
            i.put("LatestOperationErrorMsg", "");
            s.instances.put(id, i);
            ids.add(id);
            String failure = s.launchFailures.containsKey(name) ? s.launchFailures.remove(name) : s.launchFailures.get("*");
            s.later(() -> {
                if (failure != null) {
                    i.put("InstanceState", "LAUNCH_FAILED");
                    i.put("LatestOperationState", "FAILED");
                    i.put("LatestOperationErrorMsg", failure);
                } else {
                    i.put("InstanceState", "RUNNING");
                    i.put("LatestOperationState", "SUCCESS");
                }
            });
        }
        if (!token.isEmpty()) {
            s.clientTokens.put(token, ids);
        }
        ObjectNode answer = NODES.objectNode();
        answer.set("InstanceIdSet", TencentFakeJson.strings(ids));
        return answer;
    }

    private List<ObjectNode> matchingInstances(JsonNode body) {
        List<String> ids = body.has("InstanceIds") ? strings(body.path("InstanceIds")) : null;
        return s.instances.values(i -> (ids == null || ids.contains(i.path("InstanceId").asText()))
                && passes(body, "instance-id", i.path("InstanceId").asText())
                && passes(body, "instance-name", i.path("InstanceName").asText())
                && passes(body, "zone", i.path("Placement").path("Zone").asText())
                && passes(body, "vpc-id", i.path("VirtualPrivateCloud").path("VpcId").asText())
                && passes(body, "subnet-id", i.path("VirtualPrivateCloud").path("SubnetId").asText())
                && passes(body, "instance-state", i.path("InstanceState").asText())
                && (filter(body, "security-group-id") == null
                    || strings(i.path("SecurityGroupIds")).stream().anyMatch(filter(body, "security-group-id")::contains))
                && tagFilters(body.path("Filters"), i.path("Tags")));
    }

    private ObjectNode describeInstances(String region, JsonNode body) {
        return page(body, matchingInstances(body), "InstanceSet");
    }

    private ObjectNode describeStatus(String region, JsonNode body) {
        List<ObjectNode> statuses = matchingInstances(body).stream().map(i -> {
            ObjectNode st = NODES.objectNode();
            st.put("InstanceId", i.path("InstanceId").asText());
            st.put("InstanceState", i.path("InstanceState").asText());
            return st;
        }).toList();
        return page(body, statuses, "InstanceStatusSet");
    }

    private ObjectNode require(String id) {
        return s.instances.require(id, () -> error("InvalidInstanceId.NotFound", "no instance " + id));
    }

    private static String stateCode(String state) {
        StringBuilder sb = new StringBuilder("UnsupportedOperation.InstanceState");
        for (String part : state.toLowerCase(Locale.ROOT).split("_")) {
            sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return sb.toString();
    }

    private ObjectNode transition(JsonNode body, String action, String from, String during, String to) {
        List<ObjectNode> targets = strings(body.path("InstanceIds")).stream().map(this::require).toList();
        for (ObjectNode i : targets) {
            String state = i.path("InstanceState").asText();
            if (!state.equals(from)) {
                throw error(stateCode(state), "instance " + i.path("InstanceId").asText() + " is " + state + "; " + action
                        + " needs " + from);
            }
        }
        for (ObjectNode i : targets) {
            i.put("InstanceState", during);
            i.put("LatestOperation", action);
            i.put("LatestOperationState", "OPERATING");
            if (action.equals("StopInstances")) {
                i.put("StopChargingMode", "STOP_CHARGING".equals(body.path("StoppedMode").asText()) ? "STOP_CHARGING" : "KEEP_CHARGING");
            } else if (action.equals("StartInstances")) {
                i.put("StopChargingMode", "NOT_APPLICABLE");
            }
            s.later(() -> {
                i.put("InstanceState", to);
                i.put("LatestOperationState", "SUCCESS");
            });
        }
        return NODES.objectNode();
    }

    private ObjectNode terminate(String region, JsonNode body) {
        List<ObjectNode> targets = strings(body.path("InstanceIds")).stream().map(this::require).toList();
        for (ObjectNode i : targets) {
            if (i.path("InstanceState").asText().equals("TERMINATING")) {
                throw error("UnsupportedOperation.InstanceStateTerminating", "instance " + i.path("InstanceId").asText()
                        + " is already terminating");
            }
        }
        for (ObjectNode i : targets) {
            i.put("InstanceState", "TERMINATING");
            i.put("LatestOperation", "TerminateInstances");
            i.put("LatestOperationState", "OPERATING");
            String id = i.path("InstanceId").asText();
            s.later(() -> s.instances.remove(id));
        }
        return NODES.objectNode();
    }

    private static final java.util.regex.Pattern KEY_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_]{1,25}");

    private ObjectNode newKey(JsonNode body, String publicKey, String privateKey) {
        String name = body.path("KeyName").asText();
        if (!KEY_NAME.matcher(name).matches()) {
            throw error("InvalidKeyPairName", "a key name is 1-25 letters, digits and underscores: '" + name + "'");
        }
        if (!s.keys.values(k -> k.path("KeyName").asText().equals(name)).isEmpty()) {
            throw error("InvalidKeyPairName.Duplicate", "key name " + name + " is taken");
        }
        ObjectNode key = NODES.objectNode();
        String id = s.id("skey");
        key.put("KeyId", id);
        key.put("KeyName", name);
        key.put("ProjectId", body.path("ProjectId").asInt(0));
        key.put("Description", "");
        key.put("PublicKey", publicKey);
        key.putArray("AssociatedInstanceIds");
        key.put("CreatedTime", FakeState.now());
        ArrayNode tags = key.putArray("Tags");
        for (JsonNode ts : body.path("TagSpecification")) {
            ts.path("Tags").forEach(t -> tags.add(t.deepCopy()));
        }
        s.keys.put(id, key);
        ObjectNode shown = key.deepCopy();
        if (privateKey != null) {
            shown.put("PrivateKey", privateKey);
        }
        return shown;
    }

    private ObjectNode createKeyPair(String region, JsonNode body) {
        String[] pair = rsaPair(body.path("KeyName").asText());
        ObjectNode answer = NODES.objectNode();
        answer.set("KeyPair", newKey(body, pair[0], pair[1]));
        return answer;
    }

    private ObjectNode importKeyPair(String region, JsonNode body) {
        String publicKey = body.path("PublicKey").asText();
        if (!publicKey.matches("(ssh-rsa|ssh-ed25519|ecdsa-sha2-nistp\\d+) [A-Za-z0-9+/=]+.*")) {
            throw error("InvalidParameterValue.InvalidPublicKey", "not an OpenSSH public key");
        }
        ObjectNode answer = NODES.objectNode();
        answer.put("KeyId", newKey(body, publicKey, null).path("KeyId").asText());
        return answer;
    }

    private ObjectNode describeKeyPairs(String region, JsonNode body) {
        List<String> ids = body.has("KeyIds") ? strings(body.path("KeyIds")) : null;
        List<ObjectNode> found = s.keys.values(k -> (ids == null || ids.contains(k.path("KeyId").asText()))
                && passes(body, "key-name", k.path("KeyName").asText())
                && passes(body, "key-id", k.path("KeyId").asText())
                && tagFilters(body.path("Filters"), k.path("Tags")));
        return page(body, found, "KeyPairSet");
    }

    private ObjectNode deleteKeyPairs(String region, JsonNode body) {
        List<String> ids = strings(body.path("KeyIds"));
        for (String id : ids) {
            s.keys.require(id, () -> error("InvalidKeyPairId.NotFound", "no key pair " + id));
        }
        ids.forEach(s.keys::remove);
        return NODES.objectNode();
    }

    /** A new RSA key pair: the OpenSSH public key and the PEM private key. */
    static String[] rsaPair(String comment) {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(1024);
            java.security.KeyPair pair = gen.generateKeyPair();
            RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
            byte[] type = "ssh-rsa".getBytes();
            byte[] e = pub.getPublicExponent().toByteArray();
            byte[] n = pub.getModulus().toByteArray();
            ByteBuffer blob = ByteBuffer.allocate(12 + type.length + e.length + n.length);
            blob.putInt(type.length).put(type).putInt(e.length).put(e).putInt(n.length).put(n);
            String publicKey = "ssh-rsa " + Base64.getEncoder().encodeToString(blob.array()) + " " + comment;
            String privateKey = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            return new String[] {publicKey, privateKey};
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
