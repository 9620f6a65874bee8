package io.multicloud.api;

import java.util.List;

/**
 * The VMs behind a network load balancer.
 *
 * @param protocol the protocol to the VMs
 * @param port the VMs' port
 * @param vms the names of the VMs
 */
public record VmGroup(Protocol protocol, int port, List<String> vms) {
    public VmGroup {
        Listener.validateLbProtocol("VM group protocol", protocol);
        Validate.port("VM group port", port);
        vms = List.copyOf(vms);
    }
}
