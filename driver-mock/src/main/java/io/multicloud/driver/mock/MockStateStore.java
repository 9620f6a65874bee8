package io.multicloud.driver.mock;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.driver.mock.MockEntities.ClusterEntity;
import io.multicloud.driver.mock.MockEntities.DiskEntity;
import io.multicloud.driver.mock.MockEntities.KeyPairEntity;
import io.multicloud.driver.mock.MockEntities.MyImageEntity;
import io.multicloud.driver.mock.MockEntities.NlbEntity;
import io.multicloud.driver.mock.MockEntities.SecurityGroupEntity;
import io.multicloud.driver.mock.MockEntities.VmEntity;
import io.multicloud.driver.mock.MockEntities.VpcEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps one account's state in {@code <state_dir>/account-<hash>.json} (the file is named by a
 * hash of the account, which is the connection's credential), so that other processes (or other
 * drivers in this JVM) see and change the same mock cloud. Every call of the account runs inside
 * {@link #exclusive}: it holds a {@link FileLock} on {@code account-<hash>.json.lock}, loads the
 * state first when another writer changed it since (the lock file holds a generation number that
 * each write increments), and writes what the call changed before letting go, to a temporary file
 * moved over the old one atomically. So processes that share a state directory see one cloud,
 * call by call, as they would a real account. Private keys are never stored: the mock does not
 * keep them at all.
 */
final class MockStateStore {
    private static final Logger LOG = LoggerFactory.getLogger(MockStateStore.class);
    private static final int FORMAT = 1;

    private final String label;
    private final Path file;
    private final Path lockFile;
    private final ObjectMapper mapper = JsonMapper.builder()
            .visibility(PropertyAccessor.ALL, Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, Visibility.ANY)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(SerializationFeature.INDENT_OUTPUT, true)
            .build();
    private final Map<String, JsonNode> snapshots = new ConcurrentHashMap<>();
    /** Serializes this JVM's calls on the account: the file lock is per process, not per thread. */
    private final ReentrantLock inProcess = new ReentrantLock();
    private long published;
    private long written;
    /** The generation of the file as this store last read or wrote it; -1 before the first read. */
    private long generation = -1;

    MockStateStore(Path dir, String account) {
        this.label = fileLabel(account);
        this.file = dir.resolve(label + ".json");
        this.lockFile = dir.resolve(label + ".json.lock");
    }

    /** The account's name in files and logs: a hash, since the account is a credential. */
    static String fileLabel(String account) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(account.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "account-" + java.util.HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Path file() {
        return file;
    }

    /**
     * Runs a call of the account under the file lock: {@code reload} first gets the stored regions
     * when another writer changed the file since this store last saw it; whatever the call
     * {@linkplain #publish published} is written before the lock is released.
     */
    <T> T exclusive(java.util.function.Consumer<Map<String, RegionData>> reload, java.util.function.Supplier<T> call) {
        inProcess.lock();
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE)) {
                FileLock lock = lock(channel);
                try {
                    long onDisk = readGeneration(channel);
                    if (onDisk != generation) {
                        reload.accept(load());
                        generation = onDisk;
                    }
                    try {
                        return call.get();
                    } finally {
                        if (published != written) {
                            write(channel);
                        }
                    }
                } finally {
                    lock.release();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the mock state file " + file, e);
        } finally {
            inProcess.unlock();
        }
    }

    /** Takes a snapshot of a region's state, to be written at the end of the call; call it under the region's lock. */
    void publish(String region, RegionData data) {
        snapshots.put(region, mapper.valueToTree(data));
        published++;
    }

    /** The stored regions, empty when there is no file yet. */
    private Map<String, RegionData> load() throws IOException {
        snapshots.clear();
        if (!Files.exists(file)) {
            return Map.of();
        }
        JsonNode root = mapper.readTree(file.toFile());
        Map<String, RegionData> regions = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.path("regions").properties()) {
            regions.put(e.getKey(), mapper.treeToValue(e.getValue(), RegionData.class));
            snapshots.put(e.getKey(), e.getValue());
        }
        LOG.debug("loaded mock {} from {}: regions {}", label, file, regions.keySet());
        return regions;
    }

    private void write(FileChannel lockChannel) throws IOException {
        ObjectNode root = mapper.createObjectNode();
        root.put("format", FORMAT);
        root.set("regions", mapper.valueToTree(new TreeMap<>(snapshots)));
        Path temp = Files.createTempFile(file.getParent(), label + ".", ".tmp");
        try {
            Files.write(temp, mapper.writeValueAsBytes(root));
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        generation = Math.max(generation, 0) + 1;
        ByteBuffer bytes = ByteBuffer.allocate(Long.BYTES).putLong(0, generation);
        lockChannel.write(bytes, 0);
        written = published;
    }

    private static long readGeneration(FileChannel channel) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(Long.BYTES);
        while (bytes.hasRemaining() && channel.read(bytes, bytes.position()) > 0) {
            // read the counter, 8 bytes at the start of the lock file
        }
        return bytes.hasRemaining() ? 0 : bytes.getLong(0);
    }

    /** Another driver in this JVM may hold the lock: the JVM then refuses at once, so retry briefly. */
    private static FileLock lock(FileChannel channel) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                return channel.lock();
            } catch (OverlappingFileLockException e) {
                if (attempt > 100_000) {
                    throw new IOException("the state file stays locked in this JVM", e);
                }
                LockSupport.parkNanos(100_000);
            }
        }
    }

    /** One region's resources and quotas, as stored. */
    static final class RegionData {
        int maxVcpus = MockRegion.DEFAULT_MAX_VCPUS;
        int maxVms = MockRegion.DEFAULT_MAX_VMS;
        List<VpcEntity> vpcs = List.of();
        List<SecurityGroupEntity> securityGroups = List.of();
        List<KeyPairEntity> keyPairs = List.of();
        List<VmEntity> vms = List.of();
        List<DiskEntity> disks = List.of();
        List<MyImageEntity> myImages = List.of();
        List<NlbEntity> nlbs = List.of();
        List<ClusterEntity> clusters = List.of();
    }
}
