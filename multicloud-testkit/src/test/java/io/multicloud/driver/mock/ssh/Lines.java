package io.multicloud.driver.mock.ssh;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The lines of a JSch channel stream as they arrive, read by one thread for the stream's whole
 * life: JSch's streams are {@link java.io.PipedInputStream}s, which break ("read end dead")
 * when the thread that last read them ends while JSch still writes.
 */
final class Lines {
    private final BlockingQueue<Optional<String>> queue = new LinkedBlockingQueue<>();

    Lines(InputStream in) {
        Thread.ofPlatform().daemon().name("test-lines").start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    queue.add(Optional.of(line));
                }
            } catch (IOException e) {
                // the channel went away: that is the end of the lines
            }
            queue.add(Optional.empty());
        });
    }

    /** The next line, or null at the end of the stream; fails when none comes within 10 s. */
    String next() throws InterruptedException {
        Optional<String> line = queue.poll(10, TimeUnit.SECONDS);
        if (line == null) {
            throw new AssertionError("no line within 10 s");
        }
        return line.orElse(null);
    }
}
