package io.multicloud.api;

import java.util.Map;

/**
 * A network load balancer.
 *
 * @param name the user's name
 * @param id the cloud's id
 * @param vpc its VPC's name
 * @param listener its front
 * @param vmGroup the VMs behind it
 * @param healthChecker how it checks them
 * @param tags its tags
 */
public record Nlb(String name, String id, String vpc, Listener listener, VmGroup vmGroup,
                  HealthChecker healthChecker, Map<String, String> tags) implements Tagged {
    public Nlb {
        tags = Map.copyOf(tags);
    }
}
