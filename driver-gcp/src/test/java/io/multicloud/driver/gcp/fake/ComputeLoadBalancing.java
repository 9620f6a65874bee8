package io.multicloud.driver.gcp.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.testkit.fake.FakeRequest;
import io.multicloud.testkit.fake.FakeResponse;
import io.multicloud.testkit.fake.Store;
import java.util.Optional;

/**
 * Regional passthrough load balancing the target-pool way (legacy HTTP health checks, global;
 * target pools, regional, with instances and health checks) and the forwarding rules of both
 * ways: a rule points at a target pool or at a regional backend service
 * ({@link ComputeBackendServices}) of its region, scheme and protocol. A health check a pool
 * uses, or a pool a forwarding rule uses, cannot be deleted; an instance is HEALTHY in a pool
 * while it runs.
 */
final class ComputeLoadBalancing {
    private static final String P = "projects/" + GcpFake.PROJECT;
    private final GcpFake fake;
    final Store<ObjectNode> healthChecks = new Store<>(9_000_000_000_000_000L);
    final Store<ObjectNode> pools = new Store<>(9_100_000_000_000_000L);
    final Store<ObjectNode> rules = new Store<>(9_200_000_000_000_000L);
    private int nextAddress = 10;

    ComputeLoadBalancing(GcpFake fake) {
        this.fake = fake;
        ComputeOps ops = fake.ops;
        fake.on("compute.httpHealthChecks.list", r -> FakeResponse.ok(fake.list("compute#httpHealthCheckList", P + "/global/httpHealthChecks",
                healthChecks.values(), r)));
        fake.on("compute.httpHealthChecks.get", r -> FakeResponse.ok(healthCheck(r.path("httpHealthCheck")).deepCopy()));
        fake.on("compute.httpHealthChecks.insert", ops.mutation("compute.httpHealthChecks.insert", "insert", r -> "global", this::insertHealthCheck));
        fake.on("compute.httpHealthChecks.delete", ops.mutation("compute.httpHealthChecks.delete", "delete", r -> "global", r -> {
            ObjectNode hc = healthCheck(r.path("httpHealthCheck"));
            pools.values().stream().filter(p -> p.path("healthChecks").toString().contains("/" + r.path("httpHealthCheck") + "\""))
                    .findFirst().ifPresent(p -> {
                        throw Gce.inUse(P + "/global/httpHealthChecks/" + r.path("httpHealthCheck"), p.get("selfLink").asText().replace(Gce.BASE, ""));
                    });
            healthChecks.remove(r.path("httpHealthCheck"));
            return new ComputeOps.Target(P + "/global/httpHealthChecks/" + r.path("httpHealthCheck"), hc.get("id").asText());
        }));

        fake.on("compute.targetPools.list", r -> FakeResponse.ok(fake.list("compute#targetPoolList", P + "/regions/" + r.path("region") + "/targetPools",
                pools.values(p -> Gce.last(p.get("region").asText()).equals(r.path("region"))), r)));
        fake.on("compute.targetPools.get", r -> FakeResponse.ok(pool(r).deepCopy()));
        fake.on("compute.targetPools.insert", ops.mutation("compute.targetPools.insert", "insert", r -> "regions/" + r.path("region"), this::insertPool));
        fake.on("compute.targetPools.delete", ops.mutation("compute.targetPools.delete", "delete", r -> "regions/" + r.path("region"), r -> {
            ObjectNode pool = pool(r);
            rules.values().stream().filter(f -> f.path("target").asText().equals(pool.get("selfLink").asText())).findFirst().ifPresent(f -> {
                throw Gce.inUse(pool.get("selfLink").asText().replace(Gce.BASE, ""), f.get("selfLink").asText().replace(Gce.BASE, ""));
            });
            pools.remove(r.path("region") + "/" + r.path("targetPool"));
            return new ComputeOps.Target(pool.get("selfLink").asText().replace(Gce.BASE, ""), pool.get("id").asText());
        }));
        fake.on("compute.targetPools.addInstance", ops.mutation("compute.targetPools.addInstance", "addInstance",
                r -> "regions/" + r.path("region"), r -> changeInstances(r, true)));
        fake.on("compute.targetPools.removeInstance", ops.mutation("compute.targetPools.removeInstance", "removeInstance",
                r -> "regions/" + r.path("region"), r -> changeInstances(r, false)));
        fake.on("compute.targetPools.getHealth", this::health);

        fake.on("compute.forwardingRules.list", r -> FakeResponse.ok(fake.list("compute#forwardingRuleList", P + "/regions/" + r.path("region") + "/forwardingRules",
                rules.values(f -> Gce.last(f.get("region").asText()).equals(r.path("region"))), r)));
        fake.on("compute.forwardingRules.get", r -> FakeResponse.ok(rule(r).deepCopy()));
        fake.on("compute.forwardingRules.insert", ops.mutation("compute.forwardingRules.insert", "insert", r -> "regions/" + r.path("region"), this::insertRule));
        fake.on("compute.forwardingRules.delete", ops.mutation("compute.forwardingRules.delete", "delete", r -> "regions/" + r.path("region"), r -> {
            ObjectNode rule = rule(r);
            rules.remove(r.path("region") + "/" + r.path("forwardingRule"));
            return new ComputeOps.Target(rule.get("selfLink").asText().replace(Gce.BASE, ""), rule.get("id").asText());
        }));
    }

