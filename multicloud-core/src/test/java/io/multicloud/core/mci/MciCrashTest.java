package io.multicloud.core.mci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.Cloud;
import io.multicloud.api.ConflictException;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.Vm;
import io.multicloud.core.MultiCloud;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real processes on the file-backed mock (the state shared through its file, as a cloud account is):
 * a provisioning JVM is killed (SIGKILL) at a seeded random moment during create, scale-out or
 * delete, or stopped with SIGINT during create; then this JVM finds the MCI again by name and
 * finishes or continues it, and nothing is orphaned, while another process's MCI on the same shared
 * network survives. Two JVMs creating one name at once end with one MCI. A live process's journal
 * directory is refused to {@code recover()}.
 */
class MciCrashTest {
    private static final String READY = "READY";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}, seed {1}")
    @CsvSource({"create, 1", "create, 2", "scale, 3", "scale, 4", "delete, 5", "delete, 6"})
    void aProcessKilledAtARandomMomentLeavesAnMciThatIsFoundAndFinished(String phase, long seed) throws Exception {
        assertThat(run("create", "other", "1").output()).contains("CREATED other");
        if (!phase.equals("create")) {
            assertThat(run("create", "crash", "6").output()).contains("CREATED crash");
        }
        Process child = start(phase, "crash", phase.equals("create") ? "12" : "8");
        killAtRandom(child, seed);

        try (MultiCloud mc = instance(dir)) {
            Cloud cloud = mc.connect(config(dir));
            Optional<Mci> found = mc.mcis().find("crash");
            if (found.isPresent()) {
                Mci crash = found.get();
                List<String> tagged = cloud.vms().listTagged(MciTags.MCI, "crash").stream()
                        .filter(v -> v.status() != io.multicloud.api.VmStatus.TERMINATING).map(Vm::name).toList();
                assertThat(crash.vms()).extracting(MciVm::name).as("every VM made is the MCI's").containsExactlyInAnyOrderElementsOf(tagged);
                if (!phase.equals("delete")) {
                    assertThat(crash.scaleOut(crash.subGroups().getFirst().name(), 1).ok()).as("the MCI is usable").isTrue();
                }
                assertThat(crash.delete().ok()).isTrue();
            }
            Mci other = mc.mcis().get("other");
            assertThat(other.refresh().toString()).as("the other process's MCI survives").isEqualTo("Running:1 (R:1/1)");
            assertThat(cloud.vms().list()).extracting(Vm::name).containsExactly("other-g-1");
            assertThat(cloud.vpcs().list()).hasSize(1);
            assertThat(mc.mciEngine().sweep(List.of(cloud))).isEmpty();
            assertThat(other.delete().ok()).isTrue();
            assertThat(cloud.vms().list()).isEmpty();
            assertThat(cloud.vpcs().list()).isEmpty();
            assertThat(cloud.securityGroups().list()).isEmpty();
            assertThat(cloud.keyPairs().list()).isEmpty();
        }
    }

    @Test
    void ctrlCDuringCreateStopsMakingVmsAndWhatWasMadeIsTheMcis() throws Exception {
        Process child = start("create", "interrupted", "40");
        waitFor(child, READY);
        Thread.sleep(300);
        new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start().waitFor(10, TimeUnit.SECONDS);
        String output = finish(child);

        try (MultiCloud mc = instance(dir)) {
            Cloud cloud = mc.connect(config(dir));
            List<String> tagged = cloud.vms().listTagged(MciTags.MCI, "interrupted").stream().map(Vm::name).toList();
            if (!tagged.isEmpty()) {
                Mci mci = mc.mcis().get("interrupted");
                assertThat(mci.vms()).extracting(MciVm::name).as(output).containsExactlyInAnyOrderElementsOf(tagged);
                assertThat(mci.delete().ok()).isTrue();
            }
            assertThat(output).as("the creation saw the stop").containsAnyOf("STOPPED", "shutting down during 1 MCI operation", "CREATED");
            assertThat(mc.mciEngine().sweep(List.of(cloud))).isEmpty();
            mc.mciEngine().recover(ref -> mc.connect(config(dir)));
            assertThat(cloud.vms().list()).isEmpty();
            assertThat(cloud.vpcs().list()).isEmpty();
        }
    }

    @Test
    void twoProcessesCreatingOneNameAtOnceEndWithOneMci() throws Exception {
        Process one = start("create", "dup", "3", "own-journal-1");
        Process two = start("create", "dup", "3", "own-journal-2");
        String first = finish(one);
        String second = finish(two);

        assertThat(List.of(first, second)).as(first + "\n----\n" + second).filteredOn(o -> o.contains("CREATED dup")).hasSize(1);
        assertThat(List.of(first, second)).as(first + "\n----\n" + second).filteredOn(o -> o.contains("ALREADY_EXISTS")).hasSize(1);
        try (MultiCloud mc = instance(dir)) {
            Cloud cloud = mc.connect(config(dir));
            Mci dup = mc.mcis().get("dup");
            assertThat(cloud.vms().list()).hasSize(3).allSatisfy(v -> assertThat(v.tags()).containsEntry(MciTags.ID, dup.id()));
            assertThat(dup.delete().ok()).isTrue();
            assertThat(cloud.vpcs().list()).isEmpty();
        }
    }

    @Test
    void recoverRefusesWhileALiveProcessHoldsTheJournal() throws Exception {
        Process holder = start("hold", "none", "0");
        try {
            waitFor(holder, "HOLDING");
            try (MultiCloud mc = instance(dir)) {
                assertThatThrownBy(() -> mc.mciEngine().recover(ref -> mc.connect(ref.toConfig())))
                        .isInstanceOf(ConflictException.class).hasMessageContaining("process " + holder.pid());
            }
        } finally {
            holder.destroyForcibly();
            holder.waitFor(30, TimeUnit.SECONDS);
        }
        try (MultiCloud mc = instance(dir)) {
            assertThat(mc.mciEngine().recover(ref -> mc.connect(ref.toConfig()))).as("once the holder is gone").isEmpty();
        }
    }

    /** One process of the owner "crash" on the state, SSH store and journal under {@code dir}. */
    static MultiCloud instance(Path dir) {
        return instance(dir, dir.resolve("journal"));
    }

    static MultiCloud instance(Path dir, Path journal) {
        return MultiCloud.builder().environment(Map.of()).home(dir.resolve("home")).owner("crash").journal(journal)
                .mciConcurrency(3).mciVmTimeout(Duration.ofSeconds(60)).build();
    }

    static ConnectionConfig config(Path dir) {
        return ConnectionConfig.of("mock", "mars").named("crash-mars").property("state_dir", dir.resolve("state").toString())
                .property("latency_ms", "15").property("transition_ms", "100");
    }

    private record Ran(int exitCode, String output) {
    }

    private Ran run(String... args) throws Exception {
        Process child = start(args);
        String output = finish(child);
        return new Ran(child.exitValue(), output);
    }

    private Process start(String... args) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                Provisioner.class.getName(), dir.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static void killAtRandom(Process child, long seed) throws Exception {
        waitFor(child, READY);
        Thread.sleep(new Random(seed).nextInt(50, 700));
        child.destroyForcibly();
        child.waitFor(30, TimeUnit.SECONDS);
    }

    /** Reads the child's output until a line contains {@code marker}. */
    private static void waitFor(Process child, String marker) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.contains(marker)) {
            // wait until the child gets there
        }
    }

    private static String finish(Process child) throws Exception {
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as(output).isTrue();
        return output;
    }

    /**
     * The process that is killed: {@code create <mci> <size> [journal]} makes an MCI of one subgroup
     * {@code g}; {@code scale <mci> <n>} finds it and scales it out; {@code delete <mci>} finds and
     * deletes it; {@code hold} takes the journal directory and waits.
     */
    public static final class Provisioner {
        public static void main(String[] args) throws Exception {
            Path dir = Path.of(args[0]);
            String mode = args[1];
            String name = args[2];
            int n = Integer.parseInt(args[3]);
            Path journal = args.length > 4 ? dir.resolve(args[4]) : dir.resolve("journal");
            try (MultiCloud mc = instance(dir, journal)) {
                Cloud cloud = mc.connect(config(dir));
                switch (mode) {
                    case "hold" -> {
                        mc.mciEngine().journal().requireWritable();
                        System.out.println("HOLDING");
                        System.out.flush();
                        System.in.read();
                    }
                    case "create" -> {
                        System.out.println(READY);
                        System.out.flush();
                        try {
                            mc.mci(name).subGroup("g", cloud, "m1.small", "ubuntu-22.04", n).create();
                            System.out.println("CREATED " + name);
                        } catch (AlreadyExistsException e) {
                            System.out.println("ALREADY_EXISTS " + e.getMessage());
                        } catch (MciCreationException e) {
                            System.out.println("STOPPED " + e.getMessage());
                        }
                    }
                    case "scale" -> {
                        Mci mci = mc.mcis().get(name);
                        System.out.println(READY);
                        System.out.flush();
                        mci.scaleOut("g", n);
                        System.out.println("SCALED " + name);
                    }
                    case "delete" -> {
                        Mci mci = mc.mcis().get(name);
                        System.out.println(READY);
                        System.out.flush();
                        mci.delete();
                        System.out.println("DELETED " + name);
                    }
                    default -> throw new IllegalArgumentException(mode);
                }
                System.out.flush();
            }
        }
    }
}
