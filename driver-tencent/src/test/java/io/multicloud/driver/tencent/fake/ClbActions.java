package io.multicloud.driver.tencent.fake;

import static io.multicloud.driver.tencent.fake.TencentFake.NODES;
import static io.multicloud.driver.tencent.fake.TencentFake.error;
import static io.multicloud.driver.tencent.fake.TencentFake.strings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.testkit.fake.Store;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The CLB actions of the fake: load balancers, their listeners (with health checks) and targets. */
final class ClbActions {
    private final FakeState s;
    private final TencentSpec spec = TencentSpec.of("clb");
    final Map<String, List<ObjectNode>> listeners = new HashMap<>();
    final Map<String, List<ObjectNode>> targets = new HashMap<>();

    ClbActions(FakeState state) {
        this.s = state;
    }

    void register(Map<String, TencentFake.Action> handlers) {
        handlers.put("clb:CreateLoadBalancer", this::create);
        handlers.put("clb:DescribeLoadBalancers", this::describe);
        handlers.put("clb:DeleteLoadBalancer", this::delete);
        handlers.put("clb:CreateListener", this::createListener);
        handlers.put("clb:DescribeListeners", this::describeListeners);
        handlers.put("clb:RegisterTargets", (r, b) -> targets(b, true));
        handlers.put("clb:DeregisterTargets", (r, b) -> targets(b, false));
        handlers.put("clb:DescribeTargets", this::describeTargets);
        handlers.put("clb:DescribeTargetHealth", this::health);
    }

    private ObjectNode lb(String id) {
        return s.lbs.require(id, () -> error("InvalidParameter.LBIdNotFound", "no load balancer " + id));
    }

    private ObjectNode create(String region, JsonNode body) {
        String token = body.path("ClientToken").asText("");
        ObjectNode answer = NODES.objectNode();
        answer.put("DealName", "");
        if (!token.isEmpty() && s.clientTokens.containsKey(token)) {
            answer.set("LoadBalancerIds", TencentFakeJson.strings(s.clientTokens.get(token)));
            return answer;
        }
        String vpcId = body.path("VpcId").asText();
        if (!vpcId.isEmpty() && s.vpcs.find(vpcId).isEmpty()) {
            throw error("InvalidParameter.VpcIdNotExist", "no VPC " + vpcId);
        }
        ObjectNode lb = spec.example("DescribeLoadBalancers", 0).path("LoadBalancerSet").get(0).deepCopy();
        String id = s.id("lb");
        lb.put("LoadBalancerId", id);
        lb.put("LoadBalancerName", body.path("LoadBalancerName").asText(id));
        lb.put("LoadBalancerType", body.path("LoadBalancerType").asText());
        lb.put("VpcId", vpcId);
        lb.put("Status", 1);
        lb.put("CreateTime", FakeState.now().replace('T', ' ').replace("Z", ""));
        lb.set("LoadBalancerVips", TencentFakeJson.strings(List.of("198.51.100." + (s.lbs.size() % 250 + 1))));
        ArrayNode tags = lb.putArray("Tags");
        body.path("Tags").forEach(t -> tags.add(t.deepCopy()));
        s.lbs.put(id, lb);
        listeners.put(id, new ArrayList<>());
        if (!token.isEmpty()) {
            s.clientTokens.put(token, List.of(id));
        }
        answer.set("LoadBalancerIds", TencentFakeJson.strings(List.of(id)));
        return answer;
    }

    /** CLB's {@code {TagKey, TagValue}} tags as the {@code {Key, Value}} the filters read. */
    static ArrayNode keyValue(JsonNode tags) {
        ArrayNode out = NODES.arrayNode();
        tags.forEach(t -> out.addObject().put("Key", t.path("TagKey").asText()).put("Value", t.path("TagValue").asText()));
        return out;
    }

    private ObjectNode describe(String region, JsonNode body) {
        List<String> ids = body.has("LoadBalancerIds") ? strings(body.path("LoadBalancerIds")) : null;
        String name = body.path("LoadBalancerName").asText(null);
        List<ObjectNode> found = s.lbs.values(lb -> (ids == null || ids.contains(lb.path("LoadBalancerId").asText()))
                && (name == null || name.equals(lb.path("LoadBalancerName").asText()))
                && TencentFake.tagFilters(body.path("Filters"), keyValue(lb.path("Tags"))));
        ObjectNode page = s.fake().page(body, found, "LoadBalancerSet");
        return page;
    }

    private ObjectNode delete(String region, JsonNode body) {
        List<String> ids = strings(body.path("LoadBalancerIds"));
        ids.forEach(this::lb);
        for (String id : ids) {
            s.lbs.remove(id);
            listeners.remove(id).forEach(l -> targets.remove(l.path("ListenerId").asText()));
        }
        return NODES.objectNode();
    }

    private ObjectNode createListener(String region, JsonNode body) {
        String lbId = body.path("LoadBalancerId").asText();
        lb(lbId);
        List<String> ids = new ArrayList<>();
        int n = 0;
        for (JsonNode port : body.path("Ports")) {
            for (ObjectNode other : listeners.get(lbId)) {
                if (other.path("Port").asInt() == port.asInt() && other.path("Protocol").asText().equals(body.path("Protocol").asText())) {
                    throw error("InvalidParameter.PortCheckFailed", "port " + port.asInt() + " is taken");
                }
            }
            ObjectNode l = spec.example("DescribeListeners", 0).path("Listeners").get(0).deepCopy();
            String id = s.id("lbl");
            l.put("ListenerId", id);
            l.put("Protocol", body.path("Protocol").asText());
            l.put("Port", port.asInt());
            l.put("ListenerName", body.path("ListenerNames").path(n++).asText(id));
            l.put("CreateTime", FakeState.now().replace('T', ' ').replace("Z", ""));
            ObjectNode hc = (ObjectNode) l.path("HealthCheck");
            body.path("HealthCheck").fields().forEachRemaining(f -> hc.set(f.getKey(), f.getValue().deepCopy()));
            listeners.get(lbId).add(l);
            targets.put(id, new ArrayList<>());
            ids.add(id);
        }
        ObjectNode answer = NODES.objectNode();
        answer.set("ListenerIds", TencentFakeJson.strings(ids));
        return answer;
    }

