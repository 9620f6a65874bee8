package io.multicloud.api;

import java.util.Map;

/**
 * A subnet to create in a VPC.
 *
 * @param name the subnet's name
 * @param cidr its block, inside the VPC's
 * @param zone its zone, or null for the connection's zone
 * @param tags its tags
 */
public record SubnetRequest(String name, String cidr, String zone, Map<String, String> tags) implements CreateRequest, TaggedRequest<SubnetRequest> {
    public SubnetRequest {
        Validate.name("subnet name", name);
        cidr = Validate.cidr("subnet cidr", cidr).toString();
        tags = Validate.tags("subnet tags", tags);
    }

    /** A subnet with a name and block. */
    public static SubnetRequest of(String name, String cidr) {
        return new SubnetRequest(name, cidr, null, Map.of());
    }

    /** A copy in this zone. */
    public SubnetRequest zone(String newZone) {
        return new SubnetRequest(name, cidr, newZone, tags);
    }

    /** A copy with one more tag. */
    public SubnetRequest tag(String key, String value) {
        return new SubnetRequest(name, cidr, zone, TagMaps.with(tags, key, value));
    }

    @Override
    public void requireComplete() {
        // every field is checked when built
    }
}
