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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import static io.multicloud.driver.alibaba.fake.AlibabaFake.JSON;
import static io.multicloud.driver.alibaba.fake.AlibabaFake.error;

/**
 * The SLB API's state (classic load balancers, {@code 2014-05-15}): instances, internet (a
 * public address, no VPC) or intranet (in a VSwitch, with an address of its block); TCP and UDP
 * listeners, stopped when made and running a few requests after StartLoadBalancerListener; the
 * default backend servers (ECS instances, running, of the instance's VPC when intranet); their
 * health per listener — {@code unavailable} until the listener runs and the first checks are done,
 * then {@code normal} while the instance runs and {@code abnormal} when it does not; tags;
 * idempotent CreateLoadBalancer by {@code ClientToken}. A backend whose instance is released
 * leaves the load balancer, as SLB removes it.
 */
final class SlbFake {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Requests served before a new backend's first health checks are done (SLB checks a few times before it judges). */
    static final int HEALTH_STEPS = 12;

    static final class Lb {
        String id;
        String name;
        String addressType;
        String address;
        String vpcId = "";
        String switchId = "";
        String spec;
        String status = "active";
        String created = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace(":00Z", "Z");
        long createdMillis = System.currentTimeMillis();
        final TreeMap<Integer, Listener> listeners = new TreeMap<>();
        final Map<String, Backend> backends = new LinkedHashMap<>();
        final Map<String, String> tags = new LinkedHashMap<>();
    }

    static final class Listener {
        String protocol;
        int port;
        int backendPort;
        int bandwidth;
        String status = "stopped";
        String description = "";
        String checkType = "tcp";
        int checkPort;
        int interval = 2;
        int timeout = 5;
        int healthy = 3;
        int unhealthy = 3;
        /** The VServer group it forwards to; empty: the instance's default servers. */
        String vServerGroupId = "";
        /** {@code on}, or {@code off}: HTTP(S) listeners may run without health checks. */
        String checkOn = "on";
        String checkUri = "/";
    }

    static final class Backend {
        String instanceId;
        int weight = 100;
        boolean checked;
    }

    private final AlibabaFake fake;
    private final FakeClock clock;
    final Store<Lb> lbs = new Store<>(9000);
    final SlbServerGroupsFake serverGroups;
    /** ClientToken → the load balancer the first call made. */
    private final Map<String, String> tokens = new HashMap<>();
    private int nextAddress = 10;

    SlbFake(AlibabaFake fake, FakeClock clock) {
        this.fake = fake;
        this.clock = clock;
        this.serverGroups = new SlbServerGroupsFake(fake, clock);
    }

    Function<Params, ObjectNode> handler(String action) {
        Function<Params, ObjectNode> groups = serverGroups.handler(action);
        if (groups != null) {
            return groups;
        }
        return switch (action) {
            case "CreateLoadBalancer" -> this::createLoadBalancer;
            case "DescribeLoadBalancers" -> this::describeLoadBalancers;
            case "DescribeLoadBalancerAttribute" -> this::describeAttribute;
            case "DeleteLoadBalancer" -> this::deleteLoadBalancer;
            case "CreateLoadBalancerTCPListener" -> p -> createListener(p, "tcp");
            case "CreateLoadBalancerUDPListener" -> p -> createListener(p, "udp");
            case "StartLoadBalancerListener" -> this::startListener;
            case "DescribeLoadBalancerListeners" -> this::describeListeners;
            case "AddBackendServers" -> this::addBackendServers;
            case "RemoveBackendServers" -> this::removeBackendServers;
            case "DescribeHealthStatus" -> this::describeHealthStatus;
            case "TagResources" -> this::tagResources;
            case "UntagResources" -> this::untagResources;
            case "ListTagResources" -> this::listTagResources;
            default -> null;
        };
    }

    /** Intranet load balancers on this VSwitch (a VSwitch holding one cannot be deleted). */
    int lbsIn(String switchId) {
        return lbs.values(lb -> switchId.equals(lb.switchId)).size();
    }

    Lb requireLb(String id) {
        Lb lb = lbs.require(id, () -> error(404, "InvalidLoadBalancerId.NotFound", "The specified LoadBalancerId does not exist."));
        // SLB drops a backend whose instance was released.
        lb.backends.keySet().removeIf(i -> fake.ecs.instances.find(i).isEmpty());
        return lb;
    }

