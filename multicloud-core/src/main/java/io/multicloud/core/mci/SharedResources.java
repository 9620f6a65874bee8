package io.multicloud.core.mci;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.Cloud;
import io.multicloud.api.CloudException;
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
 * connection, the others wait for it), and deleted again when no VM of this library uses them.
 * A second process that creates the same one first makes this one find it (AlreadyExists is
 * answered by looking again). Each creation is journaled under the reserved name
 * {@value #JOURNAL_NAME}. The key pair's private key, handed out once by the cloud, goes to the
 * SSH store at once, for the remote commands (and is removed when the key pair is deleted).
 */
final class SharedResources {
    private static final Logger LOG = LoggerFactory.getLogger(SharedResources.class);
    /** The journal name of shared resources (not a valid MCI name, so it never clashes). */
    static final String JOURNAL_NAME = "_shared";
    static final String VPC = "multicloud-vpc";
    static final String SUBNET = "multicloud-subnet";
    static final String SECURITY_GROUP = "multicloud-sg";
    static final String KEY_PAIR = "multicloud-key";
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

    SharedResources(Journal journal, Retry retry, SshStore keys) {
        this.keys = keys;
        this.journal = journal;
        this.retry = retry;
    }

    /**
     * The shared set of a connection, found or made, leased to the caller until {@link #endUse}:
     * while leased it is not deleted, even before the caller's VMs exist. Concurrent callers for
     * one connection wait for one another; different connections proceed in parallel.
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

    /** Ends a lease taken by {@link #acquire}. */
    void endUse(Cloud cloud) {
        String connection = cloud.config().name();
        synchronized (locks.computeIfAbsent(connection, k -> new Object())) {
            leases.computeIfPresent(connection, (k, n) -> n <= 1 ? null : n - 1);
        }
    }

    /** The shared resources of a connection that exist while no VM uses them and no operation holds them. */
    List<MciRecovery.Orphan> unused(Cloud cloud) {
        String connection = cloud.config().name();
        synchronized (locks.computeIfAbsent(connection, k -> new Object())) {
            if (leases.containsKey(connection) || cloud.vms().list().stream().anyMatch(vm -> VPC.equals(vm.vpc()))) {
                return List.of();
            }
            List<MciRecovery.Orphan> out = new java.util.ArrayList<>();
            if (cloud.vpcs().find(VPC).isPresent()) {
                out.add(new MciRecovery.Orphan(connection, ResourceKind.VPC, VPC, JOURNAL_NAME));
            }
            if (cloud.securityGroups().find(SECURITY_GROUP).isPresent()) {
                out.add(new MciRecovery.Orphan(connection, ResourceKind.SECURITY_GROUP, SECURITY_GROUP, JOURNAL_NAME));
            }
            if (cloud.keyPairs().find(KEY_PAIR).isPresent()) {
                out.add(new MciRecovery.Orphan(connection, ResourceKind.KEY_PAIR, KEY_PAIR, JOURNAL_NAME));
            }
            return out;
        }
    }

    /**
     * Deletes the connection's shared set when no VM of any MCI uses its network any more (the
     * cloud is asked: another process's VMs count too). Called after VMs were deleted.
     */
    void releaseIfUnused(Cloud cloud, Progress progress) {
        String connection = cloud.config().name();
        synchronized (locks.computeIfAbsent(connection, k -> new Object())) {
            boolean used = leases.containsKey(connection)
                    || cloud.vms().list().stream().anyMatch(vm -> VPC.equals(vm.vpc()));
            if (used) {
                return;
            }
            ready.remove(connection);
            deleteIfPresent(cloud, ResourceKind.SECURITY_GROUP, SECURITY_GROUP, progress,
                    () -> cloud.securityGroups().find(SECURITY_GROUP).isPresent(), () -> cloud.securityGroups().delete(SECURITY_GROUP));
            deleteIfPresent(cloud, ResourceKind.KEY_PAIR, KEY_PAIR, progress,
                    () -> cloud.keyPairs().find(KEY_PAIR).isPresent(), () -> cloud.keyPairs().delete(KEY_PAIR));
            keys.removePrivateKey(connection, KEY_PAIR);
            deleteIfPresent(cloud, ResourceKind.VPC, VPC, progress,
                    () -> cloud.vpcs().find(VPC).isPresent(), () -> cloud.vpcs().delete(VPC));
        }
    }

    /**
     * Creates the set, or finds what exists: creating first saves a look-up call on a new
     * connection (the common case), and a taken name answers AlreadyExists, after which the
     * resource is found. The key pair is made beside the network and security group chain.
     */
    private Set findOrCreate(Cloud cloud, Progress progress) {
        Thread key = Thread.ofVirtual().unstarted(() -> ensure(cloud, ResourceKind.KEY_PAIR, KEY_PAIR, progress,
                () -> cloud.keyPairs().find(KEY_PAIR).map(k -> k.id()),
                () -> {
                    KeyPair created = cloud.keyPairs().create(KeyPairRequest.named(KEY_PAIR));
                    created.privateKeyOnce().ifPresent(secret -> keys.putPrivateKey(cloud.config().name(), KEY_PAIR, secret));
                    return created.id();
                }));
        java.util.concurrent.atomic.AtomicReference<RuntimeException> keyFailure = new java.util.concurrent.atomic.AtomicReference<>();
        key.setUncaughtExceptionHandler((t, e) -> keyFailure.set(e instanceof RuntimeException r ? r : new IllegalStateException(e)));
        key.start();
        try {
            ensure(cloud, ResourceKind.VPC, VPC, progress, () -> cloud.vpcs().find(VPC).map(v -> v.id()),
                    () -> cloud.vpcs().create(VpcRequest.named(VPC).cidr(VPC_CIDR).subnet(SUBNET, SUBNET_CIDR)).id());
            ensure(cloud, ResourceKind.SECURITY_GROUP, SECURITY_GROUP, progress,
                    () -> cloud.securityGroups().find(SECURITY_GROUP).map(g -> g.id()),
                    () -> cloud.securityGroups().create(SecurityGroupRequest.named(SECURITY_GROUP).vpc(VPC)
                            .allowInbound(Protocol.TCP, 22)).id());
        } finally {
            joinQuietly(key);
        }
        if (keyFailure.get() != null) {
            throw keyFailure.get();
        }
        return new Set(VPC, SUBNET, SECURITY_GROUP, KEY_PAIR);
    }

    /** Creates the resource (intent journaled first, retried), or finds it when its name is taken. */
    private void ensure(Cloud cloud, ResourceKind kind, String name, Progress progress,
                        Supplier<Optional<String>> find, Supplier<String> create) {
        JournalEntry intent = journal.intent(JOURNAL_NAME, kind, JournalEntry.ConnectionRef.of(cloud.config()), name, Map.of());
        progress.started("create", kind, name, cloud);
        try {
            String id = retry.call(create, progress.retries("create", kind, name, cloud));
            journal.created(intent, id);
            progress.done("create", kind, name, cloud);
        } catch (AlreadyExistsException e) {
            // Made before (by an earlier MCI, or another process): it is ours to use as it is.
            journal.failed(intent, "exists already");
            find.get().orElseThrow(() -> e);
        } catch (CloudException e) {
            journal.failed(intent, e.getMessage());
            progress.failed("create", kind, name, cloud, e);
            throw e;
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deleteIfPresent(Cloud cloud, ResourceKind kind, String name, Progress progress,
                                 Supplier<Boolean> present, Runnable delete) {
        if (!present.get()) {
            return;
        }
        progress.started("delete", kind, name, cloud);
        try {
            retry.call(() -> {
                delete.run();
                return null;
            }, progress.retries("delete", kind, name, cloud));
            journal.deleted(JOURNAL_NAME, kind, JournalEntry.ConnectionRef.of(cloud.config()), name);
            progress.done("delete", kind, name, cloud);
        } catch (NotFoundException e) {
            LOG.debug("shared {} {} went meanwhile", kind.label(), name);
        }
    }
}
