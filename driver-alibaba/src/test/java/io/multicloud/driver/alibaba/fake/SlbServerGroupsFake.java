package io.multicloud.driver.alibaba.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.testkit.fake.FakeClock;
import io.multicloud.testkit.fake.Store;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.multicloud.driver.alibaba.fake.AlibabaFake.JSON;
import static io.multicloud.driver.alibaba.fake.AlibabaFake.error;

/**
 * SLB's VServer groups: named sets of backend servers, each ECS instance on its own port, that a
 * listener forwards to instead of the instance's default servers. Describe (with the listeners
 * using each group), describe one with its servers, add and remove servers (20 a call, ECS
 * instances of the load balancer's VPC, running). A server's health is {@code unavailable} until
 * its first checks are done, as for the default servers.
 */
final class SlbServerGroupsFake {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static final class Group {
        String id;
        String name;
        String lbId;
        String created = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        final Map<String, Server> servers = new LinkedHashMap<>();
    }

    static final class Server {
        String instanceId;
        int port;
        int weight = 100;
        boolean checked;
    }

    private final AlibabaFake fake;
    private final FakeClock clock;
    final Store<Group> groups = new Store<>(9500);

    SlbServerGroupsFake(AlibabaFake fake, FakeClock clock) {
        this.fake = fake;
        this.clock = clock;
    }

    Function<Params, ObjectNode> handler(String action) {
        return switch (action) {
            case "DescribeVServerGroups" -> this::describeGroups;
            case "DescribeVServerGroupAttribute" -> this::describeGroup;
            case "AddVServerGroupBackendServers" -> this::addServers;
            case "RemoveVServerGroupBackendServers" -> this::removeServers;
            default -> null;
        };
    }

    Group require(String id) {
        Group g = groups.require(id, () -> error(404, "InvalidParameter.VServerGroupId", "The specified VServerGroupId does not exist."));
        // SLB drops a server whose instance was released.
        g.servers.values().removeIf(s -> fake.ecs.instances.find(s.instanceId).isEmpty());
        return g;
    }

    /** A new group of the load balancer with these instances on these ports (seeded, as another tool would make it). */
    Group create(String lbId, String name, Map<String, Integer> instancePorts) {
        Group g = new Group();
        g.id = "rsp-bp1" + groups.nextId();
        g.name = name;
        g.lbId = lbId;
        instancePorts.forEach((id, port) -> add(g, id, port, 100));
        groups.put(g.id, g);
        return g;
    }

    private void add(Group g, String instanceId, int port, int weight) {
        Server s = new Server();
        s.instanceId = instanceId;
        s.port = port;
        s.weight = weight;
        g.servers.put(instanceId + ":" + port, s);
        clock.later(SlbFake.HEALTH_STEPS, () -> s.checked = true);
    }

    private ObjectNode describeGroups(Params p) {
        String lbId = p.required("LoadBalancerId");
        SlbFake.Lb lb = fake.slb.requireLb(lbId);
        ObjectNode body = JSON.objectNode();
        ArrayNode list = body.putObject("VServerGroups").putArray("VServerGroup");
        for (Group g : groups.values(x -> x.lbId.equals(lbId))) {
            ObjectNode o = list.addObject().put("VServerGroupId", g.id).put("VServerGroupName", g.name)
                    .put("ServerCount", require(g.id).servers.size()).put("CreateTime", g.created);
            if (p.bool("IncludeListener")) {
                ArrayNode ls = o.putObject("AssociatedObjects").putObject("Listeners").putArray("Listener");
                lb.listeners.values().stream().filter(l -> g.id.equals(l.vServerGroupId))
                        .forEach(l -> ls.addObject().put("Port", l.port).put("Protocol", l.protocol));
            }
            o.putObject("Tags").putArray("Tag");
        }
        return body;
    }

    private ObjectNode describeGroup(Params p) {
        Group g = require(p.required("VServerGroupId"));
        ObjectNode body = JSON.objectNode().put("VServerGroupId", g.id).put("VServerGroupName", g.name).put("LoadBalancerId", g.lbId)
                .put("CreateTime", g.created);
        ArrayNode list = body.putObject("BackendServers").putArray("BackendServer");
        g.servers.values().forEach(s -> list.addObject().put("ServerId", s.instanceId).put("Port", s.port).put("Weight", s.weight)
                .put("Type", "ecs").put("ServerIp", fake.ecs.requireInstance(s.instanceId).privateIp));
        body.putObject("Tags").putArray("Tag");
        return body;
    }

    private List<JsonNode> servers(Params p) {
        List<JsonNode> out = new ArrayList<>();
        try {
            MAPPER.readTree(p.required("BackendServers")).forEach(out::add);
        } catch (IOException e) {
            throw error(400, "InvalidParameter", "The specified BackendServers is not valid JSON.");
        }
        if (out.size() > 20) {
            throw error(400, "InvalidParameter", "At most 20 backend servers can be changed in one call.");
        }
        for (JsonNode s : out) {
            if (!s.hasNonNull("ServerId") || !s.hasNonNull("Port")) {
                throw error(400, "InvalidParameter", "The ServerId and Port of a backend server are required.");
            }
            if (!s.path("Type").asText("ecs").equals("ecs")) {
                throw error(400, "BackendServer.InvalidType", "Only ECS instances are backends in this fake.");
            }
        }
        return out;
    }

    private ObjectNode addServers(Params p) {
        Group g = require(p.required("VServerGroupId"));
        SlbFake.Lb lb = fake.slb.requireLb(g.lbId);
        List<JsonNode> servers = servers(p);
        for (JsonNode s : servers) {
            String id = s.get("ServerId").asText();
            EcsFake.Instance i = fake.ecs.instances.find(id).orElseThrow(() -> error(400, "InvalidServerId.NotExist",
                    "The specified ServerId does not exist: " + id));
            if (!lb.vpcId.isEmpty() && !lb.vpcId.equals(i.vpcId)) {
                throw error(400, "NetworkConflict", "The backend server is not in the load balancer's VPC.");
            }
        }
        for (JsonNode s : servers) {
            String key = s.get("ServerId").asText() + ":" + s.get("Port").asInt();
            if (!g.servers.containsKey(key)) {
                add(g, s.get("ServerId").asText(), s.get("Port").asInt(), s.path("Weight").asInt(100));
            }
        }
        return answer(g);
    }

    private ObjectNode removeServers(Params p) {
        Group g = require(p.required("VServerGroupId"));
        servers(p).forEach(s -> g.servers.remove(s.get("ServerId").asText() + ":" + s.get("Port").asInt()));
        return answer(g);
    }

    private static ObjectNode answer(Group g) {
        ObjectNode body = JSON.objectNode().put("VServerGroupId", g.id);
        ArrayNode list = body.putObject("BackendServers").putArray("BackendServer");
        g.servers.values().forEach(s -> list.addObject().put("ServerId", s.instanceId).put("Port", s.port).put("Weight", s.weight)
                .put("Type", "ecs"));
        return body;
    }
}