    private ObjectNode describeListeners(String region, JsonNode body) {
        String lbId = body.path("LoadBalancerId").asText();
        lb(lbId);
        ArrayNode set = NODES.arrayNode();
        listeners.get(lbId).forEach(l -> set.add(l.deepCopy()));
        ObjectNode answer = NODES.objectNode();
        answer.set("Listeners", set);
        answer.put("TotalCount", set.size());
        return answer;
    }

    private ObjectNode listener(String lbId, String listenerId) {
        lb(lbId);
        return listeners.get(lbId).stream().filter(l -> l.path("ListenerId").asText().equals(listenerId)).findFirst()
                .orElseThrow(() -> error("InvalidParameter.ListenerIdNotFound", "no listener " + listenerId));
    }

    private ObjectNode targets(JsonNode body, boolean add) {
        String listenerId = listener(body.path("LoadBalancerId").asText(), body.path("ListenerId").asText()).path("ListenerId").asText();
        List<ObjectNode> list = targets.get(listenerId);
        for (JsonNode t : body.path("Targets")) {
            String instanceId = t.path("InstanceId").asText();
            int port = t.path("Port").asInt();
            ObjectNode present = list.stream().filter(b -> b.path("InstanceId").asText().equals(instanceId)
                    && b.path("Port").asInt() == port).findFirst().orElse(null);
            if (add) {
                ObjectNode instance = s.instances.require(instanceId, () -> error("InvalidParameter", "no instance " + instanceId));
                if (present != null) {
                    throw error("InvalidParameter.RegisterDuplicate", instanceId + ":" + port + " is registered");
                }
                ObjectNode b = spec.example("DescribeTargets", 0).path("Listeners").get(0).path("Rules").get(0).path("Targets").get(0).deepCopy();
                b.put("Type", "CVM");
                b.put("InstanceId", instanceId);
                b.put("Port", port);
                b.put("Weight", t.path("Weight").asInt(10));
                b.put("InstanceName", instance.path("InstanceName").asText());
                b.set("PrivateIpAddresses", instance.path("PrivateIpAddresses").deepCopy());
                b.set("PublicIpAddresses", instance.path("PublicIpAddresses").deepCopy());
                b.put("RegisteredTime", FakeState.now().replace('T', ' ').replace("Z", ""));
                list.add(b);
            } else {
                if (present == null) {
                    throw error("InvalidParameter", instanceId + ":" + port + " is not registered");
                }
                list.remove(present);
            }
        }
        return NODES.objectNode();
    }

    private ObjectNode describeTargets(String region, JsonNode body) {
        String lbId = body.path("LoadBalancerId").asText();
        lb(lbId);
        ArrayNode set = NODES.arrayNode();
        for (ObjectNode l : listeners.get(lbId)) {
            ObjectNode backend = set.addObject();
            backend.put("ListenerId", l.path("ListenerId").asText());
            backend.put("Protocol", l.path("Protocol").asText());
            backend.put("Port", l.path("Port").asInt());
            backend.putArray("Rules");
            ArrayNode ts = backend.putArray("Targets");
            targets.get(l.path("ListenerId").asText()).forEach(t -> ts.add(t.deepCopy()));
            backend.put("EndPort", 0);
        }
        ObjectNode answer = NODES.objectNode();
        answer.set("Listeners", set);
        return answer;
    }

    private ObjectNode health(String region, JsonNode body) {
        ArrayNode set = NODES.arrayNode();
        for (String lbId : strings(body.path("LoadBalancerIds"))) {
            ObjectNode lb = lb(lbId);
            ObjectNode h = set.addObject();
            h.put("LoadBalancerId", lbId);
            h.put("LoadBalancerName", lb.path("LoadBalancerName").asText());
            ArrayNode ls = h.putArray("Listeners");
            for (ObjectNode l : listeners.get(lbId)) {
                ObjectNode lh = ls.addObject();
                lh.put("ListenerId", l.path("ListenerId").asText());
                lh.put("ListenerName", l.path("ListenerName").asText());
                lh.put("Protocol", l.path("Protocol").asText());
                lh.put("Port", l.path("Port").asInt());
                ObjectNode rule = lh.putArray("Rules").addObject();
                rule.put("LocationId", "");
                rule.putNull("Domain");
                rule.putNull("Url");
                ArrayNode ts = rule.putArray("Targets");
                for (ObjectNode t : targets.get(l.path("ListenerId").asText())) {
                    boolean up = s.instances.find(t.path("InstanceId").asText())
                            .map(i -> "RUNNING".equals(i.path("InstanceState").asText())).orElse(false);
                    ObjectNode th = ts.addObject();
                    th.put("IP", t.path("PrivateIpAddresses").path(0).asText(""));
                    th.put("Port", t.path("Port").asInt());
                    th.put("HealthStatus", up);
                    th.put("TargetId", t.path("InstanceId").asText());
                    th.put("HealthStatusDetail", up ? "Alive" : "Dead");
                    th.put("HealthStatusDetial", up ? "Alive" : "Dead");
                }
            }
        }
        ObjectNode answer = NODES.objectNode();
        answer.set("LoadBalancers", set);
        return answer;
    }
}
