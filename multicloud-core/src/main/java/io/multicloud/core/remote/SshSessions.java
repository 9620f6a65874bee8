package io.multicloud.core.remote;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Open SSH sessions, one per VM, address and user, reused by later commands while they stay
 * connected (idle ones leave the pool after a while, 5 minutes by default, and close once no
 * command uses them). A session is only ever handed out connected;
 * one found broken is dropped and made again. Host keys are checked against the store's pins
 * ({@link PinnedHostKeys}); a VM behind a bastion is reached through the bastion's own pooled
 * session. Connecting happens on virtual threads outside any cache lock, so 200 VMs connect at
 * once.
 */
final class SshSessions implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SshSessions.class);
    /**
     * Key exchanges offered, best first: X25519 (fast, so hundreds of VMs log in at
     * once), then the NIST curves and Diffie-Hellman for older servers. JSch's post-quantum hybrids
     * (ML-KEM, sntrup) cost several times as much CPU per login and need a newer JDK; they are left
     * out.
     */
    static final String KEX = "curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,ecdh-sha2-nistp384,"
            + "ecdh-sha2-nistp521,diffie-hellman-group-exchange-sha256,diffie-hellman-group16-sha512,"
            + "diffie-hellman-group14-sha256";
    /** How long an unused session stays open, unless told otherwise. */
    static final Duration IDLE = Duration.ofMinutes(5);

    private final PinnedHostKeys pins;
    private final SshCredentials credentials;
    private final ExecutorService connectors = Executors.newVirtualThreadPerTaskExecutor();
    private final ThreadFactory sessionThreads = Thread.ofVirtual().name("multicloud-ssh-", 0).factory();
    /**
     * Connect attempts by session key. A failed attempt is a value, never a failed future: Caffeine
     * would log a failed asynchronous load with its stack trace through java.util.logging, on the
     * user's console. A failed attempt is taken out by the caller that sees it.
     */
    private final AsyncCache<String, Attempt> open;
    /** Sessions handed out and not released yet: a session leaves the pool, but closes only when none uses it. */
    private final Map<Session, Integer> leases = new IdentityHashMap<>();
    private final Set<Session> retired = Collections.newSetFromMap(new IdentityHashMap<>());
    /** The bastion session each session through a bastion runs in: held (leased) as long as it lives. */
    private final Map<Session, Session> bastionOf = new ConcurrentHashMap<>();

    /** Sessions pinning host keys in the store, each leaving the pool after {@code idle} unused. */
    /**
     * Ed25519 and X25519 through Bouncy Castle, not the JDK: about 8 times less CPU per
     * signature, check and key agreement (measured on JDK 25: sign 0.05 ms against 0.42, verify
     * 0.06 against 0.40), which is most of a login's cost when hundreds of VMs log in at once.
     */
    private static final String BC_ED25519 = "com.jcraft.jsch.bc.SignatureEd25519";
    private static final String BC_XDH = "com.jcraft.jsch.bc.XDH";

    static {
        // JSch signs with a key through its global setting only; one the application chose is kept.
        if ("com.jcraft.jsch.jce.SignatureEd25519".equals(JSch.getConfig("ssh-ed25519"))) {
            JSch.setConfig("ssh-ed25519", BC_ED25519);
        }
    }

    SshSessions(SshStore store, SshCredentials credentials, Duration idle) {
        this.pins = new PinnedHostKeys(store);
        this.credentials = credentials;
        this.open = Caffeine.newBuilder()
                .expireAfterAccess(idle)
                .executor(Runnable::run)
                .scheduler(Scheduler.systemScheduler())   // idle sessions close on time, with no other call to notice
                .removalListener((String key, Attempt attempt, RemovalCause cause) -> {
                    if (attempt != null && attempt.session() != null) {
                        retire(attempt.session());
                    }
                })
                .buildAsync();
    }

    /**
     * A connected session to the endpoint, through the bastion when one is given.
     *
     * @throws RemoteFailure with the kind of failure, naming the VM
     */
    Session session(SshEndpoint target, SshEndpoint bastion, Duration connectTimeout) {
        String key = bastion == null ? target.sessionKey() : target.sessionKey() + "|via|" + bastion.sessionKey();
        for (int tries = 0; ; tries++) {
            CompletableFuture<Attempt> pending = open.get(key, (k, executor) -> CompletableFuture.supplyAsync(
                    () -> Attempt.of(() -> bastion == null ? connect(target, null, connectTimeout)
                            : connectThrough(target, bastion, connectTimeout)),
                    connectors));
            Attempt attempt = await(pending);
            if (attempt.failure() != null) {
                open.asMap().remove(key, pending);   // a failure is not kept: the next call tries again
                throw attempt.failure();
            }
            Session session = attempt.session();
            if (session.isConnected() || tries > 0) {
                lease(session);
                return session;
            }
            // Closed by the VM (rebooted, rebuilt) since it was last used: make it again.
            open.asMap().remove(key, pending);
            session.disconnect();
        }
    }

    /** A connected session, or why there is none. */
    private record Attempt(Session session, RemoteFailure failure) {
        static Attempt of(Supplier<Session> connect) {
            try {
                return new Attempt(connect.get(), null);
            } catch (RemoteFailure e) {
                return new Attempt(null, e);
            } catch (RuntimeException e) {
                return new Attempt(null, new RemoteFailure(TransportError.Kind.CONNECT, String.valueOf(e)));
            }
        }
    }

    /**
     * Ends the caller's use of a session from {@link #session}: a session the pool let go meanwhile
     * (idle too long, found broken) closes when its last user releases it, so that a long command
     * is never cut off by the idle timer.
     */
    void release(Session session) {
        boolean close;
        synchronized (leases) {
            int left = leases.merge(session, -1, Integer::sum);
            if (left > 0) {
                return;
            }
            leases.remove(session);
            close = retired.remove(session);
        }
        if (close) {
            close(session);
        }
    }

    /** Takes a session that failed to open a channel out of the pool, so the next call connects anew. */
    void discard(SshEndpoint target, SshEndpoint bastion, Session session) {
        String key = bastion == null ? target.sessionKey() : target.sessionKey() + "|via|" + bastion.sessionKey();
        CompletableFuture<Attempt> pending = open.getIfPresent(key);
        if (pending != null && pending.isDone() && pending.join().session() == session) {
            open.asMap().remove(key, pending);
        }
    }

    /** How many sessions are open. */
    int size() {
        return (int) open.synchronous().asMap().values().stream().filter(a -> a.session() != null).count();
    }

    @Override
    public void close() {
        open.synchronous().invalidateAll();
        List<Session> left;
        synchronized (leases) {
            left = new ArrayList<>(leases.keySet());
            left.addAll(retired);
            leases.clear();
            retired.clear();
        }
        left.forEach(Session::disconnect);
        bastionOf.values().forEach(Session::disconnect);
        bastionOf.clear();
        connectors.shutdownNow();
    }

    private void lease(Session session) {
        synchronized (leases) {
            leases.merge(session, 1, Integer::sum);
        }
    }

    /** Out of the pool: closes now when unused, else when its last user releases it. */
    private void retire(Session session) {
        synchronized (leases) {
            if (leases.containsKey(session)) {
                retired.add(session);
                return;
            }
        }
        close(session);
    }

    private void close(Session session) {
        session.disconnect();
        Session bastion = bastionOf.remove(session);
        if (bastion != null) {
            release(bastion);
        }
    }

    /** Connects through the bastion's session, which stays leased as long as this session lives. */
    private Session connectThrough(SshEndpoint target, SshEndpoint bastion, Duration timeout) {
        Session jump = session(bastion, null, timeout);
        try {
            Session session = connect(target, jump, timeout);
            bastionOf.put(session, jump);
            return session;
        } catch (RuntimeException e) {
            release(jump);
            throw e;
        }
    }

    private Session connect(SshEndpoint target, Session bastion, Duration timeout) {
        SshCredentials.Login login = credentials.login(target);
        try {
            JSch jsch = new JSch();
            jsch.setInstanceLogger(new JschLog());
            jsch.setHostKeyRepository(pins);
            if (login.privateKey() != null) {
                jsch.addIdentity(target.vm(), login.privateKey().reveal().getBytes(StandardCharsets.UTF_8), null, null);
            }
            Session session = jsch.getSession(target.user(), target.host(), target.port());
            session.setHostKeyAlias(PinnedHostKeys.alias(target.connection(), target.vmId()));
            session.setConfig("StrictHostKeyChecking", "yes");
            session.setConfig("kex", KEX);
            session.setConfig("xdh", BC_XDH);
            session.setConfig("ssh-ed25519", BC_ED25519);
            // JSch would otherwise try out every post-quantum and exotic algorithm on each connect (key
            // generation included), several ms of CPU per VM; everything in these lists is in JDK 21.
            session.setConfig("CheckKexes", "");
            session.setConfig("CheckCiphers", "");
            session.setConfig("CheckSignatures", "");
            // Straight to the method we have, without first asking with "none" which ones the server takes.
            session.setConfig("enable_auth_none", "no");
            // The signed login at once, without first asking whether the server would take the key: one round trip less.
            session.setConfig("enable_pubkey_auth_query", "no");
            session.setConfig("PreferredAuthentications", login.privateKey() != null ? "publickey" : "password,keyboard-interactive");
            if (login.password() != null) {
                session.setPassword(login.password().reveal());
            }
            session.setThreadFactory(sessionThreads);
            session.setServerAliveInterval(30_000);
            if (bastion != null) {
                session.setProxy(new JumpProxy(bastion));
            } else {
                session.setSocketFactory(new TimedSocketFactory((int) timeout.toMillis()));
            }
            session.connect((int) timeout.toMillis());
            LOG.debug("connected to {}{}", target.label(), bastion == null ? "" : " through a bastion");
            return session;
        } catch (JSchException e) {
            throw failure(target, login, bastion != null, e);
        }
    }

    private static Attempt await(CompletableFuture<Attempt> pending) {
        try {
            return pending.get();
        } catch (ExecutionException | CompletionException e) {
            throw new RemoteFailure(TransportError.Kind.CONNECT, String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteFailure(TransportError.Kind.CONNECT, "interrupted while connecting");
        }
    }

    /** Sorts JSch's failure into the kinds a user can act on; the message names the VM. */
    static RemoteFailure failure(SshEndpoint target, SshCredentials.Login login, boolean viaBastion, JSchException e) {
        String where = target.label() + (viaBastion ? " through its bastion" : "");
        if (e instanceof JSchChangedHostKeyException) {
            return new RemoteFailure(TransportError.Kind.HOST_KEY_CHANGED, where + " showed a host key other than the one"
                    + " pinned for it on first use: refused (if the VM was rebuilt, remove the line of '"
                    + PinnedHostKeys.alias(target.connection(), target.vmId()) + "' from the store's known_hosts)");
        }
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("Auth fail") || message.startsWith("Auth cancel")) {
            return new RemoteFailure(TransportError.Kind.AUTHENTICATION, where + " refused the login of user "
                    + target.user() + " with its " + (login.privateKey() != null ? "key pair's key" : "password"));
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
