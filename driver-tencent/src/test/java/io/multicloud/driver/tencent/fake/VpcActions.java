package io.multicloud.driver.tencent.fake;

import static io.multicloud.driver.tencent.fake.TencentFake.NODES;
import static io.multicloud.driver.tencent.fake.TencentFake.error;
import static io.multicloud.driver.tencent.fake.TencentFake.passes;
import static io.multicloud.driver.tencent.fake.TencentFake.strings;
import static io.multicloud.driver.tencent.fake.TencentFake.tagFilters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.api.Cidr;
import java.util.List;
import java.util.Map;

/** The VPC actions of the fake: VPCs, subnets (one zone each), security groups and their ordered policy sets. */
final class VpcActions {
    private final FakeState s;
    private final TencentSpec spec = TencentSpec.of("vpc");

    VpcActions(FakeState state) {
        this.s = state;
    }

    void register(Map<String, TencentFake.Action> handlers) {
        handlers.put("vpc:CreateVpc", this::createVpc);
        handlers.put("vpc:DescribeVpcs", this::describeVpcs);
        handlers.put("vpc:DeleteVpc", this::deleteVpc);
        handlers.put("vpc:CreateSubnet", this::createSubnet);
        handlers.put("vpc:DescribeSubnets", this::describeSubnets);
        handlers.put("vpc:DeleteSubnet", this::deleteSubnet);
        handlers.put("vpc:CreateSecurityGroup", this::createGroup);
        handlers.put("vpc:CreateSecurityGroupWithPolicies", this::createGroup);
        handlers.put("vpc:DescribeSecurityGroups", this::describeGroups);
        handlers.put("vpc:DeleteSecurityGroup", this::deleteGroup);
        handlers.put("vpc:DescribeSecurityGroupPolicies", this::describePolicies);
        handlers.put("vpc:CreateSecurityGroupPolicies", this::createPolicies);
        handlers.put("vpc:DeleteSecurityGroupPolicies", this::deletePolicies);
    }

    private static Cidr cidr(String text) {
        try {
            return Cidr.parse(text);
        } catch (RuntimeException e) {
            throw error("InvalidParameterValue.Malformed", "'" + text + "' is not a CIDR block");
        }
    }

    private static ArrayNode tagSet(JsonNode tags) {
        ArrayNode out = NODES.arrayNode();
        tags.forEach(t -> out.add(t.deepCopy()));
        return out;
    }

    private ObjectNode createVpc(String region, JsonNode body) {
        Cidr block = cidr(body.path("CidrBlock").asText());
        if (block.prefix() < 12 || block.prefix() > 28) {
            throw error("InvalidParameterValue.Range", "a VPC block is /12 to /28: " + block);
        }
        ObjectNode vpc = spec.example("CreateVpc", 0).path("Vpc").deepCopy();
        String id = s.id("vpc");
        vpc.put("VpcId", id);
        vpc.put("VpcName", body.path("VpcName").asText());
        vpc.put("CidrBlock", block.toString());
        vpc.put("IsDefault", false);
        vpc.put("CreatedTime", FakeState.now().replace('T', ' ').replace("Z", ""));
        vpc.set("TagSet", tagSet(body.path("Tags")));
        s.vpcs.put(id, vpc);
        ObjectNode answer = NODES.objectNode();
        answer.set("Vpc", vpc.deepCopy());
        return answer;
    }

    private ObjectNode describeVpcs(String region, JsonNode body) {
        List<String> ids = body.has("VpcIds") ? strings(body.path("VpcIds")) : null;
        List<ObjectNode> found = s.vpcs.values(v -> (ids == null || ids.contains(v.path("VpcId").asText()))
                && passes(body, "vpc-id", v.path("VpcId").asText())
                && passes(body, "vpc-name", v.path("VpcName").asText())
                && passes(body, "cidr-block", v.path("CidrBlock").asText())
                && tagFilters(body.path("Filters"), v.path("TagSet")));
        return s.fake().page(body, found, "VpcSet");
    }

    private ObjectNode deleteVpc(String region, JsonNode body) {
        String id = body.path("VpcId").asText();
        s.vpcs.require(id, () -> error("ResourceNotFound", "no VPC " + id));
        if (!s.instancesIn("VpcId", id).isEmpty() || !s.subnets.values(n -> n.path("VpcId").asText().equals(id)).isEmpty()) {
            throw error("ResourceInUse", "VPC " + id + " still has subnets or instances");
        }
        s.vpcs.remove(id);
        return NODES.objectNode();
    }

