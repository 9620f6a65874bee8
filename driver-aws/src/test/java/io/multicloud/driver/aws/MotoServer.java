package io.multicloud.driver.aws;

import io.multicloud.api.ConnectionConfig;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * One moto server (the AWS emulator, {@code pip install 'moto[server]'}) for the whole test
 * run, on a free port of 127.0.0.1, stopped by its own PID when the JVM ends. When moto is not
 * installed, tests that need it are skipped with a message saying how to install it.
 */
final class MotoServer {
    /** Fake credentials: moto accepts any. */
    static final String ACCESS_KEY = "AKIAMOTOTESTKEY00000";
    static final String SECRET_KEY = "moto-secret-key-not-real";
    static final String REGION = "us-east-2";

    private static MotoServer instance;
    private static String unavailable;

    private final Process process;
    private final int port;

    private MotoServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The running server, started on first use; skips the calling test when moto is missing. */
    static synchronized MotoServer get() {
        Optional<String> why = whyUnavailable();
        Assumptions.assumeTrue(why.isEmpty(), why::get);
        return instance;
    }

    /** Starts the server if it is not running yet; empty when it runs, else why it cannot. */
    static synchronized Optional<String> whyUnavailable() {
        if (instance == null && unavailable == null) {
            try {
                instance = start();
            } catch (IOException | RuntimeException e) {
                unavailable = e.getMessage();
            }
        }
        return instance != null ? Optional.empty() : Optional.of("AWS emulator tests skipped: moto server could not start ("
                + unavailable + "); install it with: pip install 'moto[server]'");
    }

    private static MotoServer start() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("moto-server", ".log");
        log.toFile().deleteOnExit();   // read only when moto fails to start; the tests leave nothing in the temp folder
        Process process;
        try {
            process = new ProcessBuilder(command(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IOException("moto_server is not on the PATH", e);
        }
        MotoServer server = new MotoServer(process, port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        server.awaitReady(Duration.ofSeconds(60), log);
        return server;
    }

    private static String command() {
        String configured = System.getenv("MOTO_SERVER");
        return configured != null && !configured.isBlank() ? configured : "moto_server";
    }

    private void awaitReady(Duration timeout, Path log) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("moto server exited: " + Files.readString(log).lines().reduce((a, b) -> b).orElse(""));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(endpoint() + "/moto-api/").toURL().openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(2000);
                if (c.getResponseCode() < 500) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting moto", e);
            }
        }
        stop();
        throw new IOException("moto server did not answer within " + timeout);
    }

    /** The server's base URL. */
    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * A connection configuration pointing every AWS client at this server, with pages of 2 items
     * so that every listing moto pages (DescribeInstances) is read over several pages.
     */
    ConnectionConfig config() {
        return ConnectionConfig.of("aws", REGION).named("aws-moto")
                .property(AwsDriver.PAGE_SIZE, "2")
                .credential(AwsDriver.ACCESS_KEY_ID, ACCESS_KEY)
                .credential(AwsDriver.SECRET_ACCESS_KEY, SECRET_KEY)
                .property(AwsDriver.ENDPOINT, endpoint())
                .property(AwsClusters.ROLE_ARN, "arn:aws:iam::123456789012:role/eks-cluster")
                .property(AwsClusters.NODE_ROLE_ARN, "arn:aws:iam::123456789012:role/eks-node");
    }

    /** Wipes every resource moto holds, so a test class starts from a clean cloud. */
    void reset() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(endpoint() + "/moto-api/reset").toURL().openConnection();
            c.setRequestMethod("POST");
            c.getResponseCode();
        } catch (IOException e) {
            throw new IllegalStateException("could not reset moto", e);
        }
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
