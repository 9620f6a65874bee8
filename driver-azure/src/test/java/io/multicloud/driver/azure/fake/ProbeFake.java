package io.multicloud.driver.azure.fake;

import static io.multicloud.driver.azure.fake.AzureFake.NODES;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.testkit.fake.FakeRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The health a load-balancing rule's probe sees ({@code POST .../loadBalancingRules/{rule}/health},
 * long-running, its {@code LoadBalancerHealthPerRule} read at the {@code Location}). The operation
 * is newer than the copied network swagger (2024-01-01), so its answer is checked against the
 * SDK's own model instead ({@link SdkModelCheck}). Each backend address of the rule's pool is Up
 * when the probe would be answered: a NIC in the address's network holds the address, its VM is
 * running, the network security groups of the NIC and of its subnet let the probe's port in from
 * {@code AzureLoadBalancer} (rules in priority order, the default ones included, as Azure applies
 * them), and something answers on the port (a switch of the fake, {@link #portAnswers}).
 */
final class ProbeFake {
    private static final String PROBE_SOURCE = "168.63.129.16";
    private final AzureFake fake;
    /** Closed ports, as {@code <lower-cased vm id>:<port>}. */
    private final Set<String> closed = new HashSet<>();

    ProbeFake(AzureFake fake) {
        this.fake = fake;
        fake.probes = this;
    }

    void register(AzureFake.Routes routes) {
        routes.raw("POST", "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/loadBalancers"
                + "/{loadBalancerName}/loadBalancingRules/{loadBalancingRuleName}/health", "LoadBalancerLoadBalancingRules_Health", this::health);
    }

    void portAnswers(String vmId, int port, boolean answers) {
        String key = vmId.toLowerCase(Locale.ROOT) + ":" + port;
        if (answers) {
            closed.remove(key);
        } else {
            closed.add(key);
        }
    }

    private io.multicloud.testkit.fake.FakeResponse health(FakeRequest r) {
        ObjectNode lb = fake.network.require(r, NetworkFake.LB, "loadBalancerName");
        ObjectNode rule = part(lb, "loadBalancingRules", r.path("loadBalancingRuleName"))
                .orElseThrow(() -> AzureFake.notFound("Microsoft.Network/loadBalancers/loadBalancingRules", r.path("loadBalancingRuleName")));
        return fake.longRunningResult(r, NetworkFake.NS, () -> healthOf(lb, rule));
    }

    private ObjectNode healthOf(ObjectNode lb, ObjectNode rule) {
        Optional<ObjectNode> probe = byId(lb, "probes", AzureFake.text(rule, "/properties/probe/id"));
        Optional<ObjectNode> pool = byId(lb, "backendAddressPools", AzureFake.text(rule, "/properties/backendAddressPool/id"));
        int port = probe.map(p -> p.path("properties").path("port").asInt()).orElse(rule.path("properties").path("backendPort").asInt());
        ObjectNode out = NODES.objectNode();
        ArrayNode addresses = out.putArray("loadBalancerBackendAddresses");
        int up = 0;
        for (JsonNode address : pool.map(p -> p.path("properties").path("loadBalancerBackendAddresses")).orElse(NODES.arrayNode())) {
            String ip = address.path("properties").path("ipAddress").asText();
            String vnetId = AzureFake.text(address, "/properties/virtualNetwork/id");
            Optional<ObjectNode[]> holder = nicHolding(ip, vnetId);
            String reason = holder.isEmpty() ? "no network interface holds the address" : downReason(holder.get()[0], holder.get()[1], port);
            ObjectNode entry = addresses.addObject().put("ipAddress", ip);
            holder.ifPresent(h -> entry.put("networkInterfaceIPConfigurationId", h[1].path("id").asText()));
            entry.put("state", reason == null ? "Up" : "Down");
            if (reason != null) {
                entry.put("reason", reason);
            }
            up += reason == null ? 1 : 0;
        }
        out.put("up", up).put("down", addresses.size() - up);
        return out;
    }

    /** Why the probe of the port fails at this NIC, or null when it is answered. */
    private String downReason(ObjectNode nic, ObjectNode ipConfig, int port) {
        String vmId = AzureFake.text(nic, "/properties/virtualMachine/id");
        String power = vmId == null ? null : fake.compute.powerOf(vmId);
        if (!"running".equals(power)) {
            return "the VM is " + (power == null ? "absent" : power);
        }
        List<String> nsgIds = new ArrayList<>();
        Optional.ofNullable(AzureFake.text(nic, "/properties/networkSecurityGroup/id")).ifPresent(nsgIds::add);
        fake.network.subnetById(AzureFake.text(ipConfig, "/properties/subnet/id"))
                .map(s -> AzureFake.text(s, "/properties/networkSecurityGroup/id")).ifPresent(nsgIds::add);
        for (String nsgId : nsgIds) {
            Optional<ObjectNode> nsg = fake.state.get(nsgId);
            String denied = nsg.map(g -> deniedBy(g, port)).orElse(null);
            if (denied != null) {
                return "the probe's port " + port + " is denied by " + denied;
            }
        }
        if (closed.contains(vmId.toLowerCase(Locale.ROOT) + ":" + port)) {
            return "nothing answers on port " + port;
        }
        return null;
    }

    /** The rule of an NSG that denies the probe (the first inbound rule by priority that matches it), or null when one allows it. */
    private static String deniedBy(ObjectNode nsg, int port) {
        List<JsonNode> rules = new ArrayList<>();
        nsg.path("properties").path("securityRules").forEach(rules::add);
        nsg.path("properties").path("defaultSecurityRules").forEach(rules::add);
        rules.sort(Comparator.comparingInt(r -> r.path("properties").path("priority").asInt()));
        for (JsonNode rule : rules) {
            JsonNode p = rule.path("properties");
            String protocol = p.path("protocol").asText();
            if (!p.path("direction").asText().equals("Inbound") || !(protocol.equals("*") || protocol.equalsIgnoreCase("Tcp"))
                    || !covers(p.path("destinationPortRange").asText("*"), port) || !fromProbe(p.path("sourceAddressPrefix").asText("*"))) {
                continue;
            }
            return p.path("access").asText().equals("Allow") ? null
                    : "rule " + rule.path("name").asText() + " of " + nsg.path("name").asText();
        }
        return "no rule of " + nsg.path("name").asText();
    }

    private static boolean covers(String range, int port) {
        if (range.equals("*")) {
            return true;
        }
        String[] bounds = range.split("-");
        return port >= Integer.parseInt(bounds[0].trim()) && port <= Integer.parseInt(bounds[bounds.length - 1].trim());
    }

    /** Whether a source prefix takes in Azure's probe (the {@code AzureLoadBalancer} service tag, 168.63.129.16). */
    private static boolean fromProbe(String prefix) {
        return prefix.equals("*") || prefix.equalsIgnoreCase("AzureLoadBalancer") || prefix.equals("0.0.0.0/0")
                || prefix.equals(PROBE_SOURCE) || prefix.equals(PROBE_SOURCE + "/32");
    }

    /** The NIC and its IP configuration holding a private address in a network. */
    private Optional<ObjectNode[]> nicHolding(String ip, String vnetId) {
        for (ObjectNode nic : fake.state.all(NetworkFake.NIC)) {
            for (JsonNode config : nic.path("properties").path("ipConfigurations")) {
                String subnet = AzureFake.text(config, "/properties/subnet/id");
                if (ip.equals(config.path("properties").path("privateIPAddress").asText()) && subnet != null
                        && (vnetId == null || subnet.toLowerCase(Locale.ROOT).startsWith(vnetId.toLowerCase(Locale.ROOT) + "/"))) {
                    return Optional.of(new ObjectNode[] {nic, (ObjectNode) config});
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<ObjectNode> part(ObjectNode lb, String kind, String name) {
        for (JsonNode p : lb.path("properties").path(kind)) {
            if (p.path("name").asText().equalsIgnoreCase(name)) {
                return Optional.of((ObjectNode) p);
            }
        }
        return Optional.empty();
    }

    private static Optional<ObjectNode> byId(ObjectNode lb, String kind, String id) {
        return id == null ? Optional.empty() : part(lb, kind, id.substring(id.lastIndexOf('/') + 1));
    }
}
