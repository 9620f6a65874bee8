package io.multicloud.driver.azure.fake;

import static io.multicloud.driver.azure.fake.AzureFake.NODES;
import static io.multicloud.driver.azure.fake.AzureFake.refuse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.testkit.fake.FakeRequest;
import io.multicloud.testkit.fake.FakeResponse;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The fake's Microsoft.ContainerService: AKS managed clusters and their agent pools, kept in the
 * cluster's {@code agentPoolProfiles} as AKS shows them; a pool's subnet must exist, the
 * Kubernetes version must be one AKS offers; creates, scales and deletes are long-running.
 */
final class AksFake {
    static final String CLUSTER = "Microsoft.ContainerService/managedClusters";
    static final String NS = "Microsoft.ContainerService";
    private static final List<String> VERSIONS = List.of("1.29.11", "1.30.7", "1.31.3");

    private final AzureFake fake;

    AksFake(AzureFake fake) {
        this.fake = fake;
    }

    void register(AzureFake.Routes routes) {
        routes.op("ManagedClusters_ListByResourceGroup", r -> fake.page(r, NetworkFake.copies(fake.state.inGroup(fake.group(r), CLUSTER))));
        routes.op("ManagedClusters_List", r -> fake.page(r, NetworkFake.copies(fake.state.all(CLUSTER))));
        routes.op("ManagedClusters_Get", r -> FakeResponse.ok(cluster(r).deepCopy()));
        routes.op("ManagedClusters_CreateOrUpdate", this::putCluster);
        routes.op("ManagedClusters_Delete", r -> {
            ObjectNode c = cluster(r);
            ((ObjectNode) c.path("properties")).put("provisioningState", "Deleting");
            return fake.longRunning(r, 202, null, NS, () -> fake.state.remove(c.path("id").asText()));
        });
        routes.op("AgentPools_List", r -> {
            ObjectNode c = cluster(r);
            List<ObjectNode> pools = new java.util.ArrayList<>();
            c.path("properties").path("agentPoolProfiles").forEach(p -> pools.add(poolView(c, (ObjectNode) p)));
            return fake.page(r, pools);
        });
        routes.op("AgentPools_Get", r -> {
            ObjectNode c = cluster(r);
            return FakeResponse.ok(poolView(c, profile(c, r.path("agentPoolName"))
                    .orElseThrow(() -> AzureFake.notFound("agentPools", r.path("agentPoolName")))));
        });
        routes.op("AgentPools_CreateOrUpdate", this::putPool);
        routes.op("AgentPools_Delete", r -> {
            ObjectNode c = cluster(r);
            ObjectNode p = profile(c, r.path("agentPoolName")).orElseThrow(() -> AzureFake.notFound("agentPools", r.path("agentPoolName")));
            if ("System".equals(p.path("mode").asText()) && systemPools(c) == 1) {
                throw refuse(400, "OperationNotAllowed", "Cannot delete the last system node pool " + p.path("name").asText() + ".");
            }
            p.put("provisioningState", "Deleting");
            return fake.longRunning(r, 202, null, NS, () -> {
                ArrayNode profiles = (ArrayNode) c.path("properties").path("agentPoolProfiles");
                for (int i = 0; i < profiles.size(); i++) {
                    if (profiles.get(i) == p) {
                        profiles.remove(i);
                        break;
                    }
                }
            });
        });
    }

    private ObjectNode cluster(FakeRequest r) {
        ObjectNode group = fake.group(r);
        String name = r.path("resourceName");
        return fake.state.get(fake.state.id(group, CLUSTER, name)).orElseThrow(() -> AzureFake.notFound(CLUSTER, name));
    }

    private static int systemPools(ObjectNode c) {
        int n = 0;
        for (JsonNode p : c.path("properties").path("agentPoolProfiles")) {
            n += "System".equals(p.path("mode").asText()) ? 1 : 0;
        }
        return n;
    }

    private static Optional<ObjectNode> profile(ObjectNode c, String name) {
        for (JsonNode p : c.path("properties").path("agentPoolProfiles")) {
            if (p.path("name").asText().equalsIgnoreCase(name)) {
                return Optional.of((ObjectNode) p);
            }
        }
        return Optional.empty();
    }

    private static ObjectNode poolView(ObjectNode c, ObjectNode profile) {
        ObjectNode view = NODES.objectNode().put("id", c.path("id").asText() + "/agentPools/" + profile.path("name").asText())
                .put("name", profile.path("name").asText()).put("type", CLUSTER + "/agentPools");
        ObjectNode props = profile.deepCopy();
        props.remove("name");
        view.set("properties", props);
        return view;
    }