    private ObjectNode createSubnet(String region, JsonNode body) {
        String vpcId = body.path("VpcId").asText();
        ObjectNode vpc = s.vpcs.require(vpcId, () -> error("ResourceNotFound", "no VPC " + vpcId));
        String zone = body.path("Zone").asText();
        if (!s.zones(region).contains(zone)) {
            throw error("InvalidParameterValue.Zone", "zone " + zone + " is not in " + region);
        }
        Cidr block = cidr(body.path("CidrBlock").asText());
        if (!cidr(vpc.path("CidrBlock").asText()).contains(block)) {
            throw error("InvalidParameterValue.SubnetRange", block + " is not inside the VPC block " + vpc.path("CidrBlock").asText());
        }
        for (ObjectNode other : s.subnets.values(n -> n.path("VpcId").asText().equals(vpcId))) {
            if (cidr(other.path("CidrBlock").asText()).overlaps(block)) {
                throw error("InvalidParameterValue.SubnetConflict", block + " overlaps subnet " + other.path("SubnetId").asText());
            }
        }
        ObjectNode subnet = spec.example("CreateSubnet", 0).path("Subnet").deepCopy();
        String id = s.id("subnet");
        subnet.put("VpcId", vpcId);
        subnet.put("SubnetId", id);
        subnet.put("SubnetName", body.path("SubnetName").asText());
        subnet.put("CidrBlock", block.toString());
        subnet.put("Zone", zone);
        subnet.put("IsDefault", false);
        subnet.put("CreatedTime", FakeState.now().replace('T', ' ').replace("Z", ""));
        subnet.set("TagSet", tagSet(body.path("Tags")));
        s.subnets.put(id, subnet);
        ObjectNode answer = NODES.objectNode();
        answer.set("Subnet", subnet.deepCopy());
        return answer;
    }

    private ObjectNode describeSubnets(String region, JsonNode body) {
        List<String> ids = body.has("SubnetIds") ? strings(body.path("SubnetIds")) : null;
        List<ObjectNode> found = s.subnets.values(n -> (ids == null || ids.contains(n.path("SubnetId").asText()))
                && passes(body, "vpc-id", n.path("VpcId").asText())
                && passes(body, "subnet-id", n.path("SubnetId").asText())
                && passes(body, "subnet-name", n.path("SubnetName").asText())
                && passes(body, "zone", n.path("Zone").asText())
                && tagFilters(body.path("Filters"), n.path("TagSet")));
        found = found.stream().map(n -> {
            ObjectNode copy = n.deepCopy();
            copy.put("AvailableIpAddressCount", 250 - s.instancesIn("SubnetId", n.path("SubnetId").asText()).size());
            return copy;
        }).toList();
        return s.fake().page(body, found, "SubnetSet");
    }

    private ObjectNode deleteSubnet(String region, JsonNode body) {
        String id = body.path("SubnetId").asText();
        s.subnets.require(id, () -> error("ResourceNotFound", "no subnet " + id));
        if (!s.instancesIn("SubnetId", id).isEmpty()) {
            throw error("ResourceInUse", "subnet " + id + " still holds instances");
        }
        s.subnets.remove(id);
        return NODES.objectNode();
    }

    private ObjectNode createGroup(String region, JsonNode body) {
        ObjectNode group = spec.example("CreateSecurityGroup", 0).path("SecurityGroup").deepCopy();
        String id = s.id("sg");
        group.put("SecurityGroupId", id);
        group.put("SecurityGroupName", body.path("GroupName").asText());
        group.put("SecurityGroupDesc", body.path("GroupDescription").asText());
        group.put("ProjectId", body.path("ProjectId").asText("0"));
        group.put("IsDefault", false);
        group.put("CreatedTime", FakeState.now().replace('T', ' ').replace("Z", ""));
        group.put("UpdateTime", group.path("CreatedTime").asText());
        group.set("TagSet", tagSet(body.path("Tags")));
        s.groups.put(id, group);
        ObjectNode set = NODES.objectNode();
        set.put("Version", "0");
        set.putArray("Egress");
        set.putArray("Ingress");
        s.policies.put(id, set);
        JsonNode given = body.path("SecurityGroupPolicySet");
        for (String direction : List.of("Ingress", "Egress")) {
            append(id, direction, given.path(direction));
        }
        ObjectNode answer = NODES.objectNode();
        answer.set("SecurityGroup", group.deepCopy());
        return answer;
    }