    private ObjectNode createLoadBalancer(Params p) {
        p.required("RegionId");
        String token = p.str("ClientToken");
        if (token != null && tokens.containsKey(token) && lbs.contains(tokens.get(token))) {
            return createAnswer(lbs.find(tokens.get(token)).orElseThrow());
        }
        if (p.get("LoadBalancerSpec").isEmpty()) {
            throw error(400, "MissingParam.LoadBalancerSpec", "The param LoadBalancerSpec is required.");
        }
        Lb lb = new Lb();
        lb.id = "lb-bp1" + lbs.nextId() + "x7k2";
        lb.name = p.get("LoadBalancerName").orElse("auto_named_slb");
        lb.spec = p.str("LoadBalancerSpec");
        String vswitch = p.str("VSwitchId");
        if (vswitch != null) {
            VpcFake.VSwitch s = fake.vpc.switches.require(vswitch, () -> error(404, "InvalidVSwitchId.NotFound",
                    "The specified vSwitch instance is invalid."));
            if (p.get("VpcId").filter(v -> !v.equals(s.vpcId)).isPresent()) {
                throw error(400, "InvalidParameter", "The specified VSwitch does not belong to the VPC.");
            }
            placeIntranet(lb, s);
        } else {
            if (p.get("VpcId").isPresent()) {
                fake.vpc.vpcs.require(p.str("VpcId"), () -> error(404, "InvalidVpcId.NotExist", "The specified VPC not exist."));
            }
            lb.addressType = p.get("AddressType").orElse("internet");
            if (!lb.addressType.equals("internet")) {
                throw error(400, "MissingParam.VSwitchId", "The parameter VSwitchId is required.");
            }
            lb.address = "47.96.12." + nextAddress++ % 250;
        }
        lbs.put(lb.id, lb);
        if (token != null) {
            tokens.put(token, lb.id);
        }
        return createAnswer(lb);
    }

    private void placeIntranet(Lb lb, VpcFake.VSwitch s) {
        lb.addressType = "intranet";
        lb.vpcId = s.vpcId;
        lb.switchId = s.id;
        String base = s.cidr.substring(0, s.cidr.lastIndexOf('.'));
        lb.address = base + "." + (200 + nextAddress++ % 50);
    }

    /** A load balancer made by another tool (seeded straight into the state): intranet on the VSwitch, else internet. */
    Lb seedLb(String name, String vswitchId) {
        Lb lb = new Lb();
        lb.id = "lb-bp1" + lbs.nextId() + "x7k2";
        lb.name = name;
        lb.spec = "slb.s1.small";
        if (vswitchId != null) {
            placeIntranet(lb, fake.vpc.requireSwitch(vswitchId));
        } else {
            lb.addressType = "internet";
            lb.address = "47.96.12." + nextAddress++ % 250;
        }
        lbs.put(lb.id, lb);
        return lb;
    }

    private static ObjectNode createAnswer(Lb lb) {
        return JSON.objectNode().put("LoadBalancerId", lb.id).put("LoadBalancerName", lb.name).put("Address", lb.address)
                .put("NetworkType", lb.vpcId.isEmpty() ? "classic" : "vpc").put("VpcId", lb.vpcId).put("VSwitchId", lb.switchId)
                .put("AddressIPVersion", "ipv4").put("ResourceGroupId", "rg-acfmxazb4ph6aiy");
    }

    private ObjectNode describeLoadBalancers(Params p) {
        p.required("RegionId");
        Map<String, String> tagFilter = new LinkedHashMap<>();
        p.get("Tags").ifPresent(json -> {
            try {
                for (JsonNode t : MAPPER.readTree(json)) {
                    tagFilter.put(t.path("TagKey").asText(), t.path("TagValue").asText(""));
                }
            } catch (IOException e) {
                throw error(400, "InvalidParameter", "The specified Tags is not valid JSON.");
            }
        });
        List<Lb> all = lbs.values(lb -> p.get("LoadBalancerId").map(ids -> List.of(ids.split(",")).contains(lb.id)).orElse(true)
                && p.get("LoadBalancerName").map(n -> n.equals(lb.name)).orElse(true)
                && p.get("VpcId").map(v -> v.equals(lb.vpcId)).orElse(true)
                && p.get("AddressType").map(t -> t.equals(lb.addressType)).orElse(true)
                && TagRules.matches(lb.tags, tagFilter));
        ObjectNode body = JSON.objectNode();
        ArrayNode list = body.putObject("LoadBalancers").putArray("LoadBalancer");
        for (Lb lb : Paging.byNumber(fake, p, all, body)) {
            ObjectNode o = list.addObject();
            common(lb, o);
            o.put("CreateTimeStamp", lb.createdMillis).put("InternetChargeTypeAlias", "paybytraffic");
            ArrayNode tags = o.putObject("Tags").putArray("Tag");
            lb.tags.forEach((k, v) -> tags.addObject().put("TagKey", k).put("TagValue", v));
        }
        return body;
    }

