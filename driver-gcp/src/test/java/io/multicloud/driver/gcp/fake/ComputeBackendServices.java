package io.multicloud.driver.gcp.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.testkit.fake.FakeRequest;
import io.multicloud.testkit.fake.FakeResponse;
import io.multicloud.testkit.fake.Store;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * Regional passthrough load balancing the backend-service way: regional health checks and
 * regional backend services whose backends are instance groups. An EXTERNAL backend service
 * speaks TCP, UDP or UNSPECIFIED, needs exactly one existing regional health check, and takes
 * instance groups of its region in {@code CONNECTION} mode; a patch with a stale fingerprint is
 * refused (412). A health check a backend service uses, or a backend service a forwarding rule
 * uses, cannot be deleted ({@code resourceInUseByAnotherResource}). {@code getHealth} answers
 * each member of one backend group as {@link HealthProbes} decides.
 */
final class ComputeBackendServices {
    private static final String P = "projects/" + GcpFake.PROJECT;
    private static final Set<String> PASSTHROUGH_PROTOCOLS = Set.of("TCP", "UDP", "UNSPECIFIED");
    private final GcpFake fake;
    private final HealthProbes probes;
    final Store<ObjectNode> healthChecks = new Store<>(9_400_000_000_000_000L);
    final Store<ObjectNode> services = new Store<>(9_500_000_000_000_000L);
    private int fingerprints;

    ComputeBackendServices(GcpFake fake) {
        this.fake = fake;
        this.probes = new HealthProbes(fake);
        ComputeOps ops = fake.ops;
        fake.on("compute.regionHealthChecks.list", r -> FakeResponse.ok(fake.list("compute#healthCheckList",
                P + "/regions/" + r.path("region") + "/healthChecks", healthChecks.values(h -> inRegion(h, r)), r)));
        fake.on("compute.regionHealthChecks.get", r -> FakeResponse.ok(healthCheck(r).deepCopy()));
        fake.on("compute.regionHealthChecks.insert", ops.mutation("compute.regionHealthChecks.insert", "insert",
                r -> "regions/" + r.path("region"), this::insertHealthCheck));
        fake.on("compute.regionHealthChecks.delete", ops.mutation("compute.regionHealthChecks.delete", "delete",
                r -> "regions/" + r.path("region"), this::deleteHealthCheck));

        fake.on("compute.regionBackendServices.list", r -> FakeResponse.ok(fake.list("compute#backendServiceList",
                P + "/regions/" + r.path("region") + "/backendServices", services.values(s -> inRegion(s, r)), r)));
        fake.on("compute.regionBackendServices.get", r -> FakeResponse.ok(service(r).deepCopy()));
        fake.on("compute.regionBackendServices.insert", ops.mutation("compute.regionBackendServices.insert", "insert",
                r -> "regions/" + r.path("region"), this::insertService));
        fake.on("compute.regionBackendServices.patch", ops.mutation("compute.regionBackendServices.patch", "patch",
                r -> "regions/" + r.path("region"), this::patchService));
        fake.on("compute.regionBackendServices.delete", ops.mutation("compute.regionBackendServices.delete", "delete",
                r -> "regions/" + r.path("region"), this::deleteService));
        fake.on("compute.regionBackendServices.getHealth", this::health);
    }

    private static boolean inRegion(ObjectNode item, FakeRequest r) {
        return Gce.last(item.get("region").asText()).equals(r.path("region"));
    }

    private ObjectNode healthCheck(FakeRequest r) {
        return Gce.regional(healthChecks, r, "healthChecks", "healthCheck");
    }

    private ObjectNode service(FakeRequest r) {
        return Gce.regional(services, r, "backendServices", "backendService");
    }

    /** The backend service of this (full or partial) link, if any. */
    Optional<ObjectNode> serviceByLink(String link) {
        String[] parts = link.split("/");
        if (parts.length < 4 || !"backendServices".equals(parts[parts.length - 2])) {
            return Optional.empty();
        }
        return services.find(parts[parts.length - 3] + "/" + parts[parts.length - 1]);
    }

    /** The link of a backend service with this instance group as a backend, if any. */
    Optional<String> usingGroup(String groupLink) {
        return services.values().stream().filter(s -> {
            for (JsonNode b : s.path("backends")) {
                if (b.path("group").asText().equals(groupLink)) {
                    return true;
                }
            }
            return false;
        }).map(s -> s.get("selfLink").asText()).findFirst();
    }

