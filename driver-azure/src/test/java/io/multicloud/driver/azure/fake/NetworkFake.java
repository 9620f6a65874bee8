package io.multicloud.driver.azure.fake;

import static io.multicloud.driver.azure.fake.AzureFake.NODES;
import static io.multicloud.driver.azure.fake.AzureFake.refuse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.testkit.fake.FakeRequest;
import io.multicloud.testkit.fake.FakeResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The fake's Microsoft.Network: virtual networks and their subnets, network security groups and
 * their rules, NICs and public IPs (made by VMs), with ARM's refusals: a subnet or network whose
 * subnet holds NICs ({@code InUseSubnetCannotBeDeleted}), an NSG a NIC uses
 * ({@code InUseNetworkSecurityGroupCannotBeDeleted}), a NIC attached to a VM ({@code NicInUse}),
 * a public IP in use ({@code PublicIPAddressInUse}). Private addresses are given in order from the
 * subnet's block, after the 4 Azure keeps.
 */
final class NetworkFake {
    static final String VNET = "Microsoft.Network/virtualNetworks";
    static final String NSG = "Microsoft.Network/networkSecurityGroups";
    static final String NIC = "Microsoft.Network/networkInterfaces";
    static final String PIP = "Microsoft.Network/publicIPAddresses";
    static final String LB = "Microsoft.Network/loadBalancers";
    static final String NS = "Microsoft.Network";

    private final AzureFake fake;
    private final Map<String, Integer> nextHost = new HashMap<>();
    private int nextPublic = 10;

    NetworkFake(AzureFake fake) {
        this.fake = fake;
        fake.network = this;
    }

