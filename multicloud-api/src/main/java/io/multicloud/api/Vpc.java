package io.multicloud.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A virtual private network (AWS VPC, Azure VNet, OpenStack network) with its subnets.
 *
 * @param name the user's name
 * @param id the cloud's id
 * @param cidr its address block
 * @param subnets its subnets
 * @param tags its tags
 */
public record Vpc(String name, String id, String cidr, List<Subnet> subnets, Map<String, String> tags) implements Tagged {
    public Vpc {
        subnets = List.copyOf(subnets);
        tags = Map.copyOf(tags);
    }

    /** The subnet of that name, if any. */
    public Optional<Subnet> subnet(String subnetName) {
        return subnets.stream().filter(s -> s.name().equals(subnetName)).findFirst();
    }
}
