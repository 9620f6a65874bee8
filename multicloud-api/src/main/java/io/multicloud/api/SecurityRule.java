package io.multicloud.api;

/**
 * One rule of a security group: traffic in one direction, of one protocol, on a port range,
 * from (inbound) or to (outbound) a CIDR block. ICMP and ALL rules cover every port.
 *
 * @param direction inbound or outbound
 * @param protocol the protocol
 * @param ports the port range ({@link PortRange#ALL} for ICMP and ALL)
 * @param cidr the peer address block
 */
public record SecurityRule(Direction direction, Protocol protocol, PortRange ports, String cidr) {
    /** Anywhere on the IPv4 internet. */
    public static final String ANYWHERE = "0.0.0.0/0";

    public SecurityRule {
        Validate.required("direction", direction);
        Validate.required("protocol", protocol);
        ports = ports == null ? PortRange.ALL : ports;
        if (!protocol.hasPorts() && !ports.equals(PortRange.ALL)) {
            throw new InvalidRequestException("ports", protocol + " rules cover every port; give no port range");
        }
        cidr = Validate.cidr("cidr", cidr == null ? ANYWHERE : cidr).toString();
    }

    /** Inbound traffic on one port from anywhere. */
    public static SecurityRule inbound(Protocol protocol, int port) {
        return new SecurityRule(Direction.INBOUND, protocol, PortRange.of(port), ANYWHERE);
    }

    /** Inbound traffic on a port range from a CIDR block. */
    public static SecurityRule inbound(Protocol protocol, PortRange ports, String cidr) {
        return new SecurityRule(Direction.INBOUND, protocol, ports, cidr);
    }

    /** Outbound traffic on a port range to a CIDR block. */
    public static SecurityRule outbound(Protocol protocol, PortRange ports, String cidr) {
        return new SecurityRule(Direction.OUTBOUND, protocol, ports, cidr);
    }
}