    private ComputeOps.Target insertHealthCheck(FakeRequest r) {
        JsonNode body = r.json();
        String region = r.path("region");
        String name = body.path("name").asText(null);
        Gce.requireName(name);
        String type = body.path("type").asText(null);
        if (type == null) {
            throw Gce.error(400, "required", "Required field 'resource.type' not specified");
        }
        ObjectNode hc = ((ObjectNode) body.deepCopy()).put("kind", "compute#healthCheck").put("id", healthChecks.nextId())
                .put("creationTimestamp", Gce.now()).put("region", Gce.link(P + "/regions/" + region));
        for (String[] d : new String[][] {{"checkIntervalSec", "5"}, {"timeoutSec", "5"}, {"healthyThreshold", "2"}, {"unhealthyThreshold", "2"}}) {
            if (!hc.has(d[0])) {
                hc.put(d[0], Integer.parseInt(d[1]));
            }
        }
        if (hc.get("timeoutSec").asInt() > hc.get("checkIntervalSec").asInt()) {
            throw Gce.invalid("Invalid value for field 'resource.timeoutSec': '" + hc.get("timeoutSec").asInt()
                    + "'. TimeoutSec should be less than checkIntervalSec.");
        }
        String block = switch (type) {
            case "TCP" -> "tcpHealthCheck";
            case "HTTP" -> "httpHealthCheck";
            case "HTTPS" -> "httpsHealthCheck";
            default -> throw Gce.invalid("Invalid value for field 'resource.type': '" + type + "'. This fake serves TCP, HTTP and HTTPS health checks.");
        };
        ObjectNode check = hc.has(block) ? (ObjectNode) hc.get(block) : hc.putObject(block);
        if (!check.has("port")) {
            check.put("port", HealthProbes.port(hc));
        }
        check.put("portSpecification", check.path("portSpecification").asText("USE_FIXED_PORT")).put("proxyHeader", "NONE");
        if (!type.equals("TCP") && !check.has("requestPath")) {
            check.put("requestPath", "/");
        }
        return insert(healthChecks, region, "healthChecks", hc);
    }

    /** Stores a new regional item under its name, with its self link; a failed operation removes it again. */
    private static ComputeOps.Target insert(Store<ObjectNode> store, String region, String collection, ObjectNode item) {
        String name = item.get("name").asText();
        String link = P + "/regions/" + region + "/" + collection + "/" + name;
        item.put("selfLink", Gce.link(link));
        store.insert(region + "/" + name, item, () -> Gce.alreadyExists(link));
        return new ComputeOps.Target(link, item.get("id").asText(), () -> { }, () -> store.remove(region + "/" + name));
    }

    private ComputeOps.Target deleteHealthCheck(FakeRequest r) {
        ObjectNode hc = healthCheck(r);
        String link = hc.get("selfLink").asText();
        services.values().stream().filter(s -> s.path("healthChecks").toString().contains("\"" + link + "\"")).findFirst().ifPresent(s -> {
            throw Gce.inUse(link.replace(Gce.BASE, ""), s.get("selfLink").asText().replace(Gce.BASE, ""));
        });
        healthChecks.remove(r.path("region") + "/" + r.path("healthCheck"));
        return new ComputeOps.Target(link.replace(Gce.BASE, ""), hc.get("id").asText());
    }

    private ComputeOps.Target insertService(FakeRequest r) {
        JsonNode body = r.json();
        String region = r.path("region");
        String name = body.path("name").asText(null);
        Gce.requireName(name);
        ObjectNode s = ((ObjectNode) body.deepCopy()).put("kind", "compute#backendService").put("id", services.nextId())
                .put("creationTimestamp", Gce.now()).put("region", Gce.link(P + "/regions/" + region))
                .put("fingerprint", nextFingerprint());
        s.put("loadBalancingScheme", s.path("loadBalancingScheme").asText("EXTERNAL")).put("protocol", s.path("protocol").asText("TCP"))
                .put("sessionAffinity", s.path("sessionAffinity").asText("NONE")).put("timeoutSec", s.path("timeoutSec").asInt(30));
        s.putObject("connectionDraining").put("drainingTimeoutSec", body.path("connectionDraining").path("drainingTimeoutSec").asInt(0));
        validate(s, region);
        return insert(services, region, "backendServices", s);
    }

    private ComputeOps.Target patchService(FakeRequest r) {
        ObjectNode s = service(r);
        JsonNode body = r.json();
        if (body.has("fingerprint") && !body.get("fingerprint").asText().equals(s.get("fingerprint").asText())) {
            throw Gce.error(412, "conditionNotMet", "Invalid fingerprint.");
        }
        ObjectNode next = s.deepCopy();
        for (Iterator<String> it = body.fieldNames(); it.hasNext();) {
            String field = it.next();
            if (!Set.of("name", "id", "selfLink", "region", "kind", "creationTimestamp", "fingerprint").contains(field)) {
                next.set(field, body.get(field).deepCopy());
            }
        }
        validate(next, r.path("region"));
        s.setAll(next);
        s.put("fingerprint", nextFingerprint());
        return new ComputeOps.Target(s.get("selfLink").asText().replace(Gce.BASE, ""), s.get("id").asText());
    }

