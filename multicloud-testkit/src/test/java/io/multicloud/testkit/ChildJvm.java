package io.multicloud.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class of the test sources in a second JVM, with the same java and class path as
 * this one, and hands back its exit code and everything it wrote (stdout and stderr together).
 */
final class ChildJvm {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** What the child did. */
    record Result(int exitCode, String output) {
    }

    private ChildJvm() {
    }

    /** Runs {@code main} with system properties ({@code -Dkey=value} entries) and arguments. */
    static Result run(Path workDir, Class<?> main, List<String> systemProperties, String... args)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(systemProperties);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        Path output = Files.createTempFile(workDir, main.getSimpleName(), ".out");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(main.getSimpleName() + " did not end within " + TIMEOUT + ":\n"
                    + Files.readString(output, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }
}
