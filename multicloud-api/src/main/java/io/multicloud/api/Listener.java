package io.multicloud.api;

/**
 * The front of a network load balancer.
 *
 * @param protocol TCP or UDP
 * @param port the port it listens on
 * @param address its IP or DNS name, once the cloud has assigned one
 */
public record Listener(Protocol protocol, int port, String address) {
    public Listener {
        validateLbProtocol("listener protocol", protocol);
        Validate.port("listener port", port);
    }

    static void validateLbProtocol(String field, Protocol protocol) {
        if (!Validate.required(field, protocol).hasPorts()) {
            throw new InvalidRequestException(field, "a network load balancer speaks TCP or UDP, not " + protocol);
        }
    }
}
