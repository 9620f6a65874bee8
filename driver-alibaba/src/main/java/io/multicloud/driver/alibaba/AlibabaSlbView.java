package io.multicloud.driver.alibaba;

import io.multicloud.api.HealthChecker;
import io.multicloud.api.Protocol;
import io.multicloud.api.ResourceKind;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How an SLB instance reads, whoever made it: its listeners of all four protocols (one paged
 * DescribeLoadBalancerListeners for many instances), the servers behind a listener (its VServer
 * group's, or the instance's default servers: one call per instance, never one per server), and
 * the elastic IP bound to an intranet instance (DescribeEipAddresses, paged, for every instance
 * at once).
 *
 * <p>The common model knows TCP and UDP listeners only: an HTTP or HTTPS listener reads as a TCP
 * one on its port (HTTP runs over TCP), its HTTP health check as a TCP check of the same port,
 * interval, timeout and threshold; its certificate, forwarding rules, URI and codes are not
 * expressed.
 */
final class AlibabaSlbView {
    private static final ResourceKind KIND = ResourceKind.NLB;
    private static final int PAGE = 100;
    /** DescribeLoadBalancerListeners takes at most 10 instance ids. */
    private static final int LISTENER_IDS = 10;
    private final AlibabaContext ctx;

    AlibabaSlbView(AlibabaContext ctx) {
        this.ctx = ctx;
    }

    /**
     * A listener as DescribeLoadBalancerListeners reports it: SLB's protocol ({@code tcp},
     * {@code udp}, {@code http}, {@code https}) and the model's, its port, the backend port
     * (0 when the listener forwards to a VServer group, whose servers carry their own), the
     * VServer group (null: the default servers) and the health check (null when switched off).
     */
    record RawListener(String lbId, String nativeProtocol, Protocol protocol, int port, int backendPort, String serverGroupId,
                       Check check) {
        /** The health checker, checking {@code serversPort} unless the check names a port of its own; null when checks are off. */
        HealthChecker checker(int serversPort) {
            if (check == null) {
                return null;
            }
            int p = check.port() != null && check.port() > 0 ? check.port() : serversPort;
            return new HealthChecker(protocol, p, Duration.ofSeconds(check.interval() == null ? 2 : check.interval()),
                    Duration.ofSeconds(check.timeout() == null ? 5 : check.timeout()),
                    check.threshold() == null ? 3 : Math.max(1, Math.min(10, check.threshold())));
        }
    }

    /** A server behind a listener: an ECS instance and the port it is reached on (0: the listener's backend port). */
    record Server(String instanceId, int port) {
    }

    /** The listeners of these instances (null: of every instance), to the end. */
    List<RawListener> listeners(List<String> lbIds) {
        List<List<String>> chunks = new ArrayList<>();
        if (lbIds == null) {
            chunks.add(null);
        } else {
            for (int from = 0; from < lbIds.size(); from += LISTENER_IDS) {
                chunks.add(lbIds.subList(from, Math.min(lbIds.size(), from + LISTENER_IDS)));
            }
        }
        List<RawListener> out = new ArrayList<>();
        for (List<String> chunk : chunks) {
            out.addAll(AlibabaContext.allByToken(token -> {
                var req = new com.aliyun.slb20140515.models.DescribeLoadBalancerListenersRequest().setRegionId(ctx.region())
                        .setMaxResults(PAGE).setNextToken(token).setLoadBalancerId(chunk);
                var body = ctx.call(KIND, null, () -> ctx.clients().slb().describeLoadBalancerListeners(req).getBody());
                List<RawListener> items = body.getListeners() == null ? List.of()
                        : body.getListeners().stream().map(AlibabaSlbView::toListener).flatMap(Optional::stream).toList();
                return new AlibabaContext.Page<>(items, body.getNextToken());
            }));
        }
        return out;
    }

    /** A health check's settings, whichever protocol's configuration they come from. */
    record Check(String on, Integer port, Integer interval, Integer timeout, Integer threshold) {
    }

