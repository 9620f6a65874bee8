package io.multicloud.core.remote;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchChangedHostKeyException;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Open SSH sessions, one per VM, address and user, reused by later commands while they stay
 * connected (idle ones close after {@link #IDLE}). A session is only ever handed out connected;
 * one found broken is dropped and made again. Host keys are checked against the store's pins
 * ({@link PinnedHostKeys}); a VM behind a bastion is reached through the bastion's own pooled
 * session. Connecting happens on virtual threads outside any cache lock, so 200 VMs connect at
 * once.
 */
final class SshSessions implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SshSessions.class);
    /**
     * Key exchanges offered, best first: X25519 (fast in the JDK, so hundreds of VMs log in at
     * once), then the NIST curves and Diffie-Hellman for older servers. JSch's post-quantum hybrids
     * (ML-KEM, sntrup) cost several times as much CPU per login and need a newer JDK; they are left
     * out.
     */
    static final String KEX = "curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,ecdh-sha2-nistp384,"
            + "ecdh-sha2-nistp521,diffie-hellman-group-exchange-sha256,diffie-hellman-group16-sha512,"
            + "diffie-hellman-group14-sha256";
    /** How long an unused session stays open. */
    static final Duration IDLE = Duration.ofMinutes(5);

    private final PinnedHostKeys pins;
    private final ExecutorService connectors = Executors.newVirtualThreadPerTaskExecutor();
    private final ThreadFactory sessionThreads = Thread.ofVirtual().name("multicloud-ssh-", 0).factory();
    private final AsyncCache<String, Session> open = Caffeine.newBuilder()
            .expireAfterAccess(IDLE)
            .executor(Runnable::run)
            .removalListener((String key, Session session, RemovalCause cause) -> {
                if (session != null) {
                    session.disconnect();
                }
            })
            .buildAsync();

    SshSessions(SshStore store) {
        this.pins = new PinnedHostKeys(store);
    }

    /**
     * A connected session to the endpoint, through the bastion when one is given.
     *
     * @throws RemoteFailure with the kind of failure, naming the VM
     */
    Session session(SshEndpoint target, SshEndpoint bastion, Duration connectTimeout) {
        String key = bastion == null ? target.sessionKey() : target.sessionKey() + "|via|" + bastion.sessionKey();
        for (int attempt = 0; ; attempt++) {
            CompletableFuture<Session> pending = open.get(key, (k, executor) -> CompletableFuture.supplyAsync(
                    () -> connect(target, bastion == null ? null : session(bastion, null, connectTimeout), connectTimeout),
                    connectors));
            Session session = await(pending);
            if (session.isConnected() || attempt > 0) {
                return session;
            }
            // Closed by the VM (rebooted, rebuilt) since it was last used: make it again.
            open.synchronous().asMap().remove(key, session);
            session.disconnect();
        }
    }

    /** Drops a session that failed to open a channel, so the next call connects anew. */
    void discard(SshEndpoint target, SshEndpoint bastion, Session session) {
        String key = bastion == null ? target.sessionKey() : target.sessionKey() + "|via|" + bastion.sessionKey();
        open.synchronous().asMap().remove(key, session);
        session.disconnect();
    }

    /** How many sessions are open. */
    int size() {
        return open.synchronous().asMap().size();
    }

    @Override
    public void close() {
        open.synchronous().invalidateAll();
        connectors.shutdownNow();
    }

    private Session connect(SshEndpoint target, Session bastion, Duration timeout) {
        try {
            JSch jsch = new JSch();
            jsch.setInstanceLogger(new JschLog());
            jsch.setHostKeyRepository(pins);
            if (target.privateKey() != null) {
                jsch.addIdentity(target.vm(), target.privateKey().reveal().getBytes(StandardCharsets.UTF_8), null, null);
            }
            Session session = jsch.getSession(target.user(), target.host(), target.port());
            session.setHostKeyAlias(PinnedHostKeys.alias(target.connection(), target.vmId()));
            session.setConfig("StrictHostKeyChecking", "yes");
            session.setConfig("kex", KEX);
            // JSch would otherwise try out every post-quantum and exotic algorithm on each connect (key
            // generation included), several ms of CPU per VM; everything in these lists is in JDK 21.
            session.setConfig("CheckKexes", "");
            session.setConfig("CheckCiphers", "");
            session.setConfig("CheckSignatures", "");
            session.setConfig("PreferredAuthentications", target.privateKey() != null ? "publickey" : "password,keyboard-interactive");
            if (target.password() != null) {
                session.setPassword(target.password().reveal());
            }
            session.setThreadFactory(sessionThreads);
            session.setServerAliveInterval(30_000);
            if (bastion != null) {
                session.setProxy(new JumpProxy(bastion));
            }
            session.connect((int) timeout.toMillis());
            LOG.debug("connected to {}{}", target.label(), bastion == null ? "" : " through a bastion");
            return session;
        } catch (JSchException e) {
            throw failure(target, bastion != null, e);
        }
    }

    private static Session await(CompletableFuture<Session> pending) {
        try {
            return pending.get();
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof RemoteFailure failure) {
                throw failure;
            }
            throw new RemoteFailure(TransportError.Kind.CONNECT, String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteFailure(TransportError.Kind.CONNECT, "interrupted while connecting");
        }
    }

    /** Sorts JSch's failure into the kinds a user can act on; the message names the VM. */
    static RemoteFailure failure(SshEndpoint target, boolean viaBastion, JSchException e) {
        String where = target.label() + (viaBastion ? " through its bastion" : "");
        if (e instanceof JSchChangedHostKeyException) {
            return new RemoteFailure(TransportError.Kind.HOST_KEY_CHANGED, where + " showed a host key other than the one"
                    + " pinned for it on first use: refused (if the VM was rebuilt, remove the line of '"
                    + PinnedHostKeys.alias(target.connection(), target.vmId()) + "' from the store's known_hosts)");
        }
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("Auth fail") || message.startsWith("Auth cancel")) {
            return new RemoteFailure(TransportError.Kind.AUTHENTICATION, where + " refused the login of user "
                    + target.user() + " with its " + (target.privateKey() != null ? "key pair's key" : "password"));
        }
        Throwable cause = e.getCause();
        if (cause instanceof ConnectException || cause instanceof SocketTimeoutException
                || cause instanceof NoRouteToHostException || cause instanceof UnknownHostException
                || message.contains("timeout") || message.contains("Connection refused")) {
            return new RemoteFailure(TransportError.Kind.CONNECT, where + " could not be reached: "
                    + (cause != null ? cause.getMessage() : message));
        }
        return new RemoteFailure(TransportError.Kind.CONNECT, where + ": " + message);
    }
}