    void register(AzureFake.Routes routes) {
        routes.op("VirtualNetworks_List", r -> fake.page(r, copies(fake.state.inGroup(fake.group(r), VNET))));
        routes.op("VirtualNetworks_ListAll", r -> fake.page(r, copies(fake.state.all(VNET))));
        routes.op("NetworkSecurityGroups_ListAll", r -> fake.page(r, copies(fake.state.all(NSG))));
        routes.op("NetworkInterfaces_ListAll", r -> fake.page(r, copies(fake.state.all(NIC))));
        routes.op("PublicIPAddresses_ListAll", r -> fake.page(r, copies(fake.state.all(PIP))));
        routes.op("LoadBalancers_ListAll", r -> fake.page(r, copies(fake.state.all(LB))));
        routes.op("VirtualNetworks_Get", r -> FakeResponse.ok(require(r, VNET, "virtualNetworkName").deepCopy()));
        routes.op("VirtualNetworks_CreateOrUpdate", this::putVnet);
        routes.op("VirtualNetworks_Delete", r -> {
            ObjectNode vnet = require(r, VNET, "virtualNetworkName");
            for (JsonNode subnet : vnet.path("properties").path("subnets")) {
                refuseInUse(subnet);
            }
            return delete(r, vnet);
        });
        routes.op("Subnets_Get", r -> FakeResponse.ok(subnet(require(r, VNET, "virtualNetworkName"), r.path("subnetName")).deepCopy()));
        routes.op("Subnets_CreateOrUpdate", this::putSubnet);
        routes.op("Subnets_Delete", r -> {
            ObjectNode vnet = require(r, VNET, "virtualNetworkName");
            ObjectNode subnet = subnet(vnet, r.path("subnetName"));
            refuseInUse(subnet);
            ArrayNode subnets = (ArrayNode) vnet.path("properties").path("subnets");
            for (int i = 0; i < subnets.size(); i++) {
                if (subnets.get(i).path("name").asText().equalsIgnoreCase(subnet.path("name").asText())) {
                    subnets.remove(i);
                    break;
                }
            }
            return fake.longRunning(r, 202, null, NS, null);
        });
        routes.op("NetworkSecurityGroups_List", r -> fake.page(r, copies(fake.state.inGroup(fake.group(r), NSG))));
        routes.op("NetworkSecurityGroups_Get", r -> FakeResponse.ok(require(r, NSG, "networkSecurityGroupName").deepCopy()));
        routes.op("NetworkSecurityGroups_CreateOrUpdate", this::putNsg);
        routes.op("NetworkSecurityGroups_Delete", r -> {
            ObjectNode nsg = require(r, NSG, "networkSecurityGroupName");
            String id = nsg.path("id").asText();
            boolean used = fake.state.all(NIC).stream().anyMatch(n -> id.equalsIgnoreCase(AzureFake.text(n, "/properties/networkSecurityGroup/id")));
            if (used) {
                throw refuse(400, "InUseNetworkSecurityGroupCannotBeDeleted", "Network security group " + id
                        + " cannot be deleted because it is in use by a network interface.");
            }
            return delete(r, nsg);
        });
        routes.op("SecurityRules_CreateOrUpdate", this::putRule);
        routes.op("SecurityRules_Delete", r -> {
            ObjectNode nsg = require(r, NSG, "networkSecurityGroupName");
            ArrayNode rules = (ArrayNode) nsg.path("properties").path("securityRules");
            for (int i = 0; i < rules.size(); i++) {
                if (rules.get(i).path("name").asText().equalsIgnoreCase(r.path("securityRuleName"))) {
                    rules.remove(i);
                    return fake.longRunning(r, 202, null, NS, null);
                }
            }
            return FakeResponse.empty(204);
        });
        routes.op("NetworkInterfaces_List", r -> fake.page(r, copies(fake.state.inGroup(fake.group(r), NIC))));
        routes.op("NetworkInterfaces_Get", r -> FakeResponse.ok(require(r, NIC, "networkInterfaceName").deepCopy()));
        routes.op("NetworkInterfaces_Delete", r -> {
            ObjectNode nic = require(r, NIC, "networkInterfaceName");
            if (nic.path("properties").has("virtualMachine")) {
                throw refuse(400, "NicInUse", "Network Interface " + nic.path("id").asText() + " is used by existing resource "
                        + AzureFake.text(nic, "/properties/virtualMachine/id") + ". In order to delete the network interface, it must be dissociated from the resource.");
            }
            deleteNic(nic);
            return fake.longRunning(r, 202, null, NS, null);
        });
        routes.op("PublicIPAddresses_List", r -> fake.page(r, copies(fake.state.inGroup(fake.group(r), PIP))));
        routes.op("PublicIPAddresses_Get", r -> FakeResponse.ok(require(r, PIP, "publicIpAddressName").deepCopy()));
        routes.op("PublicIPAddresses_CreateOrUpdate", this::putPublicIp);
        routes.op("LoadBalancers_List", r -> fake.page(r, copies(fake.state.inGroup(fake.group(r), LB))));
        routes.op("LoadBalancers_Get", r -> FakeResponse.ok(require(r, LB, "loadBalancerName").deepCopy()));
        routes.op("LoadBalancers_CreateOrUpdate", this::putLoadBalancer);
        routes.op("LoadBalancers_Delete", r -> {
            ObjectNode lb = require(r, LB, "loadBalancerName");
            AzureFake.object(lb, "properties").put("provisioningState", "Deleting");
            return fake.longRunning(r, 202, null, NS, () -> {
                fake.state.remove(lb.path("id").asText());
                for (JsonNode f : lb.path("properties").path("frontendIPConfigurations")) {
                    String pipId = AzureFake.text(f, "/properties/publicIPAddress/id");
                    if (pipId != null) {
                        fake.state.get(pipId).ifPresent(pip -> ((ObjectNode) pip.path("properties")).remove("ipConfiguration"));
                    }
                }
            });
        });
        routes.op("LoadBalancerBackendAddressPools_Get", r -> FakeResponse.ok(pool(require(r, LB, "loadBalancerName"),
                r.path("backendAddressPoolName")).deepCopy()));
        routes.op("LoadBalancerBackendAddressPools_CreateOrUpdate", this::putPool);
        routes.op("PublicIPAddresses_Delete", r -> {
            ObjectNode ip = require(r, PIP, "publicIpAddressName");
            if (ip.path("properties").has("ipConfiguration")) {
                throw refuse(400, "PublicIPAddressInUse", "Public IP address " + ip.path("id").asText() + " can not be deleted since it is still allocated to resource "
                        + AzureFake.text(ip, "/properties/ipConfiguration/id") + ".");
            }
            fake.state.remove(ip.path("id").asText());
            return fake.longRunning(r, 202, null, NS, null);
        });
    }

