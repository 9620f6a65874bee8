package io.multicloud.api;

import java.time.Duration;

/**
 * How a load balancer checks its VMs.
 *
 * @param protocol TCP, or UDP where the cloud allows
 * @param port the port checked
 * @param interval time between checks
 * @param timeout time a check may take
 * @param threshold consecutive results that change a VM's health
 */
public record HealthChecker(Protocol protocol, int port, Duration interval, Duration timeout, int threshold) {
    public HealthChecker {
        Listener.validateLbProtocol("health checker protocol", protocol);
        Validate.port("health checker port", port);
        interval = interval == null ? Duration.ofSeconds(10) : interval;
        timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
        Validate.range("health checker threshold", threshold, 1, 10);
    }

    /** A checker with the usual defaults: every 10 s, 5 s timeout, threshold 3. */
    public static HealthChecker of(Protocol protocol, int port) {
        return new HealthChecker(protocol, port, null, null, 3);
    }
}
