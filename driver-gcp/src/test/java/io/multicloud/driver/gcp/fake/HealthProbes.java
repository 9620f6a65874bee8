package io.multicloud.driver.gcp.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Whether a health check's probes reach an instance, decided from state: the instance runs, and
 * for each of GCP's probe source ranges ({@code 35.191.0.0/16}, {@code 130.211.0.0/22}) an
 * enabled INGRESS firewall rule of the instance's network admits it on the checked port (TCP or
 * all protocols, the port in its ports or none given, no target tags or one the instance carries).
 * The fake serves nothing, so a port counts as served once the probes may reach it; deny rules
 * are not modelled (none of the driver's making has any).
 */
final class HealthProbes {
    /** The ranges Google's health checkers probe from. */
    static final List<String> SOURCE_RANGES = List.of("35.191.0.0/16", "130.211.0.0/22");
    private final GcpFake fake;

    HealthProbes(GcpFake fake) {
        this.fake = fake;
    }

    /** The port a health check probes (its type's block, else that type's default). */
    static int port(JsonNode healthCheck) {
        String type = healthCheck.path("type").asText("TCP");
        JsonNode block = healthCheck.path(switch (type) {
            case "HTTP" -> "httpHealthCheck";
            case "HTTPS" -> "httpsHealthCheck";
            case "HTTP2" -> "http2HealthCheck";
            case "SSL" -> "sslHealthCheck";
            case "GRPC" -> "grpcHealthCheck";
            default -> "tcpHealthCheck";
        });
        return block.path("port").asInt(type.equals("HTTPS") || type.equals("SSL") ? 443 : 80);
    }

    /** HEALTHY or UNHEALTHY, as GCE reports the instance to the health check. */
    String state(ObjectNode instance, JsonNode healthCheck) {
        if (!"RUNNING".equals(instance.path("status").asText())) {
            return "UNHEALTHY";
        }
        int port = port(healthCheck);
        for (String source : SOURCE_RANGES) {
            Cidrs.Range range = Cidrs.parseAny(source).orElseThrow();
            if (fake.networks.firewalls.values().stream().noneMatch(f -> admits(f, instance, range, port))) {
                return "UNHEALTHY";
            }
        }
        return "HEALTHY";
    }

    private static boolean admits(JsonNode firewall, JsonNode instance, Cidrs.Range source, int port) {
        if (!"INGRESS".equals(firewall.path("direction").asText()) || firewall.path("disabled").asBoolean(false)
                || !firewall.path("network").asText().equals(instance.path("networkInterfaces").path(0).path("network").asText())) {
            return false;
        }
        boolean fromSource = false;
        for (JsonNode r : firewall.path("sourceRanges")) {
            fromSource |= Cidrs.parseAny(r.asText()).map(c -> c.covers(source)).orElse(false);
        }
        return fromSource && targets(firewall, instance) && allowsPort(firewall, port);
    }

    private static boolean targets(JsonNode firewall, JsonNode instance) {
        if (firewall.path("targetTags").isEmpty()) {
            return true;
        }
        for (JsonNode tag : firewall.get("targetTags")) {
            for (JsonNode own : instance.path("tags").path("items")) {
                if (own.asText().equals(tag.asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean allowsPort(JsonNode firewall, int port) {
        for (JsonNode allowed : firewall.path("allowed")) {
            String protocol = allowed.path("IPProtocol").asText();
            if (!protocol.equals("tcp") && !protocol.equals("all") && !protocol.equals("6")) {
                continue;
            }
            if (allowed.path("ports").isEmpty()) {
                return true;
            }
            for (JsonNode p : allowed.get("ports")) {
                String[] bounds = p.asText().split("-");
                int low = Integer.parseInt(bounds[0]);
                int high = Integer.parseInt(bounds[bounds.length - 1]);
                if (port >= low && port <= high) {
                    return true;
                }
            }
        }
        return false;
    }
}