    private static void common(Lb lb, ObjectNode o) {
        o.put("LoadBalancerId", lb.id).put("LoadBalancerName", lb.name).put("LoadBalancerStatus", lb.status).put("Address", lb.address)
                .put("AddressType", lb.addressType).put("AddressIPVersion", "ipv4").put("NetworkType", lb.vpcId.isEmpty() ? "classic" : "vpc")
                .put("VpcId", lb.vpcId).put("VSwitchId", lb.switchId).put("RegionId", AlibabaFake.REGION).put("RegionIdAlias", "cn-hangzhou")
                .put("MasterZoneId", AlibabaFake.ZONE).put("SlaveZoneId", AlibabaFake.ZONE_2).put("LoadBalancerSpec", lb.spec)
                .put("PayType", "PayOnDemand").put("InternetChargeType", "paybytraffic").put("InstanceChargeType", "PayBySpec")
                .put("CreateTime", lb.created).put("DeleteProtection", "off").put("ModificationProtectionStatus", "NonProtection")
                .put("ResourceGroupId", "rg-acfmxazb4ph6aiy").put("Bandwidth", 5120);
    }

    private ObjectNode describeAttribute(Params p) {
        Lb lb = requireLb(p.required("LoadBalancerId"));
        ObjectNode body = JSON.objectNode();
        common(lb, body);
        body.put("CreateTimeStamp", lb.createdMillis);
        ArrayNode ports = body.putObject("ListenerPorts").putArray("ListenerPort");
        ArrayNode both = body.putObject("ListenerPortsAndProtocol").putArray("ListenerPortAndProtocol");
        lb.listeners.values().forEach(l -> {
            ports.add(l.port);
            both.addObject().put("ListenerPort", l.port).put("ListenerProtocol", l.protocol).put("Description", l.description);
        });
        ArrayNode backends = body.putObject("BackendServers").putArray("BackendServer");
        lb.backends.values().forEach(b -> backends.addObject().put("ServerId", b.instanceId).put("Weight", b.weight).put("Type", "ecs")
                .put("ServerIp", fake.ecs.requireInstance(b.instanceId).privateIp));
        ArrayNode tags = body.putObject("Tags").putArray("Tag");
        lb.tags.forEach((k, v) -> tags.addObject().put("TagKey", k).put("TagValue", v));
        return body;
    }

    private ObjectNode deleteLoadBalancer(Params p) {
        Lb lb = requireLb(p.required("LoadBalancerId"));
        lbs.remove(lb.id);
        serverGroups.groups.values(g -> g.lbId.equals(lb.id)).forEach(g -> serverGroups.groups.remove(g.id));
        return JSON.objectNode();
    }

    private static int ranged(Params p, String name, int otherwise, int min, int max) {
        int v = p.integer(name, otherwise);
        if (v < min || v > max) {
            throw error(400, "InvalidParameter", "The specified " + name + " is out of range [" + min + ", " + max + "].");
        }
        return v;
    }

