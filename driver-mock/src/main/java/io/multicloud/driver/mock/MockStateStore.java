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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps one account's state in {@code <state_dir>/<account>.json}, so that a second process
 * (or a second driver) sees the same mock cloud. Regions hand in a snapshot under their own
 * lock ({@link #publish}); {@link #flush} then writes every region's latest snapshot outside
 * any region lock: to a temporary file, moved over the old one atomically, while holding a
 * {@link FileChannel} lock on {@code <account>.json.lock}. Flushes that find nothing new are
 * skipped, so concurrent changes share one write. Private keys are never stored: the mock
 * does not keep them at all.
 *
 * <p>The file is read once, when the account is first opened. So processes (or drivers) share
 * a mock cloud one after the other; two that change the same account at the same time each
 * write their own view, and the last write wins.
 */
final class MockStateStore {
    private static final Logger LOG = LoggerFactory.getLogger(MockStateStore.class);
    private static final int FORMAT = 1;

    private final String account;
    private final Path file;
    private final Path lockFile;
    private final ObjectMapper mapper = JsonMapper.builder()
            .visibility(PropertyAccessor.ALL, Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, Visibility.ANY)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(SerializationFeature.INDENT_OUTPUT, true)
            .build();
    private final Map<String, JsonNode> snapshots = new ConcurrentHashMap<>();
    private final AtomicLong version = new AtomicLong();
    private final ReentrantLock saveLock = new ReentrantLock();
    private long savedVersion;

    MockStateStore(Path dir, String account) {
        this.account = account;
        this.file = dir.resolve(account + ".json");
        this.lockFile = dir.resolve(account + ".json.lock");
    }

    Path file() {
        return file;
    }

    /** The stored regions, empty when there is no file yet. */
    Map<String, RegionData> load() {
        if (!Files.exists(file)) {
            return Map.of();
        }
        try {
            JsonNode root = mapper.readTree(file.toFile());
            Map<String, RegionData> regions = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : root.path("regions").properties()) {
                regions.put(e.getKey(), mapper.treeToValue(e.getValue(), RegionData.class));
                snapshots.put(e.getKey(), e.getValue());
            }
            LOG.debug("loaded mock account '{}' from {}: regions {}", account, file, regions.keySet());
            return regions;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the mock state file " + file, e);
        }
    }

    /** Takes a snapshot of a region's state; call it under the region's lock. */
    void publish(String region, RegionData data) {
        snapshots.put(region, mapper.valueToTree(data));
        version.incrementAndGet();
    }

    /** Writes the latest snapshots, unless a concurrent flush has written them already. */
    void flush() {
        saveLock.lock();
        try {
            long current = version.get();
            if (current == savedVersion) {
                return;
            }
            ObjectNode root = mapper.createObjectNode();
            root.put("format", FORMAT);
            root.put("account", account);
            root.set("regions", mapper.valueToTree(new TreeMap<>(snapshots)));
            write(mapper.writeValueAsBytes(root));
            savedVersion = current;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the mock state file " + file, e);
        } finally {
            saveLock.unlock();
        }
    }

    private void write(byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = lock(channel);
            Path temp = Files.createTempFile(file.getParent(), account + ".", ".tmp");
            try {
                Files.write(temp, bytes);
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
                lock.release();
            }
        }
    }

    /** Another driver in this JVM may hold the lock: the JVM then refuses at once, so retry briefly. */
    private static FileLock lock(FileChannel channel) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                return channel.lock();
            } catch (OverlappingFileLockException e) {
                if (attempt > 10_000) {
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
