package io.multicloud.core.remote;

import io.multicloud.api.Cloud;
import io.multicloud.api.ErrorContext;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.KeyPair;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The library's SSH store, a directory the user owns (by default {@code ~/.multicloud/ssh}):
 * private keys of key pairs ({@code keys/<connection>/<key pair>}), passwords of VMs
 * ({@code passwords/<connection>/<vm>}) and the pinned host keys ({@code known_hosts}).
 * Directories are made owner-only (0700) and secrets are written owner-only (0600); a secret
 * whose file others may read is refused, as OpenSSH refuses such a key. Secrets are read only
 * when a login needs them and never logged.
 *
 * <p>The MCI layer puts the private key of the key pair it creates here itself; a key pair the
 * user made (its private key is handed out once, by {@code create}) is put with
 * {@link #putPrivateKey(Cloud, KeyPair)}.
 */
public final class SshStore {
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    /** The platform threads secrets are written on (see {@link #writeSecret}); they end after a minute idle. */
    private static final ExecutorService WRITERS = writers();

    private final Path dir;

    /** A store in this directory (made when first written). */
    public SshStore(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath();
    }

    private static ExecutorService writers() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(),
                Thread.ofPlatform().daemon().name("multicloud-ssh-store-", 0).factory());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** The store's directory. */
    public Path directory() {
        return dir;
    }

    /**
     * This store's id (12 hex digits, made on first use and kept in the store): the MCIs' shared key
     * pair of a connection is named after it, because only this store holds its private key.
     */
    public String id() {
        Path file = dir.resolve("store-id");
        try {
            if (!Files.exists(file)) {
                makeOwnerOnlyDirs(dir);
                byte[] bytes = new byte[6];
                new java.security.SecureRandom().nextBytes(bytes);
                io.multicloud.core.connect.OwnerId.writeOnce(file, java.util.HexFormat.of().formatHex(bytes));
            }
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or make the SSH store's id " + file, e);
        }
    }

    /** The file of pinned host keys. */
    public Path knownHosts() {
        return dir.resolve("known_hosts");
    }

    /** Keeps the private key of a key pair just created (the cloud hands it out only then). */
    public void putPrivateKey(Cloud cloud, KeyPair created) {
        Secret key = created.privateKeyOnce().orElseThrow(() -> new InvalidRequestException(
                ErrorContext.of(cloud.config().name(), ResourceKind.KEY_PAIR, created.name()), "privateKey",
                "key pair " + created.name() + " carries no private key: only the result of create does"));
        putPrivateKey(cloud.config().name(), created.name(), key);
    }

    /** Keeps the private key (OpenSSH or PEM text) of a key pair of a connection. */
    public void putPrivateKey(String connection, String keyPair, Secret privateKey) {
        Objects.requireNonNull(privateKey, "privateKey");
        writeSecret(keyFile(connection, keyPair), privateKey);
    }

    /** Keeps the login password of a VM, for a cloud that gives passwords rather than keys. */
    public void putPassword(String connection, String vm, Secret password) {
        Objects.requireNonNull(password, "password");
        writeSecret(passwordFile(connection, vm), password);
    }

    /** Forgets a key pair's private key (when the key pair is deleted). */
    public void removePrivateKey(String connection, String keyPair) {
        deleteQuietly(keyFile(connection, keyPair));
    }

    /** Whether the private key of a key pair is here. */
    public boolean hasPrivateKey(String connection, String keyPair) {
        return Files.exists(keyFile(connection, keyPair));
    }

    /** The private key of a key pair, when stored; refused when its file is readable by others. */
    Optional<Secret> privateKey(String connection, String keyPair) {
        return readSecret(keyFile(connection, keyPair));
    }

    /** The password of a VM, when stored; refused when its file is readable by others. */
    Optional<Secret> password(String connection, String vm) {
        return readSecret(passwordFile(connection, vm));
    }

    @Override
    public String toString() {
        return "SshStore[" + dir + "]";
    }

    private Path keyFile(String connection, String keyPair) {
        return dir.resolve("keys").resolve(segment("connection", connection)).resolve(segment("key pair", keyPair));
    }

    private Path passwordFile(String connection, String vm) {
        return dir.resolve("passwords").resolve(segment("connection", connection)).resolve(segment("vm", vm));
    }

    /** A name as one safe path segment: connection names may hold {@code /}. */
    private static String segment(String what, String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidRequestException(what, "is missing");
        }
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8);
        return encoded.startsWith(".") ? "%2E" + encoded.substring(1) : encoded;
    }

    /**
     * Writes a secret on one of the store's two platform threads when called from a virtual thread:
     * its five file calls block the carrier thread under it (0.2-0.5 ms here), and an MCI writes
     * the key pairs of 100 connections at one moment, which delayed every other virtual thread,
     * and so the MCI's next calls on every connection, by up to 40 ms. The write is awaited even
     * when interrupted: the key pair exists, so its private key must be kept.
     */
    private void writeSecret(Path file, Secret secret) {
        if (!Thread.currentThread().isVirtual()) {
            write(file, secret);
            return;
        }
        Future<?> done = WRITERS.submit(() -> write(file, secret));
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    done.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Writes through an owner-only temporary file moved into place, so that a reader never sees
     * half a secret: four file calls (create, write, close, rename); the directories are made only
     * when the create finds them missing. Making them first on every write (four more calls, each
     * failing with an exception) made a write cost 0.12 ms of CPU instead of 0.07, and an MCI
     * writes the keys of 100 connections at once.
     */
    private void write(Path file, Secret secret) {
        Path parent = file.getParent();
        Path temp = file.resolveSibling(file.getFileName() + ".tmp-" + ProcessHandle.current().pid()
                + "-" + Thread.currentThread().threadId());
        byte[] bytes = secret.reveal().getBytes(StandardCharsets.UTF_8);
        try {
            try {
                writeNew(temp, bytes);
            } catch (FileAlreadyExistsException e) {
                // Left by a writer of this name that died (same process id and thread id).
                Files.delete(temp);
                writeNew(temp, bytes);
            } catch (NoSuchFileException e) {
                // The first secret of its directory (or the store was wiped meanwhile).
                makeOwnerOnlyDirs(parent);
                writeNew(temp, bytes);
            }
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the SSH store " + dir + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static void writeNew(Path file, byte[] bytes) throws IOException {
        try (SeekableByteChannel out = Files.newByteChannel(file, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(OWNER_FILE))) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
        }
    }

    private Optional<Secret> readSecret(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.stream().anyMatch(OTHERS::contains)) {
                throw new InvalidRequestException("ssh store", file + " may be read by others ("
                        + PosixFilePermissions.toString(permissions) + "): refused; make it owner-only (chmod 600)");
            }
            return Optional.of(Secret.of(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read from the SSH store " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Makes the directories up to {@code target}, the store's own ones owner-only. */
    void makeOwnerOnlyDirs(Path target) throws IOException {
        Path relative = dir.relativize(target);
        Files.createDirectories(dir.getParent() == null ? dir : dir.getParent());
        createOwnerOnly(dir);
        Path current = dir;
        for (Path part : relative) {
            if (part.toString().isEmpty()) {
                continue;
            }
            current = current.resolve(part);
            createOwnerOnly(current);
        }
    }

    private static void createOwnerOnly(Path directory) throws IOException {
        try {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_DIR));
        } catch (FileAlreadyExistsException e) {
            // There already: its permissions are the owner's business.
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file + ": " + e.getMessage(), e);
        }
    }
}
