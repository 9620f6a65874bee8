package io.multicloud.core.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshStoreTest {
    private static final String KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nc2VjcmV0LWtleQ==\n-----END OPENSSH PRIVATE KEY-----\n";

    @TempDir
    Path home;

    @Test
    void aPrivateKeyIsKeptOwnerOnlyAndReadBack() throws Exception {
        SshStore store = new SshStore(home.resolve("ssh"));
        store.putPrivateKey("mock/mars/acct", "multicloud-key", Secret.of(KEY));

        assertThat(store.privateKey("mock/mars/acct", "multicloud-key")).contains(Secret.of(KEY));
        assertThat(store.hasPrivateKey("mock/mars/acct", "multicloud-key")).isTrue();
        try (Stream<Path> files = Files.walk(store.directory())) {
            files.forEach(p -> {
                try {
                    String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                    assertThat(mode).as(p.toString()).isIn("rwx------", "rw-------");
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    @Test
    void aStoreWipedWhileInUseIsMadeAgainOwnerOnlyOnTheNextWrite() throws Exception {
        SshStore store = new SshStore(home.resolve("ssh"));
        store.putPrivateKey("mock/mars", "multicloud-key", Secret.of(KEY));
        deleteTree(store.directory());

        store.putPrivateKey("mock/mars", "multicloud-key-2", Secret.of(KEY));

        assertThat(store.privateKey("mock/mars", "multicloud-key-2")).contains(Secret.of(KEY));
        assertThat(store.hasPrivateKey("mock/mars", "multicloud-key")).isFalse();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.directory()))).isEqualTo("rwx------");
    }

    @Test
    void aTemporaryFileLeftByADeadWriterOfTheSameNameIsReplaced() throws Exception {
        SshStore store = new SshStore(home.resolve("ssh"));
        store.putPrivateKey("mock/mars", "other-key", Secret.of(KEY));
        Path dir = store.directory().resolve("keys").resolve("mock%2Fmars");
        // The name this thread's write uses: a process of the same id died while writing with a thread of the same id.
        Path leftover = dir.resolve("multicloud-key.tmp-" + ProcessHandle.current().pid() + "-" + Thread.currentThread().threadId());
        Files.writeString(leftover, "half a key");

        store.putPrivateKey("mock/mars", "multicloud-key", Secret.of(KEY));

        assertThat(store.privateKey("mock/mars", "multicloud-key")).contains(Secret.of(KEY));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("other-key", "multicloud-key");
        }
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void keysWrittenFromManyVirtualThreadsAreAllKeptAndAnInterruptedWriterStillKeepsItsKey() throws Exception {
        SshStore store = new SshStore(home.resolve("ssh"));
        java.util.concurrent.atomic.AtomicBoolean stillInterrupted = new java.util.concurrent.atomic.AtomicBoolean();
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 50; i++) {
                String connection = "mock/c" + i;
                threads.submit(() -> store.putPrivateKey(connection, "multicloud-key", Secret.of(KEY)));
            }
            threads.submit(() -> {
                // The key pair exists once the cloud answered: an interrupt must not lose its private key.
                Thread.currentThread().interrupt();
                store.putPrivateKey("mock/interrupted", "multicloud-key", Secret.of(KEY));
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }).get();
        }
        for (int i = 0; i < 50; i++) {
            assertThat(store.privateKey("mock/c" + i, "multicloud-key")).contains(Secret.of(KEY));
        }
        assertThat(store.privateKey("mock/interrupted", "multicloud-key")).contains(Secret.of(KEY));
        assertThat(stillInterrupted).as("the writer's interrupt is kept for its caller").isTrue();
        try (Stream<Path> files = Files.walk(store.directory())) {
            assertThat(files.map(Path::toString)).noneMatch(name -> name.contains(".tmp-"));
        }
    }

    @Test
    void aConnectionNameWithSlashesStaysOneDirectoryInsideTheStore() throws Exception {
        SshStore store = new SshStore(home.resolve("ssh"));
        store.putPrivateKey("../../etc", "k", Secret.of(KEY));
        store.putPrivateKey("a/b", "k", Secret.of("other"));

        try (Stream<Path> dirs = Files.list(store.directory().resolve("keys"))) {
            assertThat(dirs.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("%2E.%2F..%2Fetc", "a%2Fb");
        }
        assertThat(store.privateKey("a/b", "k")).contains(Secret.of("other"));
        assertThat(store.privateKey("../../etc", "k")).contains(Secret.of(KEY));
    }

    @Test
    void aKeyOthersMayReadIsRefusedNamingTheFileButNotTheKey() throws Exception {
        SshStore store = new SshStore(home.resolve("ssh"));
        store.putPrivateKey("c", "k", Secret.of(KEY));
        Path file = store.directory().resolve("keys").resolve("c").resolve("k");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> store.privateKey("c", "k"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("chmod 600")
                .hasMessageNotContaining("c2VjcmV0");
    }

    @Test
    void passwordsAreKeptPerVmAndKeysCanBeForgotten() {
        SshStore store = new SshStore(home.resolve("ssh"));
        store.putPassword("c", "vm-1", Secret.of("pw-1"));
        store.putPrivateKey("c", "k", Secret.of(KEY));
        store.removePrivateKey("c", "k");

        assertThat(store.password("c", "vm-1")).contains(Secret.of("pw-1"));
        assertThat(store.password("c", "vm-2")).isEmpty();
        assertThat(store.privateKey("c", "k")).isEmpty();
        assertThat(store.toString()).doesNotContain("pw-1");
    }

    @Test
    void blankNamesAreRefusedBeforeAnythingIsWritten() {
        SshStore store = new SshStore(home.resolve("ssh"));
        assertThatThrownBy(() -> store.putPrivateKey(" ", "k", Secret.of(KEY)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("connection");
        assertThat(store.directory()).doesNotExist();
    }
}
