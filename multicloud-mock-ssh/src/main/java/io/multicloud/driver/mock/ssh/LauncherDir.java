package io.multicloud.driver.mock.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command launcher's working directory ({@code mock-ssh-launch-*}, in {@code /dev/shm} where
 * there is one), owned by this JVM for as long as it is open: a lock on its {@code owner.lock}
 * says so, and the operating system drops that lock when the process ends, however it ends.
 * So nothing is left behind: {@link #close()} removes the directory, a JVM that exits without
 * closing removes it in a shutdown hook, and one that was killed leaves a directory that the
 * next launcher to start (in any JVM) finds unlocked and removes.
 */
final class LauncherDir implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LauncherDir.class);
    static final String PREFIX = "mock-ssh-launch-";
    private static final String OWNER = "owner.lock";

    private final Path dir;
    private final FileChannel ownerChannel;
    private final Thread atExit;

    private LauncherDir(Path dir, FileChannel ownerChannel) {
        this.dir = dir;
        this.ownerChannel = ownerChannel;
        this.atExit = new Thread(() -> deleteTree(dir), "mock-ssh-launcher-cleanup");
    }

    /** Removes what dead launchers left in {@code parent}, then makes and locks a new directory there. */
    static LauncherDir create(Path parent) throws IOException {
        reapDead(parent);
        Path dir = Files.createTempDirectory(parent, PREFIX);
        FileChannel channel = FileChannel.open(dir.resolve(OWNER), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            channel.lock();
        } catch (IOException | RuntimeException e) {
            channel.close();
            deleteTree(dir);
            throw e;
        }
        LauncherDir owned = new LauncherDir(dir, channel);
        Runtime.getRuntime().addShutdownHook(owned.atExit);
        return owned;
    }

    Path path() {
        return dir;
    }

    /** Removes the directory and lets go of it. Call once the launcher shell is dead. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(atExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        deleteTree(dir);
        try {
            ownerChannel.close();
        } catch (IOException e) {
            log.debug("closing the launcher's owner lock: {}", e.toString());
        }
    }

    /** Removes every launcher directory under {@code parent} whose owner lock no live process holds. */
    static void reapDead(Path parent) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(parent, PREFIX + "*")) {
            for (Path candidate : dirs) {
                if (ownerIsGone(candidate.resolve(OWNER))) {
                    log.debug("removing {}, left by a launcher whose process ended", candidate);
                    deleteTree(candidate);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            log.debug("looking for launcher directories left behind in {}: {}", parent, e.toString());
        }
    }

    /** Whether the lock file exists and nobody holds its lock (a directory without one is not ours to judge). */
    private static boolean ownerIsGone(Path lockFile) {
        if (!Files.isRegularFile(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false;
            }
            lock.release();
            return true;
        } catch (OverlappingFileLockException held) {
            return false;   // held by this very JVM
        } catch (IOException e) {
            return false;
        }
    }

    /** Removes the directory; the killed shell may still be making pipes, so until nothing comes back. */
    static void deleteTree(Path dir) {
        for (int attempt = 0; attempt < 100 && Files.exists(dir); attempt++) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                log.debug("removing the command launcher's files: {}", e.toString());
            }
            if (Files.exists(dir)) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
