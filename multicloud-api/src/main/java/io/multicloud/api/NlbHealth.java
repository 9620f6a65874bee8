package io.multicloud.api;

import java.util.List;

/**
 * The health of the VMs behind a load balancer.
 *
 * @param healthy names of the VMs that pass the health check
 * @param unhealthy names of those that do not
 */
public record NlbHealth(List<String> healthy, List<String> unhealthy) {
    public NlbHealth {
        healthy = List.copyOf(healthy);
        unhealthy = List.copyOf(unhealthy);
    }
}
