package io.multicloud.core.mci;

import static org.assertj.core.api.Assertions.assertThat;

import io.multicloud.api.Cloud;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.core.MultiCloud;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A process that provisions an MCI against the mock's file-backed state is killed (SIGKILL) at a
 * seeded random moment; {@code recover()} in this process, from the dead one's journal, leaves
 * nothing on the cloud.
 */
class MciCrashTest {
    private static final String READY = "PROVISIONING";

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void recoveryAfterAKillAtARandomMomentLeavesNoOrphan(long seed, @TempDir Path dir) throws Exception {
        Path journal = dir.resolve("journal");
        Path state = dir.resolve("state");
        Process child = startChild(journal, state);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.contains(READY)) {
                // wait until it provisions
            }
            Thread.sleep(new Random(seed).nextInt(50, 900));
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }

        try (MultiCloud mc = MultiCloud.builder().environment(Map.of()).journal(journal).build()) {
            List<String> deleted = mc.mciEngine().recover(ref -> mc.connect(ref.toConfig()));
            Cloud cloud = mc.connect(config(state));
            assertThat(cloud.vms().list()).as("VMs after recovery (deleted: %s)", deleted).isEmpty();
            assertThat(cloud.vpcs().list()).isEmpty();
            assertThat(cloud.securityGroups().list()).isEmpty();
            assertThat(cloud.keyPairs().list()).isEmpty();
            assertThat(mc.mciEngine().journal().mcis()).doesNotContain("crash");
        }
    }

    static ConnectionConfig config(Path state) {
        return ConnectionConfig.of("mock", "mars").named("crash-mars").property("state_dir", state.toString())
                .property("latency_ms", "15").property("transition_ms", "100");
    }

    private static Process startChild(Path journal, Path state) throws Exception {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                Provisioner.class.getName(), journal.toString(), state.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** The process that is killed: provisions an MCI of 20 VMs, slowly enough to be caught half-way. */
    public static final class Provisioner {
        public static void main(String[] args) {
            try (MultiCloud mc = MultiCloud.builder().environment(Map.of()).journal(Path.of(args[0]))
                    .mciConcurrency(3).build()) {
                Cloud cloud = mc.connect(config(Path.of(args[1])));
                System.out.println(READY);
                System.out.flush();
                mc.mci("crash").subGroup("a", cloud, "m1.small", "ubuntu-22.04", 10)
                        .subGroup("b", cloud, "m1.small", "ubuntu-22.04", 10).create();
                System.out.println("CREATED");
            }
        }
    }
}
