package io.multicloud.api;

import java.util.List;
import java.util.Map;

/**
 * A security group (firewall rule set) of a VPC.
 *
 * @param name the user's name
 * @param id the cloud's id
 * @param vpc the name of its VPC
 * @param rules its rules
 * @param tags its tags
 */
public record SecurityGroup(String name, String id, String vpc, List<SecurityRule> rules,
                            Map<String, String> tags) implements Tagged {
    public SecurityGroup {
        rules = List.copyOf(rules);
        tags = Map.copyOf(tags);
    }
}
