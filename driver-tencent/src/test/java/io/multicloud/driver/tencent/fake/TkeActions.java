package io.multicloud.driver.tencent.fake;

import static io.multicloud.driver.tencent.fake.TencentFake.NODES;
import static io.multicloud.driver.tencent.fake.TencentFake.error;
import static io.multicloud.driver.tencent.fake.TencentFake.passes;
import static io.multicloud.driver.tencent.fake.TencentFake.strings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.testkit.fake.Store;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The TKE actions of the fake (API 2018-05-25): managed clusters (Creating → Running, Deleting →
 * gone) and node pools (creating → normal, updating → normal, deleting → gone), each a few clock
 * steps later.
 */
final class TkeActions {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FakeState s;
    private final TencentSpec spec = TencentSpec.of("tke");
    final Map<String, List<ObjectNode>> pools = new HashMap<>();

    TkeActions(FakeState state) {
        this.s = state;
    }

    void register(Map<String, TencentFake.Action> handlers) {
        handlers.put("tke:CreateCluster", this::create);
        handlers.put("tke:DescribeClusters", this::describe);
        handlers.put("tke:DeleteCluster", this::delete);
        handlers.put("tke:CreateClusterNodePool", this::createPool);
        handlers.put("tke:DescribeClusterNodePools", this::describePools);
        handlers.put("tke:ModifyClusterNodePool", this::modifyPool);
        handlers.put("tke:ModifyNodePoolDesiredCapacityAboutAsg", this::desired);
        handlers.put("tke:DeleteClusterNodePool", this::deletePool);
    }

    private ObjectNode cluster(String id) {
        return s.clusters.require(id, () -> error("ResourceNotFound.ClusterNotFound", "no cluster " + id));
    }

    private ObjectNode create(String region, JsonNode body) {
        JsonNode basic = body.path("ClusterBasicSettings");
        String vpcId = basic.path("VpcId").asText();
        if (s.vpcs.find(vpcId).isEmpty()) {
            throw error("InvalidParameter.VpcNotFound", "no VPC " + vpcId);
        }
        List<String> subnets = strings(body.path("ClusterCIDRSettings").path("EniSubnetIds"));
        if (subnets.isEmpty() && basic.has("SubnetId")) {
            subnets.add(basic.path("SubnetId").asText());
        }
        for (String sn : subnets) {
            if (s.subnets.find(sn).filter(n -> n.path("VpcId").asText().equals(vpcId)).isEmpty()) {
                throw error("InvalidParameter.SubnetNotExist", "no subnet " + sn + " in " + vpcId);
            }
        }
        ObjectNode c = spec.example("DescribeClusters", 0).path("Clusters").get(0).deepCopy();
        String id = s.id("cls");
        c.put("ClusterId", id);
        c.put("ClusterName", basic.path("ClusterName").asText(id));
        c.put("ClusterVersion", basic.path("ClusterVersion").asText("1.30.0"));
        c.put("ClusterType", body.path("ClusterType").asText());
        c.put("ClusterStatus", "Creating");
        c.put("ClusterNodeNum", 0);
        c.put("IsHighAvailability", true);
        c.put("CreatedTime", FakeState.now());
        ObjectNode net = (ObjectNode) c.path("ClusterNetworkSettings");
        net.put("VpcId", vpcId);
        net.put("ClusterCIDR", body.path("ClusterCIDRSettings").path("ClusterCIDR").asText("172.20.0.0/16"));
        net.set("Subnets", TencentFakeJson.strings(subnets));
        c.set("TagSpecification", basic.path("TagSpecification").isArray() ? basic.path("TagSpecification").deepCopy() : NODES.arrayNode());
        s.clusters.put(id, c);
        pools.put(id, new ArrayList<>());
        s.later(() -> c.put("ClusterStatus", "Running"));
        ObjectNode answer = NODES.objectNode();
        answer.put("ClusterId", id);
        return answer;
    }

    private ObjectNode describe(String region, JsonNode body) {
        List<String> ids = body.has("ClusterIds") ? strings(body.path("ClusterIds")) : null;
        List<ObjectNode> found = s.clusters.values(c -> (ids == null || ids.contains(c.path("ClusterId").asText()))
                && passes(body, "ClusterName", c.path("ClusterName").asText())
                && TencentFake.tagFilters(body.path("Filters"), TagActions.clusterTags(c)));
        ObjectNode page = s.fake().page(body, found, "Clusters");
        return page;
    }

    private ObjectNode delete(String region, JsonNode body) {
        String id = body.path("ClusterId").asText();
        ObjectNode c = cluster(id);
        c.put("ClusterStatus", "Deleting");
        s.later(() -> {
            s.clusters.remove(id);
            pools.remove(id);
        });
        return NODES.objectNode();
    }