    static List<ObjectNode> copies(List<ObjectNode> items) {
        return items.stream().map(ObjectNode::deepCopy).toList();
    }

    ObjectNode require(FakeRequest r, String type, String nameVariable) {
        ObjectNode group = fake.group(r);
        String name = r.path(nameVariable);
        return fake.state.get(fake.state.id(group, type, name)).orElseThrow(() -> AzureFake.notFound(type, name));
    }

    private FakeResponse delete(FakeRequest r, ObjectNode resource) {
        AzureFake.object(resource, "properties").put("provisioningState", "Deleting");
        return fake.longRunning(r, 202, null, NS, () -> fake.state.remove(resource.path("id").asText()));
    }

    /** A new resource's frame: id, name, type, location, tags, etag. */
    ObjectNode frame(FakeRequest r, String type, String name, ObjectNode body) {
        ObjectNode group = fake.group(r);
        ObjectNode res = NODES.objectNode().put("id", fake.state.id(group, type, name)).put("name", name).put("type", type)
                .put("location", body.path("location").asText(group.path("location").asText()));
        if (body.has("tags")) {
            res.set("tags", body.get("tags").deepCopy());
        }
        res.put("etag", "W/\"" + UUID.randomUUID() + "\"");
        return res;
    }

    private FakeResponse putVnet(FakeRequest r) {
        ObjectNode body = AzureFake.body(r);
        String name = r.path("virtualNetworkName");
        ObjectNode group = fake.group(r);
        Optional<ObjectNode> existing = fake.state.get(fake.state.id(group, VNET, name));
        ObjectNode vnet = frame(r, VNET, name, body);
        ObjectNode props = vnet.putObject("properties");
        JsonNode prefixes = body.path("properties").path("addressSpace").path("addressPrefixes");
        if (!prefixes.isArray() || prefixes.isEmpty()) {
            throw refuse(400, "InvalidAddressSpace", "the virtual network needs an address space");
        }
        props.putObject("addressSpace").set("addressPrefixes", prefixes.deepCopy());
        ArrayNode subnets = props.putArray("subnets");
        for (JsonNode s : body.path("properties").path("subnets")) {
            subnets.add(subnetOf(vnet.path("id").asText(), s.path("name").asText(), s.path("properties")));
        }
        props.put("resourceGuid", existing.map(e -> e.path("properties").path("resourceGuid").asText()).orElse(UUID.randomUUID().toString()));
        props.put("provisioningState", "Updating").put("enableDdosProtection", false);
        fake.state.put(vnet);
        FakeResponse failure = AzureFake.failureAsked(vnet);
        return fake.longRunning(r, existing.isPresent() ? 200 : 201, vnet.deepCopy(), NS,
                () -> props.put("provisioningState", failure == null ? "Succeeded" : "Failed"), failure);
    }

    private static ObjectNode subnetOf(String vnetId, String name, JsonNode given) {
        ObjectNode s = NODES.objectNode().put("id", vnetId + "/subnets/" + name).put("name", name)
                .put("type", "Microsoft.Network/virtualNetworks/subnets").put("etag", "W/\"" + UUID.randomUUID() + "\"");
        ObjectNode props = s.putObject("properties");
        String prefix = given.path("addressPrefix").asText(null);
        if (prefix == null) {
            throw refuse(400, "InvalidRequestFormat", "subnet " + name + " needs an addressPrefix");
        }
        props.put("addressPrefix", prefix).put("provisioningState", "Succeeded")
                .put("privateEndpointNetworkPolicies", "Disabled").put("privateLinkServiceNetworkPolicies", "Enabled");
        if (given.has("networkSecurityGroup")) {
            props.set("networkSecurityGroup", given.get("networkSecurityGroup").deepCopy());
        }
        return s;
    }