    private ObjectNode createListener(Params p, String protocol) {
        Lb lb = requireLb(p.required("LoadBalancerId"));
        Listener l = new Listener();
        l.protocol = protocol;
        l.port = ranged(p, "ListenerPort", -1, 1, 65535);
        if (lb.listeners.containsKey(l.port)) {
            throw error(400, "InvalidParameter.ListenerPortConflict", "There is conflict listener port exists.");
        }
        if (p.get("VServerGroupId").isEmpty() && p.get("BackendServerPort").isEmpty()) {
            throw error(400, "MissingParameter", "The input parameter \"BackendServerPort\" that is mandatory for processing this request is not supplied.");
        }
        l.backendPort = ranged(p, "BackendServerPort", 1, 1, 65535);
        l.bandwidth = Integer.parseInt(p.required("Bandwidth"));
        if (l.bandwidth != -1 && (l.bandwidth < 1 || l.bandwidth > 5120)) {
            throw error(400, "InvalidParameter", "The specified Bandwidth is not valid.");
        }
        l.checkPort = ranged(p, "HealthCheckConnectPort", l.backendPort, 1, 65535);
        l.interval = ranged(p, "healthCheckInterval", 2, 1, 50);
        l.timeout = ranged(p, "HealthCheckConnectTimeout", 5, 1, 300);
        l.healthy = ranged(p, "HealthyThreshold", 3, 2, 10);
        l.unhealthy = ranged(p, "UnhealthyThreshold", 3, 2, 10);
        l.description = p.get("Description").orElse(protocol + "_" + l.port);
        if (protocol.equals("tcp")) {
            l.checkType = p.get("HealthCheckType").orElse("tcp");
            if (!l.checkType.equals("tcp") && !l.checkType.equals("http")) {
                throw error(400, "InvalidParameter", "The specified HealthCheckType is not valid.");
            }
        }
        lb.listeners.put(l.port, l);
        return JSON.objectNode();
    }

    private ObjectNode startListener(Params p) {
        Lb lb = requireLb(p.required("LoadBalancerId"));
        int port = p.integer("ListenerPort", -1);
        Listener l = lb.listeners.get(port);
        if (l == null || p.get("ListenerProtocol").filter(x -> !x.equalsIgnoreCase(l.protocol)).isPresent()) {
            throw error(404, "ResourceNotFound.Listener", "The specified listener is not found.");
        }
        if (l.status.equals("stopped")) {
            l.status = "starting";
            clock.later(EcsFake.STEPS, () -> {
                l.status = "running";
                lb.backends.values().forEach(b -> clock.later(HEALTH_STEPS, () -> b.checked = true));
            });
        }
        return JSON.objectNode();
    }