    private void append(String groupId, String direction, JsonNode policies) {
        ObjectNode set = s.policies.get(groupId);
        ArrayNode list = (ArrayNode) set.path(direction);
        for (JsonNode p : policies) {
            ObjectNode policy = NODES.objectNode();
            String protocol = p.path("Protocol").asText("ALL").toUpperCase(java.util.Locale.ROOT);
            if (!List.of("TCP", "UDP", "ICMP", "ICMPV6", "GRE", "ALL").contains(protocol)) {
                throw error("InvalidParameterValue.Malformed", "protocol " + protocol);
            }
            policy.put("Protocol", protocol);
            policy.put("Port", p.path("Port").asText("ALL"));
            policy.put("CidrBlock", p.path("CidrBlock").asText(""));
            policy.put("Ipv6CidrBlock", "");
            policy.put("SecurityGroupId", "");
            policy.put("Action", p.path("Action").asText("ACCEPT"));
            policy.put("PolicyDescription", p.path("PolicyDescription").asText(""));
            policy.put("ModifyTime", FakeState.now().replace('T', ' ').replace("Z", ""));
            if (p.has("PolicyIndex") && p.path("PolicyIndex").asInt() < list.size()) {
                list.insert(p.path("PolicyIndex").asInt(), policy);
            } else {
                list.add(policy);
            }
        }
        reindex(set);
    }

    private static void reindex(ObjectNode set) {
        for (String direction : List.of("Ingress", "Egress")) {
            int i = 0;
            for (JsonNode p : set.path(direction)) {
                ((ObjectNode) p).put("PolicyIndex", i++);
            }
        }
        set.put("Version", Integer.toString(Integer.parseInt(set.path("Version").asText("0")) + 1));
    }

    private ObjectNode group(String id) {
        return s.groups.require(id, () -> error("ResourceNotFound", "no security group " + id));
    }

    private ObjectNode describeGroups(String region, JsonNode body) {
        List<String> ids = body.has("SecurityGroupIds") ? strings(body.path("SecurityGroupIds")) : null;
        List<ObjectNode> found = s.groups.values(g -> (ids == null || ids.contains(g.path("SecurityGroupId").asText()))
                && passes(body, "security-group-id", g.path("SecurityGroupId").asText())
                && passes(body, "security-group-name", g.path("SecurityGroupName").asText())
                && tagFilters(body.path("Filters"), g.path("TagSet")));
        return s.fake().page(body, found, "SecurityGroupSet");
    }

    private ObjectNode deleteGroup(String region, JsonNode body) {
        String id = body.path("SecurityGroupId").asText();
        group(id);
        if (!s.instances.values(i -> strings(i.path("SecurityGroupIds")).contains(id)).isEmpty()) {
            throw error("ResourceInUse", "security group " + id + " is bound to instances");
        }
        s.groups.remove(id);
        s.policies.remove(id);
        return NODES.objectNode();
    }

    private ObjectNode describePolicies(String region, JsonNode body) {
        String id = body.path("SecurityGroupId").asText();
        group(id);
        ObjectNode answer = NODES.objectNode();
        answer.set("SecurityGroupPolicySet", s.policies.get(id).deepCopy());
        return answer;
    }

    private ObjectNode createPolicies(String region, JsonNode body) {
        String id = body.path("SecurityGroupId").asText();
        group(id);
        JsonNode given = body.path("SecurityGroupPolicySet");
        if (!given.path("Ingress").isEmpty() && !given.path("Egress").isEmpty()) {
            throw error("InvalidParameter", "one direction per request: Ingress or Egress");
        }
        for (String direction : List.of("Ingress", "Egress")) {
            append(id, direction, given.path(direction));
        }
        return NODES.objectNode();
    }

    private ObjectNode deletePolicies(String region, JsonNode body) {
        String id = body.path("SecurityGroupId").asText();
        group(id);
        JsonNode given = body.path("SecurityGroupPolicySet");
        if (!given.path("Ingress").isEmpty() && !given.path("Egress").isEmpty()) {
            throw error("InvalidParameter", "one direction per request: Ingress or Egress");
        }
        ObjectNode set = s.policies.get(id);
        for (String direction : List.of("Ingress", "Egress")) {
            ArrayNode list = (ArrayNode) set.path(direction);
            List<Integer> indexes = new java.util.ArrayList<>();
            given.path(direction).forEach(p -> indexes.add(p.path("PolicyIndex").asInt(-1)));
            for (int index : indexes) {
                if (index < 0 || index >= list.size()) {
                    throw error("InvalidParameterValue.Range", "no " + direction + " policy at index " + index);
                }
            }
            indexes.stream().sorted(java.util.Comparator.reverseOrder()).forEach(list::remove);
        }
        reindex(set);
        return NODES.objectNode();
    }
}
