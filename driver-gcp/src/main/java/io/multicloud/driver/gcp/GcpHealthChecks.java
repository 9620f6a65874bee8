package io.multicloud.driver.gcp;

import com.google.cloud.compute.v1.HealthCheck;
import com.google.cloud.compute.v1.TCPHealthCheck;
import io.multicloud.api.HealthChecker;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.Protocol;
import java.time.Duration;

/**
 * The common health checker as a GCE regional health check and back. GCE probes over TCP
 * (also HTTP, HTTPS, HTTP/2, SSL, gRPC), never UDP, in whole seconds from 1 to 300, with a
 * timeout no longer than the interval; the checker's one threshold is both the healthy and
 * the unhealthy threshold. A checker GCE cannot run is refused before any call.
 */
final class GcpHealthChecks {
    private static final int MAX_SECONDS = 300;

    private GcpHealthChecks() {
    }

    /** The health check named {@code name} that runs this checker; a checker GCE cannot run is an {@link InvalidRequestException}. */
    static HealthCheck of(String name, HealthChecker checker) {
        if (checker.protocol() != Protocol.TCP) {
            throw new InvalidRequestException("health checker protocol",
                    "GCP health checks probe over TCP, not " + checker.protocol() + " (a UDP load balancer is checked on a TCP port)");
        }
        long interval = seconds("health checker interval", checker.interval());
        long timeout = seconds("health checker timeout", checker.timeout());
        if (timeout > interval) {
            throw new InvalidRequestException("health checker timeout", "GCP wants a timeout no longer than the interval ("
                    + checker.timeout().toSeconds() + " s > " + interval + " s)");
        }
        return HealthCheck.newBuilder().setName(name).setType("TCP")
                .setTcpHealthCheck(TCPHealthCheck.newBuilder().setPort(checker.port()).setPortSpecification("USE_FIXED_PORT"))
                .setCheckIntervalSec((int) interval).setTimeoutSec((int) timeout)
                .setHealthyThreshold(checker.threshold()).setUnhealthyThreshold(checker.threshold()).build();
    }

    private static long seconds(String field, Duration d) {
        if (d.toMillis() % 1000 != 0 || d.toSeconds() < 1 || d.toSeconds() > MAX_SECONDS) {
            throw new InvalidRequestException(field, "GCP takes whole seconds from 1 to " + MAX_SECONDS + ", not " + d);
        }
        return d.toSeconds();
    }

    /**
     * The checker a health check runs: every GCE type probes over TCP on its port (a type's
     * request path is not part of the common model); the unhealthy threshold is the one kept.
     */
    static HealthChecker toChecker(HealthCheck hc) {
        int port = switch (hc.getType()) {
            case "HTTP" -> hc.getHttpHealthCheck().getPort();
            case "HTTPS" -> hc.getHttpsHealthCheck().getPort();
            case "HTTP2" -> hc.getHttp2HealthCheck().getPort();
            case "SSL" -> hc.getSslHealthCheck().getPort();
            case "GRPC" -> hc.getGrpcHealthCheck().getPort();
            default -> hc.getTcpHealthCheck().getPort();
        };
        int threshold = Math.max(1, Math.min(10, hc.getUnhealthyThreshold() == 0 ? 2 : hc.getUnhealthyThreshold()));
        return new HealthChecker(Protocol.TCP, port == 0 ? 80 : port, Duration.ofSeconds(hc.getCheckIntervalSec() == 0 ? 5 : hc.getCheckIntervalSec()),
                Duration.ofSeconds(hc.getTimeoutSec() == 0 ? 5 : hc.getTimeoutSec()), threshold);
    }
}
