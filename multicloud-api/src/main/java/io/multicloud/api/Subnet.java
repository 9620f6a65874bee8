package io.multicloud.api;

import java.util.Map;

/**
 * A subnet of a VPC.
 *
 * @param name the user's name
 * @param id the cloud's id
 * @param cidr its address block
 * @param zone its zone, or null when the cloud's subnets span zones
 * @param tags its tags
 */
public record Subnet(String name, String id, String cidr, String zone, Map<String, String> tags) implements Tagged {
    public Subnet {
        tags = Map.copyOf(tags);
    }
}