    private FakeResponse putSubnet(FakeRequest r) {
        ObjectNode vnet = require(r, VNET, "virtualNetworkName");
        String name = r.path("subnetName");
        ObjectNode body = AzureFake.body(r);
        ArrayNode subnets = (ArrayNode) AzureFake.object(vnet, "properties").withArray("subnets");
        int at = -1;
        for (int i = 0; i < subnets.size(); i++) {
            if (subnets.get(i).path("name").asText().equalsIgnoreCase(name)) {
                at = i;
            }
        }
        ObjectNode subnet = subnetOf(vnet.path("id").asText(), name, body.path("properties"));
        if (at >= 0) {
            subnets.set(at, subnet);
        } else {
            subnets.add(subnet);
        }
        return fake.longRunning(r, at >= 0 ? 200 : 201, subnet.deepCopy(), NS, null);
    }

    private static ObjectNode subnet(ObjectNode vnet, String name) {
        for (JsonNode s : vnet.path("properties").path("subnets")) {
            if (s.path("name").asText().equalsIgnoreCase(name)) {
                return (ObjectNode) s;
            }
        }
        throw AzureFake.notFound("Microsoft.Network/virtualNetworks/subnets", name);
    }

    /** The subnet of an id, when its network exists. */
    Optional<ObjectNode> subnetById(String subnetId) {
        if (subnetId == null) {
            return Optional.empty();
        }
        int at = subnetId.toLowerCase(java.util.Locale.ROOT).indexOf("/subnets/");
        if (at < 0) {
            return Optional.empty();
        }
        return fake.state.get(subnetId.substring(0, at)).flatMap(vnet -> {
            for (JsonNode s : vnet.path("properties").path("subnets")) {
                if (s.path("id").asText().equalsIgnoreCase(subnetId)) {
                    return Optional.of((ObjectNode) s);
                }
            }
            return Optional.empty();
        });
    }

    private void refuseInUse(JsonNode subnet) {
        String id = subnet.path("id").asText();
        for (ObjectNode nic : fake.state.all(NIC)) {
            for (JsonNode ip : nic.path("properties").path("ipConfigurations")) {
                if (id.equalsIgnoreCase(AzureFake.text(ip, "/properties/subnet/id"))) {
                    throw refuse(400, "InUseSubnetCannotBeDeleted", "Subnet " + subnet.path("name").asText()
                            + " is in use by " + ip.path("id").asText() + " and cannot be deleted. In order to delete the subnet, delete all the resources within the subnet.");
                }
            }
        }
    }

    private static void succeed(ObjectNode resource) {
        AzureFake.object(resource, "properties").put("provisioningState", "Succeeded");
    }

    private FakeResponse putNsg(FakeRequest r) {
        ObjectNode body = AzureFake.body(r);
        String name = r.path("networkSecurityGroupName");
        ObjectNode group = fake.group(r);
        Optional<ObjectNode> existing = fake.state.get(fake.state.id(group, NSG, name));
        ObjectNode nsg = frame(r, NSG, name, body);
        ObjectNode props = nsg.putObject("properties");
        ArrayNode rules = props.putArray("securityRules");
        for (JsonNode rule : body.path("properties").path("securityRules")) {
            rules.add(rule(nsg.path("id").asText(), rule.path("name").asText(), rule.path("properties"), rules));
        }
        props.set("defaultSecurityRules", defaultRules(nsg.path("id").asText()));
        props.put("resourceGuid", UUID.randomUUID().toString()).put("provisioningState", "Updating");
        fake.state.put(nsg);
        return fake.longRunning(r, existing.isPresent() ? 200 : 201, nsg.deepCopy(), NS, () -> succeed(nsg));
    }