    private ObjectNode makeProfile(String name, JsonNode given, String version) {
        String subnetId = given.path("vnetSubnetID").asText(null);
        if (subnetId != null && fake.network.subnetById(subnetId).isEmpty()) {
            throw refuse(400, "InvalidParameter", "The subnet " + subnetId + " of agent pool " + name + " was not found.");
        }
        ObjectNode p = NODES.objectNode().put("name", name).put("count", given.path("count").asInt(1))
                .put("vmSize", given.path("vmSize").asText("Standard_DS2_v2")).put("osDiskSizeGB", given.path("osDiskSizeGB").asInt(128))
                .put("maxPods", 30).put("osType", given.path("osType").asText("Linux")).put("osSKU", "Ubuntu")
                .put("type", "VirtualMachineScaleSets").put("mode", given.path("mode").asText("User"))
                .put("orchestratorVersion", version).put("currentOrchestratorVersion", version)
                .put("enableAutoScaling", given.path("enableAutoScaling").asBoolean(false))
                .put("provisioningState", "Creating").put("nodeImageVersion", "AKSUbuntu-2204gen2containerd-202411.12.0");
        if (subnetId != null) {
            p.put("vnetSubnetID", subnetId);
        }
        if (p.path("enableAutoScaling").asBoolean()) {
            p.put("minCount", given.path("minCount").asInt(1)).put("maxCount", given.path("maxCount").asInt(1));
        }
        p.putObject("powerState").put("code", "Running");
        return p;
    }

    private FakeResponse putCluster(FakeRequest r) {
        ObjectNode group = fake.group(r);
        ObjectNode body = AzureFake.body(r);
        String name = r.path("resourceName");
        String id = fake.state.id(group, CLUSTER, name);
        Optional<ObjectNode> existing = fake.state.get(id);
        if (existing.isPresent()) {
            throw refuse(409, "OperationNotAllowed", "The fake takes updates of a cluster through its agent pools only.");
        }
        JsonNode given = body.path("properties");
        String version = given.path("kubernetesVersion").asText(VERSIONS.get(1));
        String exact = VERSIONS.stream().filter(v -> v.equals(version) || v.startsWith(version + ".")).findFirst()
                .orElseThrow(() -> refuse(400, "AgentPoolK8sVersionNotSupported", "Version " + version + " is not supported in this region."));
        if (!given.path("agentPoolProfiles").isArray() || given.path("agentPoolProfiles").isEmpty()) {
            throw refuse(400, "InvalidParameter", "A managed cluster needs at least one agent pool.");
        }
        ObjectNode c = NODES.objectNode().put("id", id).put("name", name).put("type", CLUSTER)
                .put("location", body.path("location").asText(group.path("location").asText()));
        if (body.has("tags")) {
            c.set("tags", body.get("tags").deepCopy());
        }
        c.putObject("sku").put("name", "Base").put("tier", "Free");
        c.putObject("identity").put("type", "SystemAssigned").put("principalId", UUID.randomUUID().toString())
                .put("tenantId", AzureFake.TENANT);
        ObjectNode props = c.putObject("properties").put("provisioningState", "Creating").put("kubernetesVersion", exact)
                .put("currentKubernetesVersion", exact).put("dnsPrefix", given.path("dnsPrefix").asText(name))
                .put("fqdn", given.path("dnsPrefix").asText(name) + "-" + Integer.toHexString(name.hashCode()) + ".hcp.eastus.azmk8s.io")
                .put("nodeResourceGroup", "MC_" + group.path("name").asText() + "_" + name + "_eastus").put("enableRBAC", true)
                .put("maxAgentPools", 100);
        props.putObject("powerState").put("code", "Running");
        ArrayNode profiles = props.putArray("agentPoolProfiles");
        for (JsonNode p : given.path("agentPoolProfiles")) {
            profiles.add(makeProfile(p.path("name").asText(), p, exact));
        }
        if (systemPools(c) == 0) {
            throw refuse(400, "InvalidParameter", "A managed cluster needs a system node pool.");
        }
        props.putObject("networkProfile").put("networkPlugin", given.path("networkProfile").path("networkPlugin").asText("kubenet"))
                .put("serviceCidr", "10.250.0.0/16").put("dnsServiceIP", "10.250.0.10").put("loadBalancerSku", "standard")
                .put("outboundType", "loadBalancer");
        fake.state.put(c);
        return fake.longRunning(r, 201, c.deepCopy(), NS, () -> {
            props.put("provisioningState", "Succeeded");
            profiles.forEach(p -> ((ObjectNode) p).put("provisioningState", "Succeeded"));
        });
    }

    private FakeResponse putPool(FakeRequest r) {
        ObjectNode c = cluster(r);
        String name = r.path("agentPoolName");
        JsonNode given = AzureFake.body(r).path("properties");
        Optional<ObjectNode> existing = profile(c, name);
        ObjectNode p;
        if (existing.isPresent()) {
            p = existing.get();
            p.put("count", given.path("count").asInt(p.path("count").asInt())).put("provisioningState", "Scaling");
            boolean autoscale = given.path("enableAutoScaling").asBoolean(false);
            p.put("enableAutoScaling", autoscale);
            if (autoscale) {
                p.put("minCount", given.path("minCount").asInt(1)).put("maxCount", given.path("maxCount").asInt(1));
            } else {
                p.remove("minCount");
                p.remove("maxCount");
            }
        } else {
            p = makeProfile(name, given, c.path("properties").path("currentKubernetesVersion").asText());
            ((ArrayNode) c.path("properties").path("agentPoolProfiles")).add(p);
        }
        ObjectNode pool = p;
        return fake.longRunning(r, existing.isPresent() ? 200 : 201, poolView(c, p), NS, () -> pool.put("provisioningState", "Succeeded"));
    }
}
