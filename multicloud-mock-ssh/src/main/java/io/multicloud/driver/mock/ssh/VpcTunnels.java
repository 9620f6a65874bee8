package io.multicloud.driver.mock.ssh;

import java.lang.reflect.Field;
import java.net.InetAddress;
import java.util.Optional;
import org.apache.sshd.client.future.DefaultOpenFuture;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.channel.exception.SshChannelOpenException;
import org.apache.sshd.common.io.IoConnector;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.Readable;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.server.forward.TcpForwardingFilter;
import org.apache.sshd.server.forward.TcpipServerChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * direct-tcpip channels, the way a bastion reaches a private VM: a session on VM A may open one
 * to {@code (private IP of B, 22)} when B is served in A's account, region and VPC, and the
 * channel is connected to B's loopback port. Every other target is refused with "administratively
 * prohibited" before any socket is opened.
 *
 * <p>MINA's {@link TcpipServerChannel} reads the target from the channel-open request and
 * connects to it as given; its forwarding filter can only say yes or no. So the channel here
 * reads the request first and hands MINA a rewritten one naming B's loopback port.
 */
final class VpcTunnels implements ChannelFactory {
    private static final Logger log = LoggerFactory.getLogger(VpcTunnels.class);

    private final ServedVms vms;

    VpcTunnels(ServedVms vms) {
        this.vms = vms;
    }

    @Override
    public String getName() {
        return TcpForwardingFilter.Type.Direct.getName();
    }

    @Override
    public Channel createChannel(Session session) {
        return new Tunnel(vms);
    }

    /** One direct-tcpip channel. */
    private static final class Tunnel extends TcpipServerChannel {
        private final ServedVms vms;

        Tunnel(ServedVms vms) {
            super(TcpForwardingFilter.Type.Direct, null);
            this.vms = vms;
        }

        @Override
        protected OpenFuture doInit(Buffer request) {
            String host = request.getString();
            int port = request.getInt();
            String originatorHost = request.getString();
            int originatorPort = request.getInt();
            ServedVm from = vms.of(getSession());
            Optional<ServedVm> to = from == null ? Optional.empty() : vms.peer(from, host, port);
            if (to.isEmpty()) {
                log.debug("direct-tcpip from {} to {}:{} refused: not a served VM's SSH port in its VPC", from, host, port);
                return refused();
            }
            log.debug("direct-tcpip from {} to {}:{} goes to {}", from, host, port, to.get());
            Buffer rewritten = new ByteArrayBuffer();
            rewritten.putString(InetAddress.getLoopbackAddress().getHostAddress());
            rewritten.putInt(to.get().port());
            rewritten.putString(originatorHost);
            rewritten.putInt(originatorPort);
            return super.doInit(rewritten);
        }

        /** What MINA itself answers when its filter says no. */
        private OpenFuture refused() {
            OpenFuture f = new DefaultOpenFuture(this, this);
            giveIdleConnector();
            try {
                f.setException(new SshChannelOpenException(getChannelId(),
                        SshConstants.SSH_OPEN_ADMINISTRATIVELY_PROHIBITED, "Connection denied"));
            } finally {
                close(true);
            }
            return f;
        }

        /**
         * MINA 2.20 closes a refused direct-tcpip channel through a cleanup pool that calls
         * {@code connector.close()} on a connector it never made: the call fails and the pool's
         * thread idles on for a minute. An idle connector (no socket, no thread of its own) lets
         * the cleanup end its pool as it does for an opened tunnel. Without the field (another
         * MINA version) only that idle thread is left, so failing here is not an error.
         */
        private void giveIdleConnector() {
            try {
                Field field = TcpipServerChannel.class.getDeclaredField("connector");
                field.setAccessible(true);
                IoConnector idle = getSession().getFactoryManager().getIoServiceFactory().createConnector(new IdleHandler());
                field.set(this, idle);
            } catch (ReflectiveOperationException | RuntimeException e) {
                log.debug("cannot hand MINA an idle connector for a refused tunnel: {}", e.toString());
            }
        }
    }

    /** The handler of a connector that never connects. */
    private static final class IdleHandler implements IoHandler {
        @Override
        public void sessionCreated(IoSession session) {
            session.close(true);
        }

        @Override
        public void sessionClosed(IoSession session) {
            // nothing was opened
        }

        @Override
        public void exceptionCaught(IoSession session, Throwable cause) {
            session.close(true);
        }

        @Override
        public void messageReceived(IoSession session, Readable message) {
            // nothing is ever connected
        }
    }
}