    private static ObjectNode rule(String nsgId, String name, JsonNode given, ArrayNode others) {
        for (String required : List.of("protocol", "access", "direction", "priority")) {
            if (!given.has(required)) {
                throw refuse(400, "SecurityRuleInvalidParameter", "security rule " + name + " has no " + required);
            }
        }
        int priority = given.path("priority").asInt();
        if (priority < 100 || priority > 4096) {
            throw refuse(400, "SecurityRuleInvalidPriority", "priority " + priority + " of rule " + name + " is not within 100-4096");
        }
        for (JsonNode other : others) {
            if (!other.path("name").asText().equalsIgnoreCase(name)
                    && other.path("properties").path("priority").asInt() == priority
                    && other.path("properties").path("direction").asText().equals(given.path("direction").asText())) {
                throw refuse(400, "SecurityRuleConflict", "Security rule " + name + " conflicts with rule " + other.path("name").asText()
                        + ". Rules cannot have the same Priority and Direction.");
            }
        }
        ObjectNode rule = NODES.objectNode().put("id", nsgId + "/securityRules/" + name).put("name", name)
                .put("type", "Microsoft.Network/networkSecurityGroups/securityRules").put("etag", "W/\"" + UUID.randomUUID() + "\"");
        ObjectNode props = rule.putObject("properties");
        for (String field : List.of("description", "protocol", "sourcePortRange", "destinationPortRange", "sourceAddressPrefix",
                "destinationAddressPrefix", "access", "priority", "direction")) {
            if (given.has(field)) {
                props.set(field, given.get(field).deepCopy());
            }
        }
        props.putArray("sourcePortRanges");
        props.putArray("destinationPortRanges");
        props.putArray("sourceAddressPrefixes");
        props.putArray("destinationAddressPrefixes");
        props.put("provisioningState", "Succeeded");
        return rule;
    }

    private static ArrayNode defaultRules(String nsgId) {
        ArrayNode rules = NODES.arrayNode();
        Object[][] defaults = {
            {"AllowVnetInBound", "Inbound", 65000, "VirtualNetwork", "VirtualNetwork", "Allow"},
            {"AllowAzureLoadBalancerInBound", "Inbound", 65001, "AzureLoadBalancer", "*", "Allow"},
            {"DenyAllInBound", "Inbound", 65500, "*", "*", "Deny"},
            {"AllowVnetOutBound", "Outbound", 65000, "VirtualNetwork", "VirtualNetwork", "Allow"},
            {"AllowInternetOutBound", "Outbound", 65001, "*", "Internet", "Allow"},
            {"DenyAllOutBound", "Outbound", 65500, "*", "*", "Deny"}};
        for (Object[] d : defaults) {
            ObjectNode rule = rules.addObject().put("id", nsgId + "/defaultSecurityRules/" + d[0]).put("name", (String) d[0])
                    .put("type", "Microsoft.Network/networkSecurityGroups/defaultSecurityRules");
            rule.putObject("properties").put("protocol", "*").put("sourcePortRange", "*").put("destinationPortRange", "*")
                    .put("sourceAddressPrefix", (String) d[3]).put("destinationAddressPrefix", (String) d[4])
                    .put("access", (String) d[5]).put("priority", (Integer) d[2]).put("direction", (String) d[1])
                    .put("provisioningState", "Succeeded");
        }
        return rules;
    }

