package io.multicloud.core.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.Secret;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failed connects reach the caller as transport failures, and nothing else: not the console, not the pool. */
class SshSessionsTest {
    @TempDir
    Path dir;

    /** What Caffeine logs (through System.Logger, that is java.util.logging unless the application says otherwise). */
    private final List<LogRecord> cacheLog = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLoggerName() != null && record.getLoggerName().startsWith("com.github.benmanes.caffeine")) {
                cacheLog.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        Logger.getLogger("").addHandler(handler);
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger("").removeHandler(handler);
    }

    @Test
    void aFailedConnectIsTheCallersFailureOnlyAndIsNotKeptInThePool() throws IOException {
        SshStore store = new SshStore(dir.resolve("ssh"));
        store.putPassword("mars", "vm-1", Secret.of("not-used"));
        SshEndpoint closedPort = new SshEndpoint("mars", "vm-1", "i-1", "127.0.0.1", freePort(), "ubuntu", null);
        SshEndpoint noLogin = new SshEndpoint("mars", "vm-2", "i-2", "127.0.0.1", freePort(), "ubuntu", null);

        try (SshSessions sessions = new SshSessions(store, new SshCredentials(store), Duration.ofMinutes(1))) {
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> sessions.session(closedPort, null, Duration.ofSeconds(5)))
                        .isInstanceOfSatisfying(RemoteFailure.class,
                                f -> assertThat(f.error().kind()).isEqualTo(TransportError.Kind.CONNECT))
                        .hasMessageContaining("vm-1");
                assertThatThrownBy(() -> sessions.session(noLogin, null, Duration.ofSeconds(5)))
                        .isInstanceOfSatisfying(RemoteFailure.class,
                                f -> assertThat(f.error().kind()).isEqualTo(TransportError.Kind.NO_CREDENTIAL));
            }
            assertThat(sessions.size()).isZero();
        }
        assertThat(cacheLog).as("Caffeine's log of failed loads").isEmpty();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
