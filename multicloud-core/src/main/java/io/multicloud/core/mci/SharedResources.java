package io.multicloud.core.mci;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.Cloud;
import io.multicloud.api.CloudException;
import io.multicloud.api.ConflictException;
import io.multicloud.api.KeyPair;
import io.multicloud.api.KeyPairRequest;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.Protocol;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.SecurityGroupRequest;
import io.multicloud.core.remote.SshStore;
import io.multicloud.api.VpcRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network, subnet, security group and key pair that dynamic subgroups share on one
 * connection: found, or created once however many MCIs ask at the same time (one creation per
 * connection, the others wait for it), and deleted again when the cloud shows no VM on the network
 * (any process's VMs count; the check is made again right before the network goes). A second
 * process that creates the same one first makes this one find it (AlreadyExists, or a lost answer,
 * is answered by looking again); a VM create that finds the set gone (another process deleted it)
 * makes it again through {@link #refresh}. Each creation is journaled under the reserved name
 * {@value #JOURNAL_NAME}.
 *
 * <p>The key pair belongs to this SSH store ({@code multicloud-key-<store id>}): its private key,
 * handed out once by the cloud, goes to the store at once, for the remote commands. When the key
 * pair exists but the store lacks its private key (its create answer was lost), it is replaced:
 * a key pair nobody can log in with is never used.
 */
final class SharedResources {
    private static final Logger LOG = LoggerFactory.getLogger(SharedResources.class);
    /** The journal name of shared resources (not a valid MCI name, so it never clashes). */
    static final String JOURNAL_NAME = "_shared";
    static final String VPC = "multicloud-vpc";
    static final String SUBNET = "multicloud-subnet";
    static final String SECURITY_GROUP = "multicloud-sg";
    /** The prefix of the shared key pairs' names; the rest is the SSH store's id. */
    static final String KEY_PAIR_PREFIX = "multicloud-key-";
    static final String VPC_CIDR = "10.250.0.0/16";
    static final String SUBNET_CIDR = "10.250.0.0/18";

    /** What a dynamic subgroup's VMs are created with. */
    record Set(String vpc, String subnet, String securityGroup, String keyPair) {
    }

    private final Journal journal;
    private final Retry retry;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final Map<String, Set> ready = new ConcurrentHashMap<>();
    private final SshStore keys;
    /** Operations under way that acquired a connection's set and have not made their VMs yet. */
    private final Map<String, Integer> leases = new ConcurrentHashMap<>();
    private volatile String keyPair;

    SharedResources(Journal journal, Retry retry, SshStore keys) {
        this.keys = keys;
        this.journal = journal;
        this.retry = retry;
    }

    /** The name of this store's shared key pair. */
    String keyPair() {
        String name = keyPair;
        if (name == null) {
            name = KEY_PAIR_PREFIX + keys.id();
            keyPair = name;
        }
        return name;
    }

    /**
     * The shared set of a connection, found or made, leased to the caller until {@link #endUse}:
     * while leased it is not deleted by this process, even before the caller's VMs exist.
     * Concurrent callers for one connection wait for one another; different connections proceed
     * in parallel.
     */
    Set acquire(Cloud cloud, Progress progress) {
        String connection = cloud.config().name();
        synchronized (locks.computeIfAbsent(connection, k -> new Object())) {
            Set known = ready.get(connection);
            if (known == null) {
                known = findOrCreate(cloud, progress);
                ready.put(connection, known);
            }
            leases.merge(connection, 1, Integer::sum);
            return known;
        }
    }

    /**
     * After a VM create found part of the set gone (another process deleted it meanwhile): forget
     * what is known and make or find the set again; the caller keeps its lease.
     */
    Set refresh(Cloud cloud, Progress progress) {
        String connection = cloud.config().name();
        synchronized (locks.computeIfAbsent(connection, k -> new Object())) {
            ready.remove(connection);
            Set again = findOrCreate(cloud, progress);
            ready.put(connection, again);
            return again;
        }
    }

    /** Ends a lease taken by {@link #acquire}. */
    void endUse(Cloud cloud) {
        String connection = cloud.config().name();
        synchronized (locks.computeIfAbsent(connection, k -> new Object())) {
            leases.computeIfPresent(connection, (k, n) -> n <= 1 ? null : n - 1);
        }
    }

    /** Whether a resource of this kind and name is one of the shared set (of any store, for key pairs). */
    static boolean isShared(ResourceKind kind, String name) {
        if (kind == null) {
            return false;
        }
        return switch (kind) {
            case VPC -> VPC.equals(name);
            case SUBNET -> SUBNET.equals(name);
            case SECURITY_GROUP -> SECURITY_GROUP.equals(name);
            case KEY_PAIR -> name != null && name.startsWith(KEY_PAIR_PREFIX);
            default -> false;
        };
    }

    /**
     * The shared resources of a connection that exist while no VM uses them and no operation of
     * this process holds them: the network and security group when no VM is on the network, and
     * every store's shared key pair that no VM uses.
     */
    List<MciRecovery.Orphan> unused(Cloud cloud) {
        String connection = cloud.config().name();
        synchronized (locks.computeIfAbsent(connection, k -> new Object())) {
            if (leases.containsKey(connection)) {
                return List.of();
            }
            List<io.multicloud.api.Vm> vms = cloud.vms().list();
            List<MciRecovery.Orphan> out = new java.util.ArrayList<>();
            if (vms.stream().noneMatch(vm -> VPC.equals(vm.vpc()))) {
                if (cloud.vpcs().find(VPC).isPresent()) {
                    out.add(new MciRecovery.Orphan(connection, ResourceKind.VPC, VPC, JOURNAL_NAME));
                }
                if (cloud.securityGroups().find(SECURITY_GROUP).isPresent()) {
                    out.add(new MciRecovery.Orphan(connection, ResourceKind.SECURITY_GROUP, SECURITY_GROUP, JOURNAL_NAME));
                }
            }
            java.util.Set<String> usedKeys = new java.util.HashSet<>();
            vms.forEach(vm -> usedKeys.add(vm.keyPair()));
            cloud.keyPairs().list().stream().map(KeyPair::name)
                    .filter(name -> name.startsWith(KEY_PAIR_PREFIX) && !usedKeys.contains(name))
                    .forEach(name -> out.add(new MciRecovery.Orphan(connection, ResourceKind.KEY_PAIR, name, JOURNAL_NAME)));
            return out;
        }
    }

    /**
     * Deletes the connection's shared set when no VM of any MCI uses its network any more (the
     * cloud is asked, so another process's VMs count too, and asked again right before the network
     * itself goes). A cloud that refuses a delete because something uses it now (a VM another
     * process just made) ends the release quietly: the set stays for that user. Called after VMs
     * were deleted.
     */
    void releaseIfUnused(Cloud cloud, Progress progress) {
        String connection = cloud.config().name();
        synchronized (locks.computeIfAbsent(connection, k -> new Object())) {
            if (leases.containsKey(connection)) {
                return;
            }
            List<io.multicloud.api.Vm> vms = cloud.vms().list();
            if (vms.stream().anyMatch(vm -> VPC.equals(vm.vpc()))) {
                return;
            }
            ready.remove(connection);
            String key = keyPair();
            boolean keyUnused = vms.stream().noneMatch(vm -> key.equals(vm.keyPair()));
            try {
                // The security group and the key pair at once; the network last, after one more look.
                Parallel.map(List.of(ResourceKind.SECURITY_GROUP, ResourceKind.KEY_PAIR), kind -> {
                    if (kind == ResourceKind.SECURITY_GROUP) {
                        deleteIfPresent(cloud, kind, SECURITY_GROUP, progress, () -> cloud.securityGroups().forceDelete(SECURITY_GROUP));
                    } else if (keyUnused) {
                        deleteIfPresent(cloud, kind, key, progress, () -> cloud.keyPairs().forceDelete(key));
                        keys.removePrivateKey(connection, key);
                    }
                    return null;
                });
                if (networkInUse(cloud)) {
                    return;
                }
                deleteIfPresent(cloud, ResourceKind.VPC, VPC, progress, () -> cloud.vpcs().forceDelete(VPC));
            } catch (ConflictException e) {
                LOG.debug("shared resources of {} are in use again, kept: {}", connection, e.getMessage());
            }
        }
    }

    private static boolean networkInUse(Cloud cloud) {
        return cloud.vms().list().stream().anyMatch(vm -> VPC.equals(vm.vpc()));
    }

    /**
     * Creates the set, or finds what exists: creating first saves a look-up call on a new
     * connection (the common case), and a taken name answers AlreadyExists, after which the
     * resource is found. The key pair is made beside the network and security group chain.
     */
    private Set findOrCreate(Cloud cloud, Progress progress) {
        String key = keyPair();
        Thread keyThread = Thread.ofVirtual().unstarted(() -> ensureKeyPair(cloud, key, progress));
        java.util.concurrent.atomic.AtomicReference<RuntimeException> keyFailure = new java.util.concurrent.atomic.AtomicReference<>();
        keyThread.setUncaughtExceptionHandler((t, e) -> keyFailure.set(e instanceof RuntimeException r ? r : new IllegalStateException(e)));
        keyThread.start();
        try {
            ensure(cloud, ResourceKind.VPC, VPC, progress, () -> cloud.vpcs().find(VPC).map(v -> v.id()),
                    () -> cloud.vpcs().create(VpcRequest.named(VPC).cidr(VPC_CIDR).subnet(SUBNET, SUBNET_CIDR)).id());
            ensure(cloud, ResourceKind.SECURITY_GROUP, SECURITY_GROUP, progress,
                    () -> cloud.securityGroups().find(SECURITY_GROUP).map(g -> g.id()),
                    () -> cloud.securityGroups().create(SecurityGroupRequest.named(SECURITY_GROUP).vpc(VPC)
                            .allowInbound(Protocol.TCP, 22)).id());
        } finally {
            joinQuietly(keyThread);
        }
        if (keyFailure.get() != null) {
            throw keyFailure.get();
        }
        return new Set(VPC, SUBNET, SECURITY_GROUP, key);
    }

    /**
     * Makes this store's key pair, or uses the one there when the store holds its private key. One
     * that the store cannot log in with (its create answer was lost, or the store was wiped) is
     * deleted and made again.
     */
    private void ensureKeyPair(Cloud cloud, String key, Progress progress) {
        String connection = cloud.config().name();
        Supplier<String> create = () -> {
            KeyPair created = cloud.keyPairs().create(KeyPairRequest.named(key));
            created.privateKeyOnce().ifPresent(secret -> keys.putPrivateKey(connection, key, secret));
            return created.id();
        };
        ensure(cloud, ResourceKind.KEY_PAIR, key, progress, () -> cloud.keyPairs().find(key).map(k -> k.id()), create);
        if (!keys.hasPrivateKey(connection, key)) {
            LOG.info("the shared key pair {} of {} has no private key in the SSH store (its create answer was lost?): replaced",
                    key, connection);
            deleteIfPresent(cloud, ResourceKind.KEY_PAIR, key, progress, () -> cloud.keyPairs().forceDelete(key));
            ensure(cloud, ResourceKind.KEY_PAIR, key, progress, () -> cloud.keyPairs().find(key).map(k -> k.id()), create);
            if (!keys.hasPrivateKey(connection, key)) {
                throw new ConflictException(io.multicloud.api.ErrorContext.of(connection, ResourceKind.KEY_PAIR, key),
                        "the key pair was made again but its private key did not reach the SSH store");
            }
        }
    }

    /**
     * Creates the resource (intent journaled first, retried on retryable errors), or finds it when
     * its name is taken: by an earlier MCI, another process, or this very create whose answer was lost.
     */
    private void ensure(Cloud cloud, ResourceKind kind, String name, Progress progress,
                        Supplier<Optional<String>> find, Supplier<String> create) {
        JournalEntry intent = journal.intent(JOURNAL_NAME, kind, JournalEntry.ConnectionRef.of(cloud.config()), name, Map.of());
        progress.started("create", kind, name, cloud);
        try {
            String id = retry.call(create, progress.retries("create", kind, name, cloud));
            journal.created(intent, id);
            progress.done("create", kind, name, cloud);
        } catch (AlreadyExistsException e) {
            Optional<String> id = find.get();
            if (id.isEmpty()) {
                journal.failed(intent, "exists already, then not found");
                throw e;
            }
            journal.created(intent, id.get());
            progress.done("create", kind, name, cloud);
        } catch (CloudException e) {
            journal.failed(intent, e.getMessage());
            progress.failed("create", kind, name, cloud, e);
            throw e;
        }
    }

    private static void joinQuietly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Deletes the resource (retried); one that is not there (any more) is as good as deleted. */
    private void deleteIfPresent(Cloud cloud, ResourceKind kind, String name, Progress progress, Runnable delete) {
        progress.started("delete", kind, name, cloud);
        try {
            retry.call(() -> {
                try {
                    delete.run();
                } catch (NotFoundException e) {
                    // gone already: after a lost answer, the retry meets this
                }
                return null;
            }, progress.retries("delete", kind, name, cloud));
            journal.deleted(JOURNAL_NAME, kind, JournalEntry.ConnectionRef.of(cloud.config()), name);
            progress.done("delete", kind, name, cloud);
        } catch (NotFoundException e) {
            LOG.debug("shared {} {} went meanwhile", kind.label(), name);
        }
    }
}