    private FakeResponse putRule(FakeRequest r) {
        ObjectNode nsg = require(r, NSG, "networkSecurityGroupName");
        String name = r.path("securityRuleName");
        ArrayNode rules = (ArrayNode) AzureFake.object(nsg, "properties").withArray("securityRules");
        ObjectNode rule = rule(nsg.path("id").asText(), name, AzureFake.body(r).path("properties"), rules);
        int at = -1;
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).path("name").asText().equalsIgnoreCase(name)) {
                at = i;
            }
        }
        if (at >= 0) {
            rules.set(at, rule);
        } else {
            rules.add(rule);
        }
        return fake.longRunning(r, at >= 0 ? 200 : 201, rule.deepCopy(), NS, null);
    }

    private FakeResponse putPublicIp(FakeRequest r) {
        ObjectNode group = fake.group(r);
        ObjectNode body = AzureFake.body(r);
        String name = r.path("publicIpAddressName");
        Optional<ObjectNode> existing = fake.state.get(fake.state.id(group, PIP, name));
        if (existing.isPresent()) {
            return fake.longRunning(r, 200, existing.get().deepCopy(), NS, null);
        }
        ObjectNode config = NODES.objectNode().put("name", name);
        config.putObject("sku").put("name", body.path("sku").path("name").asText("Standard"));
        config.putObject("properties").put("publicIPAllocationMethod", body.path("properties").path("publicIPAllocationMethod").asText("Static"))
                .put("deleteOption", "Detach");
        ObjectNode pip = publicIp(group, config, body.path("location").asText(group.path("location").asText()), null);
        if (body.has("tags")) {
            pip.set("tags", body.get("tags").deepCopy());
        }
        fake.state.put(pip);
        return fake.longRunning(r, 201, pip.deepCopy(), NS, null);
    }

    /** The parts of a load balancer: frontends, pools, probes, rules, each with its id, and the references between them checked. */
    private FakeResponse putLoadBalancer(FakeRequest r) {
        ObjectNode body = AzureFake.body(r);
        String name = r.path("loadBalancerName");
        ObjectNode group = fake.group(r);
        Optional<ObjectNode> existing = fake.state.get(fake.state.id(group, LB, name));
        ObjectNode lb = frame(r, LB, name, body);
        lb.putObject("sku").put("name", body.path("sku").path("name").asText("Basic")).put("tier", "Regional");
        String id = lb.path("id").asText();
        ObjectNode props = lb.putObject("properties");
        JsonNode given = body.path("properties");
        ArrayNode frontends = props.putArray("frontendIPConfigurations");
        for (JsonNode f : given.path("frontendIPConfigurations")) {
            ObjectNode part = part(id, "frontendIPConfigurations", f, frontends);
            String pipId = AzureFake.text(f, "/properties/publicIPAddress/id");
            if (pipId != null) {
                ObjectNode pip = fake.state.get(pipId).orElseThrow(() -> refuse(400, "InvalidResourceReference",
                        "Resource " + pipId + " referenced by resource " + id + " was not found."));
                ((ObjectNode) part.path("properties")).putObject("publicIPAddress").put("id", pip.path("id").asText());
                ((ObjectNode) pip.path("properties")).putObject("ipConfiguration").put("id", part.path("id").asText());
            }
        }
        ArrayNode pools = props.putArray("backendAddressPools");
        for (JsonNode p : given.path("backendAddressPools")) {
            ObjectNode part = part(id, "backendAddressPools", p, pools);
            Optional<ObjectNode> before = existing.flatMap(e -> optionalPool(e, part.path("name").asText()));
            before.ifPresent(b -> ((ObjectNode) part.path("properties")).set("loadBalancerBackendAddresses",
                    b.path("properties").path("loadBalancerBackendAddresses").deepCopy()));
        }
        ArrayNode probes = props.putArray("probes");
        for (JsonNode p : given.path("probes")) {
            ObjectNode part = part(id, "probes", p, probes);
            if (!part.path("properties").has("port") || !part.path("properties").has("protocol")) {
                throw refuse(400, "InvalidRequestFormat", "probe " + part.path("name").asText() + " needs a protocol and a port");
            }
        }
        ArrayNode rules = props.putArray("loadBalancingRules");
        for (JsonNode rule : given.path("loadBalancingRules")) {
            ObjectNode part = part(id, "loadBalancingRules", rule, rules);
            for (String ref : List.of("frontendIPConfiguration", "backendAddressPool", "probe")) {
                String refId = AzureFake.text(part, "/properties/" + ref + "/id");
                if (refId != null && !refId.toLowerCase(java.util.Locale.ROOT).startsWith(id.toLowerCase(java.util.Locale.ROOT) + "/")) {
                    throw refuse(400, "InvalidResourceReference", "Resource " + refId + " referenced by load balancing rule is not part of " + id);
                }
            }
        }
        props.put("resourceGuid", UUID.randomUUID().toString()).put("provisioningState", "Updating");
        fake.state.put(lb);
        return fake.longRunning(r, existing.isPresent() ? 200 : 201, lb.deepCopy(), NS, () -> succeed(lb));
    }

    /** A child part as ARM shows it: id, name, type, etag and its properties with a provisioning state. */
    private static ObjectNode part(String parentId, String kind, JsonNode given, ArrayNode into) {
        String name = given.path("name").asText();
        ObjectNode part = into.addObject().put("id", parentId + "/" + kind + "/" + name).put("name", name)
                .put("type", "Microsoft.Network/loadBalancers/" + kind).put("etag", "W/\"" + UUID.randomUUID() + "\"");
        ObjectNode props = given.path("properties").isObject() ? ((ObjectNode) given.path("properties")).deepCopy() : NODES.objectNode();
        props.put("provisioningState", "Succeeded");
        part.set("properties", props);
        return part;
    }

    private static Optional<ObjectNode> optionalPool(ObjectNode lb, String name) {
        for (JsonNode p : lb.path("properties").path("backendAddressPools")) {
            if (p.path("name").asText().equalsIgnoreCase(name)) {
                return Optional.of((ObjectNode) p);
            }
        }
        return Optional.empty();
    }

    private static ObjectNode pool(ObjectNode lb, String name) {
        return optionalPool(lb, name).orElseThrow(() -> AzureFake.notFound("Microsoft.Network/loadBalancers/backendAddressPools", name));
    }

    private FakeResponse putPool(FakeRequest r) {
        ObjectNode lb = require(r, LB, "loadBalancerName");
        String name = r.path("backendAddressPoolName");
        ObjectNode body = AzureFake.body(r);
        ArrayNode pools = (ArrayNode) AzureFake.object(lb, "properties").withArray("backendAddressPools");
        int at = -1;
        for (int i = 0; i < pools.size(); i++) {
            if (pools.get(i).path("name").asText().equalsIgnoreCase(name)) {
                at = i;
            }
        }
        ObjectNode given = body.deepCopy();
        given.put("name", name);
        ArrayNode holder = NODES.arrayNode();
        ObjectNode pool = part(lb.path("id").asText(), "backendAddressPools", given, holder);
        for (JsonNode address : pool.path("properties").path("loadBalancerBackendAddresses")) {
            String vnetId = AzureFake.text(address, "/properties/virtualNetwork/id");
            if (vnetId != null && fake.state.get(vnetId).isEmpty()) {
                throw refuse(400, "InvalidResourceReference", "Resource " + vnetId + " referenced by backend address "
                        + address.path("name").asText() + " was not found.");
            }
        }
        if (at >= 0) {
            pools.set(at, pool);
        } else {
            pools.add(pool);
        }
        return fake.longRunning(r, at >= 0 ? 200 : 201, pool.deepCopy(), NS, null);
    }

    // ---- NICs and public IPs, made by VMs ----

    /**
     * Makes (or, for a PUT of the same VM again, keeps) a VM's NIC from its network interface
     * configuration: the NIC, its private address in the subnet, the NSG, and a public IP when the
     * configuration asks for one. Returns the NIC's id.
     */
    String nicForVm(ObjectNode group, String vmId, String location, JsonNode config) {
        String nicName = config.path("name").asText();
        String nicId = fake.state.id(group, NIC, nicName);
        Optional<ObjectNode> existing = fake.state.get(nicId);
        if (existing.isPresent()) {
            return nicId;
        }
        JsonNode props = config.path("properties");
        String nsgId = AzureFake.text(props, "/networkSecurityGroup/id");
        if (nsgId != null && fake.state.get(nsgId).isEmpty()) {
            throw refuse(400, "InvalidResourceReference", "Resource " + nsgId + " referenced by resource " + vmId + " was not found.");
        }
        ObjectNode nic = NODES.objectNode().put("id", nicId).put("name", nicName).put("type", NIC).put("location", location)
                .put("etag", "W/\"" + UUID.randomUUID() + "\"");
        ObjectNode nicProps = nic.putObject("properties").put("provisioningState", "Succeeded").put("resourceGuid", UUID.randomUUID().toString())
                .put("macAddress", String.format("00-0D-3A-%02X-%02X-%02X", (nicName.hashCode() >> 16) & 0xff, (nicName.hashCode() >> 8) & 0xff,
                        nicName.hashCode() & 0xff))
                .put("primary", true).put("enableAcceleratedNetworking", false).put("enableIPForwarding", false).put("nicType", "Standard");
        ArrayNode ipConfigs = nicProps.putArray("ipConfigurations");
        List<ObjectNode> publicIps = new ArrayList<>();
        for (JsonNode ipc : props.path("ipConfigurations")) {
            String ipName = ipc.path("name").asText("ipconfig1");
            String subnetId = AzureFake.text(ipc, "/properties/subnet/id");
            ObjectNode subnet = subnetById(subnetId).orElseThrow(() -> refuse(400, "InvalidResourceReference",
                    "Resource " + subnetId + " referenced by resource " + vmId + " was not found."));
            String ipConfigId = nicId + "/ipConfigurations/" + ipName;
            ObjectNode ip = ipConfigs.addObject().put("id", ipConfigId).put("name", ipName)
                    .put("type", "Microsoft.Network/networkInterfaces/ipConfigurations").put("etag", "W/\"" + UUID.randomUUID() + "\"");
            ObjectNode ipProps = ip.putObject("properties").put("provisioningState", "Succeeded")
                    .put("privateIPAddress", nextAddress(subnet)).put("privateIPAllocationMethod", "Dynamic")
                    .put("privateIPAddressVersion", "IPv4").put("primary", ipc.path("properties").path("primary").asBoolean(true));
            ipProps.putObject("subnet").put("id", subnet.path("id").asText());
            JsonNode pipConfig = ipc.path("properties").path("publicIPAddressConfiguration");
            if (pipConfig.isObject()) {
                ObjectNode pip = publicIp(group, pipConfig, location, ipConfigId);
                publicIps.add(pip);
                ipProps.putObject("publicIPAddress").put("id", pip.path("id").asText());
            }
        }
        if (nsgId != null) {
            nicProps.putObject("networkSecurityGroup").put("id", nsgId);
        }
        nicProps.putObject("virtualMachine").put("id", vmId);
        fake.state.put(nic);
        publicIps.forEach(fake.state::put);
        return nicId;
    }

    private ObjectNode publicIp(ObjectNode group, JsonNode config, String location, String ipConfigId) {
        String name = config.path("name").asText();
        ObjectNode pip = NODES.objectNode().put("id", fake.state.id(group, PIP, name)).put("name", name).put("type", PIP)
                .put("location", location).put("etag", "W/\"" + UUID.randomUUID() + "\"");
        pip.putObject("sku").put("name", config.path("sku").path("name").asText("Standard")).put("tier", "Regional");
        int n = nextPublic++;
        pip.putObject("properties").put("provisioningState", "Succeeded").put("resourceGuid", UUID.randomUUID().toString())
                .put("publicIPAllocationMethod", config.path("properties").path("publicIPAllocationMethod").asText("Static"))
                .put("publicIPAddressVersion", "IPv4").put("idleTimeoutInMinutes", 4)
                .put("ipAddress", "20.81." + (n / 250) + "." + (n % 250 + 1))
                .put("deleteOption", config.path("properties").path("deleteOption").asText("Detach"));
        if (ipConfigId != null) {
            ((ObjectNode) pip.path("properties")).putObject("ipConfiguration").put("id", ipConfigId);
        }
        return pip;
    }

    private String nextAddress(ObjectNode subnet) {
        String prefix = subnet.path("properties").path("addressPrefix").asText();
        String base = prefix.substring(0, prefix.indexOf('/'));
        int host = nextHost.merge(subnet.path("id").asText().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum) + 3;
        String[] octets = base.split("\\.");
        long value = (Long.parseLong(octets[0]) << 24) + (Long.parseLong(octets[1]) << 16) + (Long.parseLong(octets[2]) << 8)
                + Long.parseLong(octets[3]) + host;
        return ((value >> 24) & 255) + "." + ((value >> 16) & 255) + "." + ((value >> 8) & 255) + "." + (value & 255);
    }

    /** A VM is gone: its NIC and public IPs go with it when their delete option says so; otherwise they are let go. */
    void releaseVmNic(String nicId, boolean deleteNic) {
        fake.state.get(nicId).ifPresent(nic -> {
            if (deleteNic) {
                deleteNic(nic);
            } else {
                ((ObjectNode) nic.path("properties")).remove("virtualMachine");
            }
        });
    }

    private void deleteNic(ObjectNode nic) {
        for (JsonNode ip : nic.path("properties").path("ipConfigurations")) {
            String pipId = AzureFake.text(ip, "/properties/publicIPAddress/id");
            if (pipId != null) {
                fake.state.get(pipId).ifPresent(pip -> {
                    if ("Delete".equalsIgnoreCase(pip.path("properties").path("deleteOption").asText())) {
                        fake.state.remove(pipId);
                    } else {
                        ((ObjectNode) pip.path("properties")).remove("ipConfiguration");
                    }
                });
            }
        }
        fake.state.remove(nic.path("id").asText());
    }
}
