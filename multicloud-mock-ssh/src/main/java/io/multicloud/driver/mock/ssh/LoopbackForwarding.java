package io.multicloud.driver.mock.ssh;

import java.net.InetAddress;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.server.forward.ForwardingFilter;

/**
 * The last word on forwarding: no agent, no X11, no remote (listening) forwards, and a
 * direct-tcpip channel connects only to a served VM's loopback port. {@link VpcTunnels} has
 * already turned the client's {@code (private IP, 22)} into that port after checking the VPC;
 * this filter makes sure nothing else ever reaches a socket.
 */
final class LoopbackForwarding implements ForwardingFilter {
    private final ServedVms vms;

    LoopbackForwarding(ServedVms vms) {
        this.vms = vms;
    }

    @Override
    public boolean canForwardAgent(Session session, String requestType) {
        return false;
    }

    @Override
    public boolean canForwardX11(Session session, String requestType) {
        return false;
    }

    @Override
    public boolean canListen(SshdSocketAddress address, Session session) {
        return false;
    }

    @Override
    public boolean canConnect(Type type, SshdSocketAddress address, Session session) {
        ServedVm from = vms.of(session);
        ServedVm to = vms.onPort(address.getPort());
        return type == Type.Direct && from != null && to != null && from.sharesVpcWith(to)
                && InetAddress.getLoopbackAddress().getHostAddress().equals(address.getHostName());
    }
}
