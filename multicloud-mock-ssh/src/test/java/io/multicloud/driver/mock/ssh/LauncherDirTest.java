package io.multicloud.driver.mock.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command launcher's working directory never outlives its JVM for long, however the JVM ends. */
class LauncherDirTest {
    @TempDir
    Path parent;

    @Test
    void closingRemovesTheDirectory() throws Exception {
        LauncherDir dir = LauncherDir.create(parent);
        assertThat(dir.path()).isDirectory().hasParentRaw(parent);

        dir.close();

        assertThat(dir.path()).doesNotExist();
    }

    @Test
    void aDirectoryOfALiveLauncherOrOfUnknownOriginIsLeftAlone() throws Exception {
        Path foreign = Files.createDirectory(parent.resolve(LauncherDir.PREFIX + "not-ours"));
        try (LauncherDir live = LauncherDir.create(parent)) {
            LauncherDir.reapDead(parent);
            assertThat(live.path()).isDirectory();
        }
        assertThat(foreign).isDirectory();
    }

    @Test
    void theDirectoryOfAKilledJvmIsRemovedByTheNextLauncherToStart() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Child.class.getName(), parent.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Path left;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            left = Path.of(out.readLine());
        }
        assertThat(left).isDirectory();
        LauncherDir.reapDead(parent);
        assertThat(left).as("its JVM still runs").isDirectory();

        child.destroyForcibly();   // SIGKILL: no shutdown hook, no close
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(left).as("nobody removed it yet").isDirectory();

        try (LauncherDir next = LauncherDir.create(parent)) {
            assertThat(left).doesNotExist();
        }
    }

    /** A JVM that opens a launcher directory, says where, and waits to be killed. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            LauncherDir dir = LauncherDir.create(Path.of(args[0]));
            System.out.println(dir.path());
            System.out.flush();
            Thread.sleep(120_000);
        }
    }
}