    private ObjectNode healthCheck(String name) {
        return healthChecks.require(name, () -> Gce.notFound(P + "/global/httpHealthChecks/" + name));
    }

    private ObjectNode pool(FakeRequest r) {
        return Gce.regional(pools, r, "targetPools", "targetPool");
    }

    private ObjectNode rule(FakeRequest r) {
        return Gce.regional(rules, r, "forwardingRules", "forwardingRule");
    }

    private ComputeOps.Target insertHealthCheck(FakeRequest r) {
        JsonNode body = r.json();
        String name = body.path("name").asText(null);
        Gce.requireName(name);
        ObjectNode hc = ((ObjectNode) body.deepCopy()).put("kind", "compute#httpHealthCheck").put("id", healthChecks.nextId())
                .put("creationTimestamp", Gce.now()).put("selfLink", Gce.link(P + "/global/httpHealthChecks/" + name));
        for (String[] d : new String[][] {{"port", "80"}, {"checkIntervalSec", "5"}, {"timeoutSec", "5"}, {"healthyThreshold", "2"}, {"unhealthyThreshold", "2"}}) {
            if (!hc.has(d[0])) {
                hc.put(d[0], Integer.parseInt(d[1]));
            }
        }
        if (!hc.has("requestPath")) {
            hc.put("requestPath", "/");
        }
        healthChecks.insert(name, hc, () -> Gce.alreadyExists(P + "/global/httpHealthChecks/" + name));
        return new ComputeOps.Target(P + "/global/httpHealthChecks/" + name, hc.get("id").asText());
    }

    private ComputeOps.Target insertPool(FakeRequest r) {
        JsonNode body = r.json();
        String region = r.path("region");
        String name = body.path("name").asText(null);
        Gce.requireName(name);
        for (JsonNode hc : body.path("healthChecks")) {
            if (!healthChecks.contains(Gce.last(hc.asText()))) {
                throw Gce.invalid("Invalid value for field 'resource.healthChecks[0]': '" + hc.asText() + "'. The referenced httpHealthCheck resource cannot be found.");
            }
        }
        String link = P + "/regions/" + region + "/targetPools/" + name;
        ObjectNode pool = ((ObjectNode) body.deepCopy()).put("kind", "compute#targetPool").put("id", pools.nextId())
                .put("creationTimestamp", Gce.now()).put("region", Gce.link(P + "/regions/" + region)).put("selfLink", Gce.link(link));
        if (!pool.has("sessionAffinity")) {
            pool.put("sessionAffinity", "NONE");
        }
        ArrayNode instances = pool.putArray("instances");
        for (JsonNode i : body.path("instances")) {
            instances.add(instanceLink(i.asText()));
        }
        ArrayNode checks = pool.putArray("healthChecks");
        body.path("healthChecks").forEach(hc -> checks.add(Gce.link(P + "/global/httpHealthChecks/" + Gce.last(hc.asText()))));
        pools.insert(region + "/" + name, pool, () -> Gce.alreadyExists(link));
        return new ComputeOps.Target(link, pool.get("id").asText());
    }

    /** The full link of an existing instance, or a 400. */
    private String instanceLink(String url) {
        String[] parts = url.split("/");
        String zone = parts.length >= 3 ? parts[parts.length - 3] : "";
        ObjectNode i = fake.instances.instances.find(zone + "/" + parts[parts.length - 1]).orElseThrow(() -> Gce.invalid(
                "Invalid value for field 'resource.instances': '" + url + "'. The referenced instance resource cannot be found."));
        return i.get("selfLink").asText();
    }

    private ComputeOps.Target changeInstances(FakeRequest r, boolean add) {
        ObjectNode pool = pool(r);
        ArrayNode instances = (ArrayNode) pool.get("instances");
        for (JsonNode ref : r.json().path("instances")) {
            String link = add ? instanceLink(ref.path("instance").asText()) : null;
            int found = -1;
            for (int k = 0; k < instances.size(); k++) {
                if (instances.get(k).asText().endsWith(ref.path("instance").asText().replaceFirst("^https://[^/]+/compute/v1/", ""))) {
                    found = k;
                }
            }
            if (add && found < 0) {
                instances.add(link);
            } else if (!add) {
                if (found < 0) {
                    throw Gce.invalid("The instance '" + ref.path("instance").asText() + "' is not in target pool '" + r.path("targetPool") + "'.");
                }
                instances.remove(found);
            }
        }
        return new ComputeOps.Target(pool.get("selfLink").asText().replace(Gce.BASE, ""), pool.get("id").asText());
    }