    private ObjectNode pool(String clusterId, String poolId) {
        cluster(clusterId);
        return pools.get(clusterId).stream().filter(p -> p.path("NodePoolId").asText().equals(poolId)).findFirst()
                .orElseThrow(() -> error("ResourceNotFound", "no node pool " + poolId + " in " + clusterId));
    }

    private static JsonNode parse(String text, String field) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw error("InvalidParameter.Param", field + " is not JSON");
        }
    }

    private ObjectNode createPool(String region, JsonNode body) {
        String clusterId = body.path("ClusterId").asText();
        ObjectNode c = cluster(clusterId);
        if (!"Running".equals(c.path("ClusterStatus").asText())) {
            throw error("ResourceUnavailable.ClusterState", "cluster " + clusterId + " is " + c.path("ClusterStatus").asText());
        }
        JsonNode asg = parse(body.path("AutoScalingGroupPara").asText(), "AutoScalingGroupPara");
        JsonNode launch = parse(body.path("LaunchConfigurePara").asText(), "LaunchConfigurePara");
        if (!launch.has("InstanceType")) {
            throw error("InvalidParameter.Param", "LaunchConfigurePara needs an InstanceType");
        }
        ObjectNode p = spec.example("DescribeClusterNodePools", 0).path("NodePoolSet").get(0).deepCopy();
        String id = s.id("np");
        p.put("NodePoolId", id);
        p.put("Name", body.path("Name").asText(id));
        p.put("ClusterInstanceId", clusterId);
        p.put("LifeState", "creating");
        p.put("MinNodesNum", asg.path("MinSize").asInt());
        p.put("MaxNodesNum", asg.path("MaxSize").asInt());
        p.put("DesiredNodesNum", asg.path("DesiredCapacity").asInt());
        p.put("AutoscalingGroupId", s.id("asg"));
        p.put("LaunchConfigurationId", s.id("asc"));
        p.set("Tags", body.path("Tags").isArray() ? body.path("Tags").deepCopy() : NODES.arrayNode());
        pools.get(clusterId).add(p);
        s.later(() -> p.put("LifeState", "normal"));
        ObjectNode answer = NODES.objectNode();
        answer.put("NodePoolId", id);
        return answer;
    }

    private ObjectNode describePools(String region, JsonNode body) {
        String clusterId = body.path("ClusterId").asText();
        cluster(clusterId);
        ArrayNode set = NODES.arrayNode();
        pools.get(clusterId).forEach(p -> set.add(p.deepCopy()));
        ObjectNode answer = NODES.objectNode();
        answer.set("NodePoolSet", set);
        answer.put("TotalCount", set.size());
        return answer;
    }

    private ObjectNode modifyPool(String region, JsonNode body) {
        ObjectNode p = pool(body.path("ClusterId").asText(), body.path("NodePoolId").asText());
        int min = body.path("MinNodesNum").asInt(p.path("MinNodesNum").asInt());
        int max = body.path("MaxNodesNum").asInt(p.path("MaxNodesNum").asInt());
        if (min > max) {
            throw error("InvalidParameter.Param", "MinNodesNum above MaxNodesNum");
        }
        p.put("MinNodesNum", min).put("MaxNodesNum", max).put("LifeState", "updating");
        p.put("DesiredNodesNum", Math.max(min, Math.min(max, p.path("DesiredNodesNum").asInt())));
        s.later(() -> p.put("LifeState", "normal"));
        return NODES.objectNode();
    }

    private ObjectNode desired(String region, JsonNode body) {
        ObjectNode p = pool(body.path("ClusterId").asText(), body.path("NodePoolId").asText());
        int desired = body.path("DesiredCapacity").asInt();
        if (desired < p.path("MinNodesNum").asInt() || desired > p.path("MaxNodesNum").asInt()) {
            throw error("InvalidParameter.Param", "DesiredCapacity outside MinNodesNum..MaxNodesNum");
        }
        p.put("DesiredNodesNum", desired).put("LifeState", "updating");
        s.later(() -> p.put("LifeState", "normal"));
        return NODES.objectNode();
    }

    private ObjectNode deletePool(String region, JsonNode body) {
        String clusterId = body.path("ClusterId").asText();
        for (String id : strings(body.path("NodePoolIds"))) {
            ObjectNode p = pool(clusterId, id);
            p.put("LifeState", "deleting");
            s.later(() -> pools.getOrDefault(clusterId, new ArrayList<>()).remove(p));
        }
        return NODES.objectNode();
    }
}