    /** What GCE refuses in a regional backend service: the scheme's protocols, its health check, its backends. */
    private void validate(ObjectNode s, String region) {
        String scheme = s.get("loadBalancingScheme").asText();
        if (!scheme.equals("EXTERNAL") && !scheme.equals("INTERNAL")) {
            throw Gce.invalid("Invalid value for field 'resource.loadBalancingScheme': '" + scheme + "'. This fake serves passthrough backend services only.");
        }
        if (!PASSTHROUGH_PROTOCOLS.contains(s.get("protocol").asText())) {
            throw Gce.invalid("Invalid value for field 'resource.protocol': '" + s.get("protocol").asText()
                    + "'. Protocol must be TCP, UDP or UNSPECIFIED for a backend service with load balancing scheme " + scheme + ".");
        }
        JsonNode checks = s.path("healthChecks");
        if (checks.size() != 1) {
            throw Gce.invalid("Invalid value for field 'resource.healthChecks': a passthrough backend service needs exactly one health check.");
        }
        ArrayNode links = Gce.JSON.arrayNode();
        for (JsonNode hc : checks) {
            String[] parts = hc.asText().split("/");
            ObjectNode found = parts.length < 4 ? null : healthChecks.find(parts[parts.length - 3] + "/" + parts[parts.length - 1]).orElse(null);
            if (found == null || !parts[parts.length - 3].equals(region)) {
                throw Gce.invalid("Invalid value for field 'resource.healthChecks[0]': '" + hc.asText() + "'. The referenced health check resource cannot be found.");
            }
            links.add(found.get("selfLink").asText());
        }
        s.set("healthChecks", links);
        int n = 0;
        for (JsonNode backend : s.path("backends")) {
            String group = backend.path("group").asText("");
            ObjectNode g = fake.instanceGroups.byLink(group).orElseThrow(() -> Gce.invalid("Invalid value for field 'resource.backends': '" + group + "'. The referenced instance group resource cannot be found."));
            if (!ComputeCatalog.regionOf(Gce.last(g.get("zone").asText())).equals(region)) {
                throw Gce.invalid("Invalid value for field 'resource.backends': '" + group + "'. The instance group is not in region " + region + ".");
            }
            String mode = backend.path("balancingMode").asText("CONNECTION");
            if (!mode.equals("CONNECTION")) {
                throw Gce.invalid("Invalid value for field 'resource.backends[" + n + "].balancingMode': '" + mode
                        + "'. Balancing mode must be CONNECTION for a passthrough backend service.");
            }
            ((ObjectNode) backend).put("group", g.get("selfLink").asText()).put("balancingMode", mode);
            if (!backend.has("capacityScaler")) {
                ((ObjectNode) backend).put("capacityScaler", 1.0);
            }
            n++;
        }
        long distinct = java.util.stream.StreamSupport.stream(s.path("backends").spliterator(), false).map(b -> b.get("group").asText()).distinct().count();
        if (distinct != s.path("backends").size()) {
            throw Gce.invalid("Invalid value for field 'resource.backends': an instance group may be a backend only once.");
        }
    }

    private String nextFingerprint() {
        return java.util.Base64.getEncoder().encodeToString(("bs-" + fingerprints++).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private ComputeOps.Target deleteService(FakeRequest r) {
        ObjectNode s = service(r);
        String link = s.get("selfLink").asText();
        fake.loadBalancing.rules.values().stream().filter(f -> f.path("backendService").asText().equals(link)).findFirst().ifPresent(f -> {
            throw Gce.inUse(link.replace(Gce.BASE, ""), f.get("selfLink").asText().replace(Gce.BASE, ""));
        });
        services.remove(r.path("region") + "/" + r.path("backendService"));
        return new ComputeOps.Target(link.replace(Gce.BASE, ""), s.get("id").asText());
    }

    private FakeResponse health(FakeRequest r) {
        ObjectNode s = service(r);
        String group = r.json().path("group").asText("");
        ObjectNode g = fake.instanceGroups.byLink(group).orElse(null);
        boolean backend = g != null && usingGroup(g.get("selfLink").asText()).filter(l -> l.equals(s.get("selfLink").asText())).isPresent();
        if (!backend) {
            throw Gce.invalid("Invalid value for field 'resource.group': '" + group + "'. The group is not a backend of backend service '"
                    + s.get("name").asText() + "'.");
        }
        String[] parts = s.get("healthChecks").get(0).asText().split("/");
        ObjectNode hc = healthChecks.find(parts[parts.length - 3] + "/" + parts[parts.length - 1]).orElseThrow();
        ObjectNode rule = fake.loadBalancing.rules.values().stream()
                .filter(f -> f.path("backendService").asText().equals(s.get("selfLink").asText())).findFirst().orElse(null);
        ObjectNode body = Gce.object().put("kind", "compute#backendServiceGroupHealth");
        ArrayNode statuses = Gce.JSON.arrayNode();
        for (ObjectNode i : fake.instanceGroups.instancesOf(g)) {
            ObjectNode status = statuses.addObject().put("instance", i.get("selfLink").asText())
                    .put("ipAddress", i.path("networkInterfaces").path(0).path("networkIP").asText())
                    .put("port", HealthProbes.port(hc)).put("healthState", probes.state(i, hc));
            if (rule != null) {
                status.put("forwardingRule", rule.get("selfLink").asText()).put("forwardingRuleIp", rule.get("IPAddress").asText());
            }
        }
        if (!statuses.isEmpty()) {
            body.set("healthStatus", statuses);
        }
        return FakeResponse.ok(body);
    }
}