    private FakeResponse health(FakeRequest r) {
        ObjectNode pool = pool(r);
        String instance = r.json().path("instance").asText("");
        String link = null;
        for (JsonNode i : pool.get("instances")) {
            if (!instance.isEmpty() && i.asText().endsWith(instance.replaceFirst("^https://[^/]+/compute/v1/", ""))) {
                link = i.asText();
            }
        }
        if (link == null) {
            throw Gce.invalid("Invalid value for field 'resource.instance': '" + instance + "'. The instance is not in the target pool.");
        }
        String[] parts = link.split("/");
        Optional<ObjectNode> i = fake.instances.instances.find(parts[parts.length - 3] + "/" + parts[parts.length - 1]);
        ObjectNode body = Gce.object().put("kind", "compute#targetPoolInstanceHealth");
        // Without health checks GCE counts every instance of the pool as healthy; the fake asks
        // that it runs, with or without checks (it serves nothing that could be probed).
        ObjectNode status = body.putArray("healthStatus").addObject().put("instance", link)
                .put("healthState", i.isPresent() && "RUNNING".equals(i.get().path("status").asText()) ? "HEALTHY" : "UNHEALTHY");
        i.ifPresent(x -> status.put("ipAddress", x.path("networkInterfaces").path(0).path("networkIP").asText()));
        return FakeResponse.ok(body);
    }

    private ComputeOps.Target insertRule(FakeRequest r) {
        JsonNode body = r.json();
        String region = r.path("region");
        String name = body.path("name").asText(null);
        Gce.requireName(name);
        String target = body.path("target").asText("");
        String service = body.path("backendService").asText("");
        if (target.isEmpty() == service.isEmpty()) {
            throw Gce.invalid("Invalid value for field 'resource': a forwarding rule needs exactly one of 'target' and 'backendService'.");
        }
        if (body.has("portRange") && body.has("ports")) {
            throw Gce.invalid("Invalid value for field 'resource.ports': 'ports' and 'portRange' cannot both be set.");
        }
        String targetLink = service.isEmpty() ? poolLink(target) : serviceLink(service, body, region);
        String link = P + "/regions/" + region + "/forwardingRules/" + name;
        ObjectNode rule = ((ObjectNode) body.deepCopy()).put("kind", "compute#forwardingRule").put("id", rules.nextId())
                .put("creationTimestamp", Gce.now()).put("region", Gce.link(P + "/regions/" + region)).put("selfLink", Gce.link(link))
                .put(service.isEmpty() ? "target" : "backendService", targetLink)
                .put("networkTier", "PREMIUM").put("fingerprint", "fr-0");
        if (!rule.has("IPAddress")) {
            rule.put("IPAddress", "35.2.0." + nextAddress++);
        }
        if (!rule.has("IPProtocol")) {
            rule.put("IPProtocol", "TCP");
        }
        if (!rule.has("loadBalancingScheme")) {
            rule.put("loadBalancingScheme", "EXTERNAL");
        }
        rules.insert(region + "/" + name, rule, () -> Gce.alreadyExists(link));
        return new ComputeOps.Target(link, rule.get("id").asText(), () -> { }, () -> rules.remove(region + "/" + name));
    }

    private String poolLink(String target) {
        String[] parts = target.split("/");
        if (parts.length < 4 || !pools.contains(parts[parts.length - 3] + "/" + parts[parts.length - 1])) {
            throw Gce.invalid("Invalid value for field 'resource.target': '" + target + "'. The referenced target pool cannot be found.");
        }
        return Gce.link(P + "/regions/" + parts[parts.length - 3] + "/targetPools/" + parts[parts.length - 1]);
    }

    /** The backend service's link, when the rule may point at it: same region, scheme and protocol. */
    private String serviceLink(String url, JsonNode body, String region) {
        ObjectNode s = fake.backendServices.serviceByLink(url).orElseThrow(() -> Gce.invalid(
                "Invalid value for field 'resource.backendService': '" + url + "'. The referenced backend service cannot be found."));
        String scheme = body.path("loadBalancingScheme").asText("EXTERNAL");
        if (!Gce.last(s.get("region").asText()).equals(region) || !scheme.equals(s.get("loadBalancingScheme").asText())) {
            throw Gce.invalid("Invalid value for field 'resource.backendService': '" + url
                    + "'. The backend service must be in the rule's region and have its load balancing scheme.");
        }
        String protocol = body.path("IPProtocol").asText("TCP");
        if (!s.get("protocol").asText().equals("UNSPECIFIED") && !s.get("protocol").asText().equals(protocol)) {
            throw Gce.invalid("Invalid value for field 'resource.IPProtocol': '" + protocol + "'. It must match the backend service's protocol "
                    + s.get("protocol").asText() + ".");
        }
        return s.get("selfLink").asText();
    }
}