    private static Optional<RawListener> toListener(
            com.aliyun.slb20140515.models.DescribeLoadBalancerListenersResponseBody.DescribeLoadBalancerListenersResponseBodyListeners l) {
        String protocol = l.getListenerProtocol() == null ? "" : l.getListenerProtocol().toLowerCase(Locale.ROOT);
        Check check = switch (protocol) {
            case "tcp" -> {
                var c = l.getTCPListenerConfig();
                yield c == null ? null : new Check(c.getHealthCheck(), c.getHealthCheckConnectPort(), c.getHealthCheckInterval(),
                        c.getHealthCheckConnectTimeout(), c.getHealthyThreshold());
            }
            case "udp" -> {
                var c = l.getUDPListenerConfig();
                yield c == null ? null : new Check(c.getHealthCheck(), c.getHealthCheckConnectPort(), c.getHealthCheckInterval(),
                        c.getHealthCheckConnectTimeout(), c.getHealthyThreshold());
            }
            case "http" -> {
                var c = l.getHTTPListenerConfig();
                yield c == null ? null : new Check(c.getHealthCheck(), c.getHealthCheckConnectPort(), c.getHealthCheckInterval(),
                        c.getHealthCheckTimeout(), c.getHealthyThreshold());
            }
            case "https" -> {
                var c = l.getHTTPSListenerConfig();
                yield c == null ? null : new Check(c.getHealthCheck(), c.getHealthCheckConnectPort(), c.getHealthCheckInterval(),
                        c.getHealthCheckTimeout(), c.getHealthyThreshold());
            }
            default -> null;
        };
        if (l.getListenerPort() == null || !List.of("tcp", "udp", "http", "https").contains(protocol)) {
            return Optional.empty();
        }
        // HTTP and HTTPS run over TCP: the common model's nearest listener.
        Protocol p = protocol.equals("udp") ? Protocol.UDP : Protocol.TCP;
        int backend = l.getBackendServerPort() == null ? 0 : l.getBackendServerPort();
        String group = l.getVServerGroupId() == null || l.getVServerGroupId().isEmpty() ? null : l.getVServerGroupId();
        Check on = check == null || "off".equalsIgnoreCase(check.on()) ? null : check;
        return Optional.of(new RawListener(l.getLoadBalancerId(), protocol, p, l.getListenerPort(), backend, group, on));
    }

    /**
     * The ECS servers behind the listener: its VServer group's (DescribeVServerGroupAttribute), or
     * the instance's default servers (DescribeLoadBalancerAttribute) when it has none or there is
     * no listener. One call either way.
     */
    List<Server> servers(String lbId, String name, RawListener listener) {
        if (listener != null && listener.serverGroupId() != null) {
            var body = ctx.call(KIND, name, () -> ctx.clients().slb().describeVServerGroupAttribute(
                    new com.aliyun.slb20140515.models.DescribeVServerGroupAttributeRequest().setRegionId(ctx.region())
                            .setVServerGroupId(listener.serverGroupId())).getBody());
            if (body.getBackendServers() == null || body.getBackendServers().getBackendServer() == null) {
                return List.of();
            }
            return body.getBackendServers().getBackendServer().stream().filter(b -> isEcs(b.getType()))
                    .map(b -> new Server(b.getServerId(), b.getPort() == null ? 0 : b.getPort())).distinct().toList();
        }
        var body = ctx.call(KIND, name, () -> ctx.clients().slb().describeLoadBalancerAttribute(
                new com.aliyun.slb20140515.models.DescribeLoadBalancerAttributeRequest().setRegionId(ctx.region())
                        .setLoadBalancerId(lbId)).getBody());
        if (body.getBackendServers() == null || body.getBackendServers().getBackendServer() == null) {
            return List.of();
        }
        return body.getBackendServers().getBackendServer().stream().filter(b -> isEcs(b.getType()))
                .map(b -> new Server(b.getServerId(), 0)).distinct().toList();
    }

    /** Elastic network interfaces and containers (eni, eci) are no VMs of this driver's. */
    private static boolean isEcs(String type) {
        return type == null || type.isEmpty() || type.equalsIgnoreCase("ecs");
    }

    /** The addresses of the EIPs bound to load balancers, by load balancer id (of this one only, unless null). */
    Map<String, String> eips(String lbId) {
        Map<String, String> out = new HashMap<>();
        AlibabaContext.allByNumber(page -> {
            var req = new com.aliyun.vpc20160428.models.DescribeEipAddressesRequest().setRegionId(ctx.region())
                    .setAssociatedInstanceType("SlbInstance").setAssociatedInstanceId(lbId).setPageNumber(page).setPageSize(PAGE);
            var body = ctx.call(KIND, lbId, () -> ctx.clients().vpc().describeEipAddresses(req).getBody());
            var items = body.getEipAddresses() == null || body.getEipAddresses().getEipAddress() == null
                    ? List.<com.aliyun.vpc20160428.models.DescribeEipAddressesResponseBody.DescribeEipAddressesResponseBodyEipAddressesEipAddress>of()
                    : body.getEipAddresses().getEipAddress();
            return new AlibabaContext.Numbered<>(items, body.getTotalCount() == null ? 0 : body.getTotalCount());
        }).forEach(e -> {
            if ("SlbInstance".equalsIgnoreCase(e.getInstanceType()) && e.getInstanceId() != null) {
                out.put(e.getInstanceId(), e.getIpAddress());
            }
        });
        return out;
    }
}
