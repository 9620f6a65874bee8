package io.multicloud.driver.alibaba.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.api.Cidr;
import io.multicloud.testkit.fake.FakeClock;
import io.multicloud.testkit.fake.FakeError;
import io.multicloud.testkit.fake.FakeRequest;
import io.multicloud.testkit.fake.FakeResponse;
import io.multicloud.testkit.fake.Store;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import static io.multicloud.driver.alibaba.fake.AlibabaFake.JSON;

/**
 * The ACK (CS, {@code 2015-12-15}) API's state, served REST-style: clusters that go
 * {@code initial} → {@code running} a few requests after CreateCluster and {@code deleting} → gone
 * after DeleteCluster; node pools that go {@code initial} → {@code active}, {@code scaling} (or
 * {@code updating}) → {@code active} after ModifyClusterNodePool and {@code deleting} → gone, their
 * node count following the desired size; the security group ACK makes for a cluster given none
 * (in the ECS part, so the VPC cannot go before the cluster); the tag {@code ack.aliyun.com} ACK
 * puts on its clusters; Kubernetes versions. Node pools are added to running clusters only, as ACK
 * refuses them otherwise ({@code ErrorClusterState}).
 *
 * <p>The metadata documents no error codes for ACK; the fake answers the codes ACK is known to
 * use ({@code ErrorClusterNotFound}, {@code ErrorNodePoolNotFound}, {@code ErrorClusterState},
 * {@code InvalidParameter}) in ACK's error body ({@code code}, {@code message},
 * {@code requestId}, {@code status}).
 */
final class CsFake {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The Kubernetes releases ACK offers in the fake. */
    static final List<String> VERSIONS = List.of("1.28.9-aliyun.1", "1.30.1-aliyun.1", "1.30.7-aliyun.1", "1.31.1-aliyun.1");
    static final String AUTO_GROUP = "alicloud-cs-auto-created-security-group-";
    /** Requests served while a new cluster is {@code initial} (ACK takes minutes). */
    static final int CREATE_STEPS = 20;

    static final class Cluster {
        String id;
        String name;
        String type;
        String profile;
        String spec;
        String state = "initial";
        String version;
        String vpcId;
        List<String> switchIds;
        String groupId;
        boolean ownGroup;
        String podCidr;
        String serviceCidr;
        boolean publicEndpoint;
        String created = now();
        String updated = created;
        final Map<String, String> tags = new LinkedHashMap<>();
        final Map<String, Pool> pools = new LinkedHashMap<>();
    }

    static final class Pool {
        String id;
        String name;
        String state = "initial";
        List<String> types;
        List<String> switchIds;
        long desired;
        long nodes;
        boolean autoscale;
        Long min;
        Long max;
        String imageId;
        String keyPair;
        String diskCategory;
        long diskSize = 120;
        String created = now();
        String updated = created;
    }

    private final AlibabaFake fake;
    private final FakeClock clock;
    final Store<Cluster> clusters = new Store<>();

    CsFake(AlibabaFake fake, FakeClock clock) {
        this.fake = fake;
        this.clock = clock;
    }

