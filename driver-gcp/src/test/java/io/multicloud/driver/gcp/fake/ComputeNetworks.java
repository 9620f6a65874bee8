package io.multicloud.driver.gcp.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.testkit.fake.FakeRequest;
import io.multicloud.testkit.fake.FakeResponse;
import io.multicloud.testkit.fake.Store;
import java.util.Base64;
import java.util.UUID;

/**
 * The project, networks, subnetworks and firewall rules. A network with subnetworks or
 * firewall rules cannot be deleted, nor a subnetwork an instance uses
 * ({@code resourceInUseByAnotherResource}); subnetwork ranges of one network may not overlap;
 * the project's common metadata changes only with its current fingerprint (412 otherwise).
 */
final class ComputeNetworks {
    private static final String P = "projects/" + GcpFake.PROJECT;
    private final GcpFake fake;
    final Store<ObjectNode> networks = new Store<>(6_000_000_000_000_000L);
    final Store<ObjectNode> subnetworks = new Store<>(6_100_000_000_000_000L);
    final Store<ObjectNode> firewalls = new Store<>(6_200_000_000_000_000L);
    private final ObjectNode project;

    ComputeNetworks(GcpFake fake) {
        this.fake = fake;
        this.project = Gce.object().put("kind", "compute#project").put("id", "123456789012").put("name", GcpFake.PROJECT)
                .put("creationTimestamp", "2024-01-01T00:00:00.000-08:00").put("selfLink", Gce.link(P))
                .put("defaultServiceAccount", "123456789012-compute@developer.gserviceaccount.com")
                .put("defaultNetworkTier", "PREMIUM").put("xpnProjectStatus", "UNSPECIFIED_XPN_PROJECT_STATUS");
        project.putObject("commonInstanceMetadata").put("kind", "compute#metadata").put("fingerprint", fingerprint()).putArray("items");
        ComputeOps ops = fake.ops;
        fake.on("compute.projects.get", r -> FakeResponse.ok(project.deepCopy()));
        fake.on("compute.projects.setCommonInstanceMetadata", ops.mutation("compute.projects.setCommonInstanceMetadata",
                "compute.projects.setCommonInstanceMetadata", r -> "global", this::setMetadata));

        fake.on("compute.networks.list", r -> FakeResponse.ok(fake.list("compute#networkList", P + "/global/networks", networks.values(), r)));
        fake.on("compute.networks.get", r -> FakeResponse.ok(network(r.path("network")).deepCopy()));
        fake.on("compute.networks.insert", ops.mutation("compute.networks.insert", "insert", r -> "global", this::insertNetwork));
        fake.on("compute.networks.delete", ops.mutation("compute.networks.delete", "delete", r -> "global", this::deleteNetwork));

        fake.on("compute.subnetworks.list", r -> FakeResponse.ok(fake.list("compute#subnetworkList",
                P + "/regions/" + r.path("region") + "/subnetworks",
                subnetworks.values(s -> Gce.last(s.get("region").asText()).equals(r.path("region"))), r)));
        fake.on("compute.subnetworks.get", r -> FakeResponse.ok(subnetwork(r.path("region"), r.path("subnetwork")).deepCopy()));
        fake.on("compute.subnetworks.insert", ops.mutation("compute.subnetworks.insert", "insert",
                r -> "regions/" + r.path("region"), this::insertSubnetwork));
        fake.on("compute.subnetworks.delete", ops.mutation("compute.subnetworks.delete", "delete",
                r -> "regions/" + r.path("region"), this::deleteSubnetwork));

        fake.on("compute.firewalls.list", r -> FakeResponse.ok(fake.list("compute#firewallList", P + "/global/firewalls", firewalls.values(), r)));
        fake.on("compute.firewalls.get", r -> FakeResponse.ok(firewall(r.path("firewall")).deepCopy()));
        fake.on("compute.firewalls.insert", ops.mutation("compute.firewalls.insert", "insert", r -> "global", this::insertFirewall));
        fake.on("compute.firewalls.patch", ops.mutation("compute.firewalls.patch", "patch", r -> "global", this::patchFirewall));
        fake.on("compute.firewalls.delete", ops.mutation("compute.firewalls.delete", "delete", r -> "global", r -> {
            ObjectNode f = firewall(r.path("firewall"));
            firewalls.remove(r.path("firewall"));
            return new ComputeOps.Target(P + "/global/firewalls/" + r.path("firewall"), f.get("id").asText());
        }));
    }

