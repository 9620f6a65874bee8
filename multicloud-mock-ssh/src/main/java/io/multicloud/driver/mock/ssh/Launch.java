package io.multicloud.driver.mock.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One command handed to the {@link ShellLauncher}: its named pipes (open them in the order in,
 * out, err), its process id, and its exit status.
 */
final class Launch {
    final CompletableFuture<Long> pid = new CompletableFuture<>();
    final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final Path dir;

    Launch(Path dir) {
        this.dir = dir;
    }

    /** The command's stdin, to write. */
    Path in() {
        return dir.resolve("in");
    }

    /** The command's stdout, to read. */
    Path out() {
        return dir.resolve("out");
    }

    /** The command's stderr, to read. */
    Path err() {
        return dir.resolve("err");
    }

    void fail(Throwable cause) {
        pid.completeExceptionally(cause);
        exit.completeExceptionally(cause);
    }

    /** Removes the pipes and the environment file, once the command is over. */
    void delete() {
        try {
            for (Path p : List.of(in(), out(), err(), dir.resolve("env"), dir)) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover under the work dir harms nothing
        }
    }
}