    private static String now() {
        return OffsetDateTime.now(ZoneOffset.ofHours(8)).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String hex32() {
        byte[] b = new byte[16];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** A request as a handler sees it: the path variables, the query and the JSON body. */
    record Call(FakeRequest request, JsonNode body) {
        String path(String name) {
            return request.path(name);
        }

        String query(String name) {
            return request.query(name).orElse(null);
        }

        /** A query parameter holding a JSON array (ACK's style for lists in the query). */
        List<String> jsonQuery(String name) {
            String v = query(name);
            List<String> out = new ArrayList<>();
            if (v == null || v.isEmpty()) {
                // Older SDKs (cs20151215 3.0.x) send such a list repeated: name.1, name.2, ...
                for (int i = 1; request.query(name + "." + i).isPresent(); i++) {
                    out.add(request.query(name + "." + i).orElseThrow());
                }
                return out;
            }
            try {
                for (JsonNode n : MAPPER.readTree(v)) {
                    out.add(n.isTextual() ? n.asText() : n.toString());
                }
            } catch (IOException e) {
                throw error(400, "InvalidParameter", "The parameter " + name + " is not a JSON array.");
            }
            return out;
        }
    }

    Function<Call, JsonNode> handler(String action) {
        return switch (action) {
            case "CreateCluster" -> this::createCluster;
            case "DescribeClustersV1" -> this::describeClusters;
            case "DescribeClusterDetail" -> c -> clusterJson(requireCluster(c.path("ClusterId")), JSON.objectNode());
            case "DeleteCluster" -> this::deleteCluster;
            case "CreateClusterNodePool" -> this::createPool;
            case "DescribeClusterNodePools" -> this::describePools;
            case "ModifyClusterNodePool" -> this::modifyPool;
            case "DeleteClusterNodepool" -> this::deletePool;
            case "DescribeKubernetesVersionMetadata" -> this::versions;
            case "TagResources" -> this::tagResources;
            case "UntagResources" -> this::untagResources;
            case "ListTagResources" -> this::listTagResources;
            default -> null;
        };
    }

    /** ACK's error answer. */
    static FakeResponse errorResponse(int status, String code, String message) {
        ObjectNode body = JSON.objectNode();
        body.put("code", code).put("message", message).put("requestId", UUID.randomUUID().toString().toUpperCase()).put("status", status);
        return FakeResponse.json(status, body);
    }

    static FakeError error(int status, String code, String message) {
        return new FakeError(errorResponse(status, code, message));
    }

    /** Clusters on this VSwitch (a VSwitch holding one cannot be deleted). */
    int clustersOn(String switchId) {
        return clusters.values(c -> c.switchIds.contains(switchId)).size();
    }

    Cluster requireCluster(String id) {
        return clusters.require(id, () -> error(404, "ErrorClusterNotFound", "cluster " + id + " not found"));
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.path(field);
        return v.isMissingNode() || v.isNull() || v.asText().isEmpty() ? null : v.asText();
    }

    private static String required(JsonNode body, String field) {
        String v = text(body, field);
        if (v == null) {
            throw error(400, "InvalidParameter", "the parameter " + field + " is required");
        }
        return v;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private JsonNode createCluster(Call c) {
        JsonNode b = c.body();
        Cluster k = new Cluster();
        k.name = required(b, "name");
        if (!k.name.matches("[^-][\\p{L}\\p{N}-]{0,62}")) {
            throw error(400, "InvalidParameter", "the cluster name is not valid");
        }
        if (!AlibabaFake.REGION.equals(required(b, "region_id"))) {
            throw error(400, "InvalidParameter", "the region is not this endpoint's");
        }
        k.type = required(b, "cluster_type");
        if (!Set.of("Kubernetes", "ManagedKubernetes", "ExternalKubernetes").contains(k.type)) {
            throw error(400, "InvalidParameter", "cluster_type " + k.type + " is not valid");
        }
        k.profile = b.path("profile").asText("Default");
        k.spec = b.path("cluster_spec").asText("ack.standard");
        VpcFake.Vpc vpc = fake.vpc.vpcs.require(required(b, "vpcid"), () -> error(400, "InvalidParameter", "the VPC does not exist"));
        k.vpcId = vpc.id;
        k.switchIds = strings(b.path("vswitch_ids"));
        if (k.switchIds.isEmpty()) {
            throw error(400, "InvalidParameter", "the parameter vswitch_ids is required");
        }
        for (String s : k.switchIds) {
            VpcFake.VSwitch sw = fake.vpc.switches.require(s, () -> error(400, "InvalidParameter", "the vswitch " + s + " does not exist"));
            if (!sw.vpcId.equals(vpc.id)) {
                throw error(400, "InvalidParameter", "the vswitch " + s + " is not in the VPC " + vpc.id);
            }
        }
        Cidr block = Cidr.parse(vpc.cidr);
        k.serviceCidr = required(b, "service_cidr");
        k.podCidr = text(b, "container_cidr");
        boolean terway = b.path("addons").findValuesAsText("name").stream().anyMatch(n -> n.startsWith("terway"));
        if (k.podCidr == null && !terway) {
            throw error(400, "InvalidParameter", "container_cidr is required for a Flannel cluster");
        }
        if (block.overlaps(Cidr.parse(k.serviceCidr)) || (k.podCidr != null && (block.overlaps(Cidr.parse(k.podCidr))
                || Cidr.parse(k.podCidr).overlaps(Cidr.parse(k.serviceCidr))))) {
            throw error(400, "InvalidParameter", "the pod and service blocks must not overlap the VPC's or each other");
        }
        k.version = b.hasNonNull("kubernetes_version") ? b.get("kubernetes_version").asText() : VERSIONS.getLast();
        if (!VERSIONS.contains(k.version)) {
            throw error(400, "InvalidParameter", "the Kubernetes version " + k.version + " is not supported");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        b.path("tags").forEach(t -> tags.put(t.path("key").asText(), t.path("value").asText("")));
        TagRules.add(k.tags, tags, new TagRules.Limits(64, true, false, "InvalidParameter", "InvalidParameter", "QuotaExceeded.Tag"));
        k.publicEndpoint = b.path("endpoint_public_access").asBoolean(false);
        k.id = "c" + hex32();
        k.tags.put("ack.aliyun.com", k.id);
        String group = text(b, "security_group_id");
        if (group != null) {
            EcsFake.Group g = fake.ecs.groups.require(group, () -> error(400, "InvalidParameter", "the security group does not exist"));
            if (!vpc.id.equals(g.vpcId)) {
                throw error(400, "InvalidParameter", "the security group is not in the VPC");
            }
            k.groupId = group;
        } else {
            EcsFake.Group g = new EcsFake.Group();
            g.id = "sg-bp1" + fake.ecs.groups.nextId();
            g.name = AUTO_GROUP + k.id;
            g.vpcId = vpc.id;
            fake.ecs.groups.put(g.id, g);
            k.groupId = g.id;
            k.ownGroup = true;
        }
        clusters.put(k.id, k);
        clock.later(CREATE_STEPS, () -> {
            if (k.state.equals("initial")) {
                k.state = "running";
                k.updated = now();
            }
        });
        return JSON.objectNode().put("cluster_id", k.id).put("request_id", UUID.randomUUID().toString().toUpperCase())
                .put("task_id", "T-" + hex32().substring(0, 24));
    }

    private ObjectNode clusterJson(Cluster k, ObjectNode o) {
        String endpoint = "{\"api_server_endpoint\":\"" + (k.publicEndpoint ? "https://47.97.1." + (k.id.hashCode() & 0x7f) + ":6443" : "")
                + "\",\"intranet_api_server_endpoint\":\"https://192.168.0.251:6443\"}";
        o.put("cluster_id", k.id).put("cluster_type", k.type).put("name", k.name).put("state", k.state).put("region_id", AlibabaFake.REGION)
                .put("zone_id", AlibabaFake.ZONE).put("vpc_id", k.vpcId).put("vswitch_id", String.join(",", k.switchIds))
                .put("security_group_id", k.groupId).put("init_version", k.version).put("current_version", k.version)
                .put("created", k.created).put("updated", k.updated).put("profile", k.profile).put("cluster_spec", k.spec)
                .put("network_mode", "vpc").put("subnet_cidr", k.podCidr == null ? "" : k.podCidr).put("deletion_protection", false)
                .put("private_zone", false).put("resource_group_id", "rg-acfmxazb4ph6aiy").put("master_url", endpoint)
                .put("size", k.pools.values().stream().mapToLong(p -> p.nodes).sum())
                .put("meta_data", "{\"Addons\":[{\"name\":\"flannel\"}],\"ServiceCIDR\":\"" + k.serviceCidr + "\"}");
        ArrayNode tags = o.putArray("tags");
        k.tags.forEach((key, v) -> tags.addObject().put("key", key).put("value", v));
        return o;
    }

    private JsonNode describeClusters(Call c) {
        String name = c.query("name");
        String type = c.query("cluster_type");
        String region = c.query("region_id");
        List<Cluster> all = clusters.values(k -> (name == null || k.name.equals(name)) && (type == null || k.type.equals(type))
                && (region == null || region.equals(AlibabaFake.REGION)));
        int size = Math.min(fake.pageSize, Math.max(1, c.query("page_size") == null ? 10 : Integer.parseInt(c.query("page_size"))));
        int number = Math.max(1, c.query("page_number") == null ? 1 : Integer.parseInt(c.query("page_number")));
        int from = Math.min(all.size(), (number - 1) * size);
        ObjectNode body = JSON.objectNode();
        ArrayNode list = body.putArray("clusters");
        all.subList(from, Math.min(all.size(), from + size)).forEach(k -> clusterJson(k, list.addObject()));
        body.putObject("page_info").put("page_number", number).put("page_size", size).put("total_count", all.size());
        return body;
    }

    private JsonNode deleteCluster(Call c) {
        Cluster k = requireCluster(c.path("ClusterId"));
        if (!k.state.equals("deleting")) {
            k.state = "deleting";
            k.pools.values().forEach(p -> p.state = "deleting");
            clock.later(EcsFake.STEPS, () -> {
                clusters.remove(k.id);
                if (k.ownGroup) {
                    fake.ecs.groups.remove(k.groupId);
                }
            });
        }
        return JSON.objectNode().put("cluster_id", k.id).put("request_id", UUID.randomUUID().toString().toUpperCase())
                .put("task_id", "T-" + hex32().substring(0, 24));
    }

    private Cluster requireRunning(String id) {
        Cluster k = requireCluster(id);
        if (!k.state.equals("running")) {
            throw error(400, "ErrorClusterState", "the cluster is " + k.state + ", not running");
        }
        return k;
    }

    private JsonNode createPool(Call c) {
        Cluster k = requireRunning(c.path("ClusterId"));
        JsonNode b = c.body();
        Pool p = new Pool();
        p.name = required(b.path("nodepool_info"), "name");
        JsonNode sg = b.path("scaling_group");
        if (sg.isMissingNode()) {
            throw error(400, "InvalidParameter", "the parameter scaling_group is required");
        }
        p.switchIds = strings(sg.path("vswitch_ids"));
        p.types = strings(sg.path("instance_types"));
        required(sg, "instance_charge_type");
        if (p.switchIds.isEmpty() || p.types.isEmpty()) {
            throw error(400, "InvalidParameter", "vswitch_ids and instance_types are required");
        }
        for (String s : p.switchIds) {
            fake.vpc.switches.find(s).filter(x -> x.vpcId.equals(k.vpcId))
                    .orElseThrow(() -> error(400, "InvalidParameter", "the vswitch " + s + " is not in the cluster's VPC"));
        }
        for (String t : p.types) {
            if (EcsFake.TYPES.stream().noneMatch(x -> x.id().equals(t))) {
                throw error(400, "InvalidParameter", "the instance type " + t + " is not on sale");
            }
        }
        p.keyPair = text(sg, "key_pair");
        String password = text(sg, "login_password");
        if (p.keyPair == null && password == null) {
            throw error(400, "InvalidParameter", "one of key_pair and login_password is required");
        }
        if (p.keyPair != null) {
            fake.ecs.keys.require(p.keyPair, () -> error(400, "InvalidParameter", "the key pair " + p.keyPair + " does not exist"));
        }
        if (password != null && (password.length() < 8 || password.length() > 30 || kinds(password) < 3)) {
            throw error(400, "InvalidParameter", "the login password breaks the password rules");
        }
        p.imageId = text(sg, "image_id");
        p.diskCategory = sg.path("system_disk_category").asText("cloud_efficiency");
        p.diskSize = sg.path("system_disk_size").asLong(120);
        if (p.diskSize < 20 || p.diskSize > 20248) {
            throw error(400, "InvalidParameter", "system_disk_size is out of range");
        }
        applySizes(p, b.path("auto_scaling"), sg.has("desired_size") ? sg.path("desired_size").asLong() : b.path("count").asLong(0));
        p.id = "np" + hex32();
        k.pools.put(p.id, p);
        clock.later(EcsFake.STEPS, () -> {
            if (p.state.equals("initial")) {
                p.state = "active";
                p.nodes = p.desired;
            }
        });
        return JSON.objectNode().put("nodepool_id", p.id).put("task_id", "T-" + hex32().substring(0, 24))
                .put("request_id", UUID.randomUUID().toString().toUpperCase());
    }

    private static int kinds(String password) {
        int n = 0;
        n += password.chars().anyMatch(Character::isLowerCase) ? 1 : 0;
        n += password.chars().anyMatch(Character::isUpperCase) ? 1 : 0;
        n += password.chars().anyMatch(Character::isDigit) ? 1 : 0;
        n += password.chars().anyMatch(ch -> !Character.isLetterOrDigit(ch)) ? 1 : 0;
        return n;
    }

    private static void applySizes(Pool p, JsonNode auto, long desired) {
        if (!auto.isMissingNode()) {
            p.autoscale = auto.path("enable").asBoolean(false);
            p.min = auto.has("min_instances") ? auto.get("min_instances").asLong() : p.min;
            p.max = auto.has("max_instances") ? auto.get("max_instances").asLong() : p.max;
            if (p.autoscale && p.min != null && p.max != null && p.min > p.max) {
                throw error(400, "InvalidParameter", "min_instances is above max_instances");
            }
        }
        if (desired < 0 || (p.autoscale && p.min != null && p.max != null && (desired < p.min || desired > p.max))) {
            throw error(400, "InvalidParameter", "desired_size " + desired + " is outside the pool's bounds");
        }
        p.desired = desired;
    }

    private Pool requirePool(Cluster k, String id) {
        Pool p = k.pools.get(id);
        if (p == null) {
            throw error(404, "ErrorNodePoolNotFound", "node pool " + id + " not found");
        }
        return p;
    }

    private JsonNode describePools(Call c) {
        Cluster k = requireCluster(c.path("ClusterId"));
        String name = c.query("NodepoolName");
        ObjectNode body = JSON.objectNode();
        ArrayNode list = body.putArray("nodepools");
        for (Pool p : k.pools.values()) {
            if (name != null && !name.equals(p.name)) {
                continue;
            }
            ObjectNode o = list.addObject();
            o.putObject("nodepool_info").put("nodepool_id", p.id).put("name", p.name).put("type", "ess").put("is_default", false)
                    .put("region_id", AlibabaFake.REGION).put("resource_group_id", "rg-acfmxazb4ph6aiy").put("created", p.created)
                    .put("updated", p.updated);
            o.putObject("status").put("state", p.state).put("total_nodes", p.nodes).put("healthy_nodes", p.nodes)
                    .put("serving_nodes", p.nodes).put("initial_nodes", Math.max(0, p.desired - p.nodes)).put("failed_nodes", 0)
                    .put("offline_nodes", 0).put("removing_nodes", Math.max(0, p.nodes - p.desired));
            ObjectNode auto = o.putObject("auto_scaling").put("enable", p.autoscale).put("type", "cpu");
            if (p.min != null) {
                auto.put("min_instances", p.min);
            }
            if (p.max != null) {
                auto.put("max_instances", p.max);
            }
            ObjectNode sg = o.putObject("scaling_group").put("scaling_group_id", "asg-" + p.id.substring(2, 22))
                    .put("instance_charge_type", "PostPaid").put("system_disk_category", p.diskCategory)
                    .put("system_disk_size", p.diskSize).put("desired_size", p.desired).put("security_group_id", k.groupId)
                    .put("multi_az_policy", "BALANCE").put("platform", "AliyunLinux").put("image_type", "AliyunLinux3");
            sg.putArray("vswitch_ids").addAll(p.switchIds.stream().map(JSON::textNode).toList());
            sg.putArray("instance_types").addAll(p.types.stream().map(JSON::textNode).toList());
            sg.putArray("security_group_ids").add(k.groupId);
            if (p.imageId != null) {
                sg.put("image_id", p.imageId);
            }
            if (p.keyPair != null) {
                sg.put("key_pair", p.keyPair);
            }
            o.putObject("kubernetes_config").put("runtime", "containerd").put("runtime_version", "1.6.28").put("cms_enabled", false);
        }
        return body;
    }

    private JsonNode modifyPool(Call c) {
        Cluster k = requireRunning(c.path("ClusterId"));
        Pool p = requirePool(k, c.path("NodepoolId"));
        if (!p.state.equals("active")) {
            throw error(400, "ErrorClusterState", "the node pool is " + p.state + ", not active");
        }
        JsonNode b = c.body();
        long desired = b.path("scaling_group").has("desired_size") ? b.path("scaling_group").path("desired_size").asLong() : p.desired;
        applySizes(p, b.path("auto_scaling"), desired);
        p.state = p.nodes == p.desired ? "updating" : "scaling";
        p.updated = now();
        clock.later(EcsFake.STEPS, () -> {
            if (!p.state.equals("deleting")) {
                p.state = "active";
                p.nodes = p.desired;
            }
        });
        return JSON.objectNode().put("nodepool_id", p.id).put("task_id", "T-" + hex32().substring(0, 24))
                .put("request_id", UUID.randomUUID().toString().toUpperCase());
    }

    private JsonNode deletePool(Call c) {
        Cluster k = requireCluster(c.path("ClusterId"));
        Pool p = requirePool(k, c.path("NodepoolId"));
        if (p.nodes > 0 && !"true".equals(c.query("force"))) {
            throw error(400, "ErrorClusterState", "the node pool has nodes; remove them first or force the deletion");
        }
        if (!p.state.equals("deleting")) {
            p.state = "deleting";
            clock.later(EcsFake.STEPS, () -> k.pools.remove(p.id));
        }
        return JSON.objectNode().put("task_id", "T-" + hex32().substring(0, 24)).put("request_id", UUID.randomUUID().toString().toUpperCase());
    }

    private JsonNode versions(Call c) {
        if (c.query("Region") == null || c.query("ClusterType") == null) {
            throw error(400, "InvalidParameter", "Region and ClusterType are required");
        }
        ArrayNode list = JSON.arrayNode();
        for (String v : VERSIONS) {
            ObjectNode o = list.addObject().put("version", v).put("release_date", "2024-01-01T00:00:00Z")
                    .put("expiration_date", "2026-01-01T00:00:00Z").put("creatable", true);
            o.putArray("runtimes").addObject().put("name", "containerd").put("version", "1.6.28");
            o.putArray("images").addObject().put("image_id", "aliyun_3_x64_20G_alibase_20240528.vhd").put("image_name", "Alibaba Cloud Linux 3")
                    .put("platform", "AliyunLinux").put("os_type", "Linux").put("image_type", "AliyunLinux3").put("architecture", "x86_64");
        }
        return list;
    }

    // ---- tags ----

    private Cluster tagged(String type, String id) {
        if (!"CLUSTER".equals(type)) {
            throw error(400, "InvalidParameter", "resource_type must be CLUSTER");
        }
        return requireCluster(id);
    }

    private JsonNode tagResources(Call c) {
        JsonNode b = c.body();
        Map<String, String> tags = new LinkedHashMap<>();
        b.path("tags").forEach(t -> tags.put(t.path("key").asText(), t.path("value").asText("")));
        if (tags.isEmpty()) {
            throw error(400, "InvalidParameter", "tags are required");
        }
        for (String id : strings(b.path("resource_ids"))) {
            TagRules.add(tagged(required(b, "resource_type"), id).tags, tags, TagRules.CS);
        }
        return JSON.objectNode().put("RequestId", UUID.randomUUID().toString().toUpperCase());
    }

    private JsonNode untagResources(Call c) {
        for (String id : c.jsonQuery("resource_ids")) {
            Cluster k = tagged(c.query("resource_type"), id);
            List<String> keys = c.jsonQuery("tag_keys");
            if (keys.isEmpty() && "true".equals(c.query("all"))) {
                k.tags.keySet().removeIf(key -> !key.equals("ack.aliyun.com"));
            }
            keys.forEach(k.tags::remove);
        }
        return JSON.objectNode().put("RequestId", UUID.randomUUID().toString().toUpperCase());
    }

    private JsonNode listTagResources(Call c) {
        String type = c.query("resource_type");
        List<String> ids = c.jsonQuery("resource_ids");
        Map<String, String> filter = new LinkedHashMap<>();
        String tags = c.query("tags");
        if (tags != null && !tags.isEmpty()) {
            try {
                MAPPER.readTree(tags).forEach(t -> filter.put(t.path("key").asText(), t.path("value").asText("")));
            } catch (IOException e) {
                throw error(400, "InvalidParameter", "tags is not a JSON array");
            }
        }
        List<String[]> rows = new ArrayList<>();
        for (Cluster k : clusters.values()) {
            if ((ids.isEmpty() || ids.contains(k.id)) && TagRules.matches(tagged(type, k.id).tags, filter)) {
                k.tags.forEach((key, v) -> rows.add(new String[]{k.id, key, v}));
            }
        }
        int from = 0;
        String token = c.query("next_token");
        if (token != null && !token.isEmpty()) {
            try {
                from = Integer.parseInt(token.substring(token.indexOf(':') + 1));
            } catch (RuntimeException e) {
                throw error(400, "InvalidParameter", "next_token is not valid");
            }
        }
        int to = Math.min(rows.size(), from + fake.pageSize);
        ObjectNode body = JSON.objectNode().put("request_id", UUID.randomUUID().toString().toUpperCase())
                .put("next_token", to < rows.size() ? "tags:" + to : "");
        ArrayNode list = body.putObject("tag_resources").putArray("tag_resource");
        rows.subList(Math.min(from, rows.size()), to).forEach(r -> list.addObject().put("resource_id", r[0]).put("resource_type", type)
                .put("tag_key", r[1]).put("tag_value", r[2]));
        return body;
    }
}