    private static String fingerprint() {
        return Base64.getEncoder().encodeToString(UUID.randomUUID().toString().substring(0, 8).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private ComputeOps.Target setMetadata(FakeRequest r) {
        JsonNode body = r.json();
        ObjectNode current = (ObjectNode) project.get("commonInstanceMetadata");
        if (!body.path("fingerprint").asText("").equals(current.get("fingerprint").asText())) {
            throw Gce.error(412, "conditionNotMet", "Supplied fingerprint does not match current metadata fingerprint.");
        }
        ObjectNode next = Gce.object().put("kind", "compute#metadata").put("fingerprint", fingerprint());
        ArrayNode items = next.putArray("items");
        body.path("items").forEach(i -> items.add(Gce.object().put("key", i.path("key").asText()).put("value", i.path("value").asText(""))));
        project.set("commonInstanceMetadata", next);
        return new ComputeOps.Target(P, project.get("id").asText());
    }

    ObjectNode network(String name) {
        return networks.require(name, () -> Gce.notFound(P + "/global/networks/" + name));
    }

    private ObjectNode subnetwork(String region, String name) {
        return subnetworks.require(region + "/" + name, () -> Gce.notFound(P + "/regions/" + region + "/subnetworks/" + name));
    }

    private ObjectNode firewall(String name) {
        return firewalls.require(name, () -> Gce.notFound(P + "/global/firewalls/" + name));
    }

    /** The subnetwork a (full or partial) URL names, or a 400 when there is none. */
    ObjectNode subnetworkByUrl(String url) {
        String[] parts = url.split("/");
        String name = parts[parts.length - 1];
        String region = parts[parts.length - 3];
        return subnetworks.find(region + "/" + name).orElseThrow(() -> Gce.error(400, "invalid",
                "Invalid value for field 'resource.networkInterfaces[0].subnetwork': '" + url + "'. The referenced subnetwork resource cannot be found."));
    }

    private ComputeOps.Target insertNetwork(FakeRequest r) {
        JsonNode body = r.json();
        String name = body.path("name").asText(null);
        Gce.requireName(name);
        if (body.has("IPv4Range")) {
            throw Gce.invalid("Legacy networks are not supported by this fake; create a custom-mode network.");
        }
        ObjectNode n = Gce.object().put("kind", "compute#network").put("id", networks.nextId()).put("creationTimestamp", Gce.now())
                .put("name", name).put("selfLink", Gce.link(P + "/global/networks/" + name))
                .put("autoCreateSubnetworks", body.path("autoCreateSubnetworks").asBoolean(true)).put("mtu", 1460)
                .put("networkFirewallPolicyEnforcementOrder", "AFTER_CLASSIC_FIREWALL");
        if (body.has("description")) {
            n.put("description", body.get("description").asText());
        }
        n.putObject("routingConfig").put("routingMode", body.path("routingConfig").path("routingMode").asText("REGIONAL"));
        n.putArray("subnetworks");
        networks.insert(name, n, () -> Gce.alreadyExists(P + "/global/networks/" + name));
        return new ComputeOps.Target(P + "/global/networks/" + name, n.get("id").asText());
    }

    private ComputeOps.Target deleteNetwork(FakeRequest r) {
        String name = r.path("network");
        ObjectNode n = network(name);
        if (!n.get("subnetworks").isEmpty()) {
            throw Gce.inUse(P + "/global/networks/" + name, n.get("subnetworks").get(0).asText().replace(Gce.BASE, ""));
        }
        firewalls.values().stream().filter(f -> Gce.last(f.get("network").asText()).equals(name)).findFirst().ifPresent(f -> {
            throw Gce.inUse(P + "/global/networks/" + name, P + "/global/firewalls/" + f.get("name").asText());
        });
        networks.remove(name);
        return new ComputeOps.Target(P + "/global/networks/" + name, n.get("id").asText());
    }

    private ComputeOps.Target insertSubnetwork(FakeRequest r) {
        JsonNode body = r.json();
        String region = r.path("region");
        String name = body.path("name").asText(null);
        Gce.requireName(name);
        if (!ComputeCatalog.REGIONS.containsKey(region)) {
            throw Gce.invalid("Invalid value for field 'region': '" + region + "'. Unknown region.");
        }
        ObjectNode network = networks.find(Gce.last(body.path("network").asText(""))).orElseThrow(() -> Gce.error(400, "invalid",
                "Invalid value for field 'resource.network': '" + body.path("network").asText() + "'. The referenced network resource cannot be found."));
        String cidr = body.path("ipCidrRange").asText("");
        Cidrs.Range range = Cidrs.parse(cidr).orElseThrow(() -> Gce.invalid("Invalid value for field 'resource.ipCidrRange': '" + cidr + "'. Invalid IPCidrRange."));
        for (ObjectNode other : subnetworks.values(s -> s.get("network").asText().equals(network.get("selfLink").asText()))) {
            if (range.overlaps(Cidrs.parse(other.get("ipCidrRange").asText()).orElseThrow())) {
                throw Gce.invalid("Invalid IPCidrRange: " + cidr + " conflicts with existing subnetwork '" + other.get("name").asText() + "' in region '" + region + "'.");
            }
        }
        String link = P + "/regions/" + region + "/subnetworks/" + name;
        ObjectNode s = Gce.object().put("kind", "compute#subnetwork").put("id", subnetworks.nextId()).put("creationTimestamp", Gce.now())
                .put("name", name).put("network", network.get("selfLink").asText()).put("ipCidrRange", range.toString())
                .put("gatewayAddress", range.host(1)).put("region", Gce.link(P + "/regions/" + region))
                .put("selfLink", Gce.link(link)).put("privateIpGoogleAccess", false).put("fingerprint", fingerprint())
                .put("stackType", "IPV4_ONLY").put("purpose", "PRIVATE");
        if (body.has("description")) {
            s.put("description", body.get("description").asText());
        }
        subnetworks.insert(region + "/" + name, s, () -> Gce.alreadyExists(link));
        ((ArrayNode) network.get("subnetworks")).add(Gce.link(link));
        return new ComputeOps.Target(link, s.get("id").asText());
    }

    private ComputeOps.Target deleteSubnetwork(FakeRequest r) {
        String region = r.path("region");
        String name = r.path("subnetwork");
        ObjectNode s = subnetwork(region, name);
        String link = P + "/regions/" + region + "/subnetworks/" + name;
        fake.instances.usingSubnetwork(s.get("selfLink").asText()).ifPresent(i -> {
            throw Gce.inUse(link, i);
        });
        subnetworks.remove(region + "/" + name);
        networks.find(Gce.last(s.get("network").asText())).ifPresent(n -> {
            ArrayNode subs = (ArrayNode) n.get("subnetworks");
            for (int i = 0; i < subs.size(); i++) {
                if (subs.get(i).asText().equals(s.get("selfLink").asText())) {
                    subs.remove(i);
                    break;
                }
            }
        });
        return new ComputeOps.Target(link, s.get("id").asText());
    }

    private ComputeOps.Target insertFirewall(FakeRequest r) {
        JsonNode body = r.json();
        String name = body.path("name").asText(null);
        Gce.requireName(name);
        String networkUrl = body.path("network").asText(P + "/global/networks/default");
        ObjectNode network = networks.find(Gce.last(networkUrl)).orElseThrow(() -> Gce.error(400, "invalid",
                "Invalid value for field 'resource.network': '" + networkUrl + "'. The referenced network resource cannot be found."));
        if (!body.has("allowed") && !body.has("denied")) {
            throw Gce.error(400, "required", "Required field 'resource.allowed' not specified");
        }
        ObjectNode f = ((ObjectNode) body.deepCopy());
        f.put("kind", "compute#firewall").put("id", firewalls.nextId()).put("creationTimestamp", Gce.now())
                .put("network", network.get("selfLink").asText()).put("selfLink", Gce.link(P + "/global/firewalls/" + name));
        if (!f.has("priority")) {
            f.put("priority", 1000);
        }
        if (!f.has("direction")) {
            f.put("direction", "INGRESS");
        }
        if (!f.has("disabled")) {
            f.put("disabled", false);
        }
        if (f.get("direction").asText().equals("INGRESS") && !f.has("sourceRanges") && !f.has("sourceTags")) {
            f.set("sourceRanges", Gce.array("0.0.0.0/0"));
        }
        if (f.get("direction").asText().equals("EGRESS") && !f.has("destinationRanges")) {
            f.set("destinationRanges", Gce.array("0.0.0.0/0"));
        }
        f.putObject("logConfig").put("enable", false);
        firewalls.insert(name, f, () -> Gce.alreadyExists(P + "/global/firewalls/" + name));
        return new ComputeOps.Target(P + "/global/firewalls/" + name, f.get("id").asText());
    }

    private ComputeOps.Target patchFirewall(FakeRequest r) {
        ObjectNode f = firewall(r.path("firewall"));
        r.json().fields().forEachRemaining(e -> {
            if (!e.getKey().equals("name") && !e.getKey().equals("network")) {
                f.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        return new ComputeOps.Target(P + "/global/firewalls/" + r.path("firewall"), f.get("id").asText());
    }
}
