package io.multicloud.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A security group to create in a VPC.
 * <pre>{@code SecurityGroupRequest.named("sg-1").vpc(vpc).allowInbound(Protocol.TCP, 22)}</pre>
 *
 * @param name the group's name
 * @param vpc the name of its VPC
 * @param rules its rules
 * @param tags its tags
 */
public record SecurityGroupRequest(String name, String vpc, List<SecurityRule> rules, Map<String, String> tags)
        implements CreateRequest, TaggedRequest<SecurityGroupRequest> {
    public SecurityGroupRequest {
        Validate.name("security group name", name);
        if (vpc != null) {
            Validate.name("vpc", vpc);
        }
        rules = List.copyOf(rules);
        tags = Validate.tags("security group tags", tags);
    }

    /** A request with only a name. */
    public static SecurityGroupRequest named(String name) {
        return new SecurityGroupRequest(name, null, List.of(), Map.of());
    }

    /** A copy in this VPC. */
    public SecurityGroupRequest vpc(String vpcName) {
        return new SecurityGroupRequest(name, vpcName, rules, tags);
    }

    /** A copy in this VPC. */
    public SecurityGroupRequest vpc(Vpc vpc) {
        return vpc(vpc.name());
    }

    /** A copy with one more rule. */
    public SecurityGroupRequest rule(SecurityRule rule) {
        List<SecurityRule> copy = new ArrayList<>(rules);
        copy.add(Validate.required("rule", rule));
        return new SecurityGroupRequest(name, vpc, copy, tags);
    }

    /** A copy that allows inbound traffic on one port from anywhere. */
    public SecurityGroupRequest allowInbound(Protocol protocol, int port) {
        return rule(SecurityRule.inbound(protocol, port));
    }

    /** A copy that allows inbound traffic on a port range from a CIDR block. */
    public SecurityGroupRequest allowInbound(Protocol protocol, PortRange ports, String cidr) {
        return rule(SecurityRule.inbound(protocol, ports, cidr));
    }

    /** A copy that allows outbound traffic on a port range to a CIDR block. */
    public SecurityGroupRequest allowOutbound(Protocol protocol, PortRange ports, String cidr) {
        return rule(SecurityRule.outbound(protocol, ports, cidr));
    }

    /** A copy with one more tag. */
    public SecurityGroupRequest tag(String key, String value) {
        return new SecurityGroupRequest(name, vpc, rules, TagMaps.with(tags, key, value));
    }

    @Override
    public void requireComplete() {
        Validate.notBlank("vpc", vpc);
    }
}
