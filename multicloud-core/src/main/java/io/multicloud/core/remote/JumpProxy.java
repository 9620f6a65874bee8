package io.multicloud.core.remote;

import com.jcraft.jsch.Channel;
import com.jcraft.jsch.Proxy;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SocketFactory;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * Reaches a VM through a bastion's SSH session (a direct-tcpip channel, as {@code ssh -J} does),
 * so that the target's own SSH session runs end to end through it: the bastion never sees the
 * target's keys or commands in the clear.
 */
final class JumpProxy implements Proxy {
    private final Session bastion;
    private Channel channel;
    private InputStream in;
    private OutputStream out;

    JumpProxy(Session bastion) {
        this.bastion = bastion;
    }

    @Override
    public void connect(SocketFactory socketFactory, String host, int port, int timeout) throws Exception {
        channel = bastion.getStreamForwarder(host, port);
        in = channel.getInputStream();
        out = channel.getOutputStream();
        channel.connect(timeout);
    }

    @Override
    public InputStream getInputStream() {
        return in;
    }

    @Override
    public OutputStream getOutputStream() {
        return out;
    }

    @Override
    public Socket getSocket() {
        return null;
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.disconnect();
        }
    }
}
