package io.multicloud.driver.mock.ssh;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.HashSet;
import java.util.Set;
import org.apache.sshd.common.session.helpers.AbstractSession;
import org.apache.sshd.server.SshServer;

/**
 * One MINA SSH server (one IO thread pool, one set of factories) listening on many loopback
 * ports, one per served VM. {@link SshServer} binds the ports it is configured with when it
 * starts; its acceptor binds and unbinds more at any time, which is what this class exposes.
 */
final class MultiPortSshServer extends SshServer {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /** Starts the server with no port open: start() insists on binding one, so that one is let go at once. */
    void startWithoutPorts() throws IOException {
        setHost(LOOPBACK.getHostAddress());
        setPort(0);
        start();
        acceptor.unbind();
    }

    /** Opens a new ephemeral port on 127.0.0.1. */
    synchronized InetSocketAddress bindEphemeral() throws IOException {
        Set<SocketAddress> before = acceptor.getBoundAddresses();
        acceptor.bind(new InetSocketAddress(LOOPBACK, 0));
        Set<SocketAddress> added = new HashSet<>(acceptor.getBoundAddresses());
        added.removeAll(before);
        if (added.size() != 1) {
            throw new IOException("expected one new bound address, found " + added);
        }
        return (InetSocketAddress) added.iterator().next();
    }

    /** Opens a port that was closed before (a VM reachable again). */
    synchronized void bind(InetSocketAddress address) throws IOException {
        acceptor.bind(address);
    }

    /** Closes a port: new connections to it are refused. */
    synchronized void unbind(InetSocketAddress address) {
        acceptor.unbind(address);
    }

    /** Closes every session that came in on the port. */
    void closeSessionsOn(int port) {
        for (AbstractSession session : getActiveSessions()) {
            if (ServedVms.localPort(session) == port) {
                session.close(true);
            }
        }
    }

    /** The number of sessions open on the port. */
    int sessionsOn(int port) {
        return (int) getActiveSessions().stream().filter(s -> ServedVms.localPort(s) == port).count();
    }
}
