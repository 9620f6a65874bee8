package io.multicloud.driver.mock.ssh;

import com.jcraft.jsch.ChannelDirectTCPIP;
import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.ChannelShell;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Proxy;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpException;
import com.jcraft.jsch.SocketFactory;
import io.multicloud.api.KeyPair;
import io.multicloud.api.SshAccess;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** A JSch session for the tests: logs in, runs commands, uploads files, and tunnels to a private VM. */
final class SshClient implements AutoCloseable {
    static final int TIMEOUT_MS = 10_000;
    static final Duration WAIT = Duration.ofSeconds(10);

    private final Session session;

    private SshClient(Session session) {
        this.session = session;
    }

    /** Logs in to the VM's SSH access with the key pair's private key. */
    static SshClient withKey(SshAccess access, KeyPair key) throws JSchException {
        return withKey(access.host(), access.port(), access.user(), key);
    }

    static SshClient withKey(String host, int port, String user, KeyPair key) throws JSchException {
        return connect(host, port, user, key, null, null);
    }

    static SshClient withPassword(SshAccess access, String password) throws JSchException {
        return connect(access.host(), access.port(), access.user(), null, password, null);
    }

    /** Logs in to a VM through a direct-tcpip tunnel of this (bastion) session. */
    SshClient jumpTo(SshAccess target, KeyPair key) throws JSchException {
        return connect(target.host(), target.port(), target.user(), key, null, new Tunnel(session));
    }

    private static SshClient connect(String host, int port, String user, KeyPair key, String password, Proxy proxy)
            throws JSchException {
        JSch jsch = new JSch();
        if (key != null) {
            jsch.addIdentity("vm-key", key.privateKey().reveal().getBytes(StandardCharsets.US_ASCII), null, null);
        }
        Session session = jsch.getSession(user, host, port);
        session.setConfig("StrictHostKeyChecking", "no");
        session.setConfig("PreferredAuthentications", key != null ? "publickey" : "password");
        if (password != null) {
            session.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        if (proxy != null) {
            session.setProxy(proxy);
        }
        session.connect(TIMEOUT_MS);
        return new SshClient(session);
    }

    /** The host key the server showed, as an OpenSSH public key line without comment. */
    String hostKey() {
        return session.getHostKey().getType() + " " + session.getHostKey().getKey();
    }

    boolean connected() {
        return session.isConnected();
    }

    Result exec(String command) throws JSchException, InterruptedException {
        return exec(command, null);
    }

    /** Runs a command, sending {@code stdin} (then EOF) when given, and returns what it wrote and its exit status. */
    Result exec(String command, String stdin) throws JSchException, InterruptedException {
        ChannelExec channel = (ChannelExec) session.openChannel("exec");
        try {
            channel.setCommand(command);
            channel.setInputStream(stdin == null ? null : new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            // JSch writes into these from its session thread (no pipe, no reader thread) and closes stdout at EOF.
            Captured out = new Captured();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            channel.setOutputStream(out);
            channel.setErrStream(err);
            channel.connect(TIMEOUT_MS);
            if (!out.closed.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("no end of output from '" + command + "' within " + WAIT);
            }
            // The exit status follows the EOF at once.
            awaitClosed(channel);
            return new Result(channel.getExitStatus(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            channel.disconnect();
        }
    }

    /** Starts a command and hands over its channel, for tests that watch output as it comes. */
    ChannelExec start(String command) throws JSchException {
        ChannelExec channel = (ChannelExec) session.openChannel("exec");
        channel.setCommand(command);
        return channel;
    }

    /** A shell channel, not yet connected. */
    ChannelShell shell() throws JSchException {
        return (ChannelShell) session.openChannel("shell");
    }

    /** Uploads text over SFTP to a path (relative paths are relative to the SFTP default directory). */
    void upload(String path, String content) throws JSchException, SftpException {
        ChannelSftp sftp = (ChannelSftp) session.openChannel("sftp");
        try {
            sftp.connect(TIMEOUT_MS);
            sftp.put(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), path);
        } finally {
            sftp.disconnect();
        }
    }

    /** Opens a direct-tcpip channel to the host and port, as a bastion does. */
    ChannelDirectTCPIP tunnel(String host, int port) throws JSchException {
        ChannelDirectTCPIP channel = (ChannelDirectTCPIP) session.openChannel("direct-tcpip");
        channel.setHost(host);
        channel.setPort(port);
        return channel;
    }

    @Override
    public void close() {
        session.disconnect();
    }

    /** Polls briefly for the channel's close, which comes right after the exit status. */
    private static void awaitClosed(ChannelExec channel) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!channel.isClosed()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the channel did not close within " + WAIT);
            }
            LockSupport.parkNanos(500_000);
        }
    }

    /** Captured output that tells when JSch closed it (at the channel's EOF). */
    private static final class Captured extends ByteArrayOutputStream {
        final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public void close() {
            closed.countDown();
        }
    }

    /** What a command wrote and how it ended. */
    record Result(int exit, String stdout, String stderr) {
    }

    /** A JSch proxy that is a direct-tcpip channel of a bastion's session. */
    private static final class Tunnel implements Proxy {
        private final Session bastion;
        private ChannelDirectTCPIP channel;
        private InputStream in;
        private OutputStream out;

        Tunnel(Session bastion) {
            this.bastion = bastion;
        }

        @Override
        public void connect(SocketFactory factory, String host, int port, int timeout) throws Exception {
            channel = (ChannelDirectTCPIP) bastion.openChannel("direct-tcpip");
            channel.setHost(host);
            channel.setPort(port);
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
}