    private ObjectNode describeListeners(Params p) {
        List<String> ids = p.list("LoadBalancerId");
        if (ids.size() > 10) {
            throw error(400, "IllegalParamSize.LoadBalancerId", "The size of LoadBalancerId is illegal.");
        }
        String protocol = p.get("ListenerProtocol").map(x -> x.toLowerCase(Locale.ROOT)).orElse(null);
        List<Listener[]> all = new ArrayList<>();
        List<Lb> owners = new ArrayList<>();
        for (Lb lb : lbs.values(lb -> ids.isEmpty() || ids.contains(lb.id))) {
            for (Listener l : lb.listeners.values()) {
                if (protocol == null || protocol.equals(l.protocol)) {
                    all.add(new Listener[]{l});
                    owners.add(lb);
                }
            }
        }
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            indices.add(i);
        }
        ObjectNode body = JSON.objectNode();
        ArrayNode list = body.putArray("Listeners");
        List<Integer> page = Paging.byToken(fake, p, indices, body);
        body.put("TotalCount", all.size()).put("MaxResults", p.integer("MaxResults", 20));
        for (int i : page) {
            Listener l = all.get(i)[0];
            Lb lb = owners.get(i);
            ObjectNode o = list.addObject();
            o.put("LoadBalancerId", lb.id).put("ListenerPort", l.port).put("ListenerProtocol", l.protocol).put("Status", l.status)
                    .put("Bandwidth", l.bandwidth).put("Scheduler", "wrr").put("Description", l.description).put("AclStatus", "off");
            if (l.backendPort > 0) {
                o.put("BackendServerPort", l.backendPort);
            }
            if (!l.vServerGroupId.isEmpty()) {
                o.put("VServerGroupId", l.vServerGroupId);
            }
            if (l.protocol.startsWith("http")) {
                httpConfig(l, o.putObject(l.protocol.equals("http") ? "HTTPListenerConfig" : "HTTPSListenerConfig"));
            } else {
                ObjectNode c = o.putObject(l.protocol.equals("tcp") ? "TCPListenerConfig" : "UDPListenerConfig");
                if (l.checkPort > 0) {
                    c.put("HealthCheckConnectPort", l.checkPort);
                }
                c.put("HealthCheck", l.checkOn).put("HealthCheckInterval", l.interval)
                        .put("HealthCheckConnectTimeout", l.timeout).put("HealthyThreshold", l.healthy).put("UnhealthyThreshold", l.unhealthy)
                        .put("ConnectionDrain", "off");
                if (l.protocol.equals("tcp")) {
                    c.put("HealthCheckType", l.checkType).put("EstablishedTimeout", 900).put("PersistenceTimeout", 0);
                }
            }
            o.putArray("Tags");
        }
        return body;
    }

    /** An HTTP or HTTPS listener's settings as the listener list reports them (HTTP checks: a URI, a timeout, codes). */
    private static void httpConfig(Listener l, ObjectNode c) {
        c.put("HealthCheck", l.checkOn).put("StickySession", "off").put("Gzip", "on").put("XForwardedFor", "on")
                .put("IdleTimeout", 15).put("RequestTimeout", 60).put("HealthCheckHttpVersion", "http1.1");
        if (l.checkOn.equals("on")) {
            if (l.checkPort > 0) {
                c.put("HealthCheckConnectPort", l.checkPort); // else each server is checked on its own port
            }
            c.put("HealthCheckInterval", l.interval).put("HealthCheckTimeout", l.timeout)
                    .put("HealthyThreshold", l.healthy).put("UnhealthyThreshold", l.unhealthy).put("HealthCheckURI", l.checkUri)
                    .put("HealthCheckHttpCode", "http_2xx,http_3xx").put("HealthCheckMethod", "head").put("HealthCheckType", "http");
        }
        if (l.protocol.equals("https")) {
            c.put("ServerCertificateId", "1231579085529123_166f8204689_1714763408_70998****").put("EnableHttp2", "on")
                    .put("TLSCipherPolicy", "tls_cipher_policy_1_2");
        }
    }

    /** A listener made by another tool (seeded straight into the state), running. */
    Listener seedListener(Lb lb, String protocol, int port, int backendPort, String vServerGroupId, boolean healthCheck) {
        Listener l = new Listener();
        l.protocol = protocol;
        l.port = port;
        l.backendPort = vServerGroupId == null ? backendPort : 0;
        l.vServerGroupId = vServerGroupId == null ? "" : vServerGroupId;
        l.bandwidth = -1;
        l.checkPort = l.backendPort;
        l.interval = 5;
        l.timeout = 4;
        l.healthy = 4;
        l.unhealthy = 4;
        l.checkOn = healthCheck ? "on" : "off";
        l.checkUri = "/healthz";
        l.status = "running";
        l.description = protocol + "_" + port;
        lb.listeners.put(port, l);
        return l;
    }

    private List<String> serverIds(Params p) {
        String json = p.required("BackendServers");
        List<String> ids = new ArrayList<>();
        try {
            for (JsonNode s : MAPPER.readTree(json)) {
                if (!s.hasNonNull("ServerId")) {
                    throw error(400, "InvalidParameter", "The ServerId of a backend server is required.");
                }
                if (!s.path("Type").asText("ecs").equals("ecs")) {
                    throw error(400, "OperationUnsupported.AddBackendServers", "Only ECS instances are backends of this load balancer.");
                }
                ids.add(s.get("ServerId").asText());
            }
        } catch (IOException e) {
            throw error(400, "InvalidParameter", "The specified BackendServers is not valid JSON.");
        }
        if (ids.size() > 20) {
            throw error(400, "InvalidParameter", "At most 20 backend servers can be changed in one call.");
        }
        return ids;
    }

    private ObjectNode addBackendServers(Params p) {
        Lb lb = requireLb(p.required("LoadBalancerId"));
        List<String> ids = serverIds(p);
        for (String id : ids) {
            EcsFake.Instance i = fake.ecs.instances.find(id).orElseThrow(() -> error(400, "InvalidServerId.NotExist",
                    "The specified ServerId does not exist: " + id));
            if (!i.status.equals("Running")) {
                throw error(400, "InvalidParameter", "The backend server " + id + " is not running.");
            }
            if (lb.addressType.equals("intranet") && !lb.vpcId.equals(i.vpcId)) {
                throw error(400, "InvalidParameter", "The specified load balancer does not support the network type of the ECS instance.");
            }
        }
        for (String id : ids) {
            if (!lb.backends.containsKey(id)) {
                Backend b = new Backend();
                b.instanceId = id;
                lb.backends.put(id, b);
                clock.later(HEALTH_STEPS, () -> b.checked = true);
            }
        }
        return backendsAnswer(lb, true);
    }

    private ObjectNode removeBackendServers(Params p) {
        Lb lb = requireLb(p.required("LoadBalancerId"));
        serverIds(p).forEach(lb.backends::remove);
        return backendsAnswer(lb, false);
    }

    /** The backends after a change; AddBackendServers documents Weight as a string, RemoveBackendServers as an integer. */
    private static ObjectNode backendsAnswer(Lb lb, boolean weightAsText) {
        ObjectNode body = JSON.objectNode().put("LoadBalancerId", lb.id);
        ArrayNode list = body.putObject("BackendServers").putArray("BackendServer");
        lb.backends.values().forEach(b -> {
            ObjectNode o = list.addObject().put("ServerId", b.instanceId).put("Type", "ecs");
            if (weightAsText) {
                o.put("Weight", Integer.toString(b.weight));
            } else {
                o.put("Weight", b.weight);
            }
        });
        return body;
    }

    private ObjectNode describeHealthStatus(Params p) {
        Lb lb = requireLb(p.required("LoadBalancerId"));
        int port = p.integer("ListenerPort", -1);
        ObjectNode body = JSON.objectNode();
        ArrayNode list = body.putObject("BackendServers").putArray("BackendServer");
        for (Listener l : lb.listeners.values()) {
            if (port != -1 && port != l.port) {
                continue;
            }
            if (!l.vServerGroupId.isEmpty()) {
                for (SlbServerGroupsFake.Server s : serverGroups.require(l.vServerGroupId).servers.values()) {
                    health(list, l, s.instanceId, s.port, s.checked);
                }
                continue;
            }
            for (Backend b : lb.backends.values()) {
                health(list, l, b.instanceId, l.backendPort, b.checked);
            }
        }
        return body;
    }

    private void health(ArrayNode list, Listener l, String instanceId, int port, boolean checked) {
        EcsFake.Instance i = fake.ecs.requireInstance(instanceId);
        String health = !l.status.equals("running") || !checked ? "unavailable" : i.status.equals("Running") ? "normal" : "abnormal";
        list.addObject().put("ServerId", instanceId).put("ServerIp", i.privateIp).put("Port", port)
                .put("ListenerPort", l.port).put("Protocol", l.protocol).put("ServerHealthStatus", health);
    }

    // ---- tags ----

    private Map<String, String> tagsOf(String type, String id) {
        if (!type.equals("instance")) {
            throw error(400, "InvalidParam.ResourceType", "The specified ResourceType is invalid.");
        }
        return lbs.require(id, () -> error(400, "ResourceNotExist", "The resource " + id + " does not exist.")).tags;
    }

    private ObjectNode tagResources(Params p) {
        String type = p.required("ResourceType");
        Map<String, String> tags = p.tags("Tag");
        for (String id : p.list("ResourceId")) {
            TagRules.add(tagsOf(type, id), tags, TagRules.SLB);
        }
        return JSON.objectNode();
    }

    private ObjectNode untagResources(Params p) {
        String type = p.required("ResourceType");
        for (String id : p.list("ResourceId")) {
            Map<String, String> tags = tagsOf(type, id);
            if (p.bool("All")) {
                tags.clear();
            }
            p.list("TagKey").forEach(tags::remove);
        }
        return JSON.objectNode();
    }

    private ObjectNode listTagResources(Params p) {
        String type = p.required("ResourceType");
        List<String> ids = p.list("ResourceId");
        Map<String, String> filter = p.tags("Tag");
        List<String[]> rows = new ArrayList<>();
        for (Lb lb : lbs.values()) {
            if ((ids.isEmpty() || ids.contains(lb.id)) && TagRules.matches(tagsOf(type, lb.id), filter)) {
                lb.tags.forEach((k, v) -> rows.add(new String[]{lb.id, k, v}));
            }
        }
        ObjectNode body = JSON.objectNode();
        ArrayNode list = body.putObject("TagResources").putArray("TagResource");
        for (String[] row : Paging.byToken(fake, p, rows, body)) {
            list.addObject().put("ResourceId", row[0]).put("ResourceType", type).put("TagKey", row[1]).put("TagValue", row[2]);
        }
        return body;
    }
}
