package io.multicloud.benchmarks;

import io.multicloud.api.Cloud;
import io.multicloud.core.MultiCloud;
import io.multicloud.core.mci.Mci;
import io.multicloud.core.mci.MciBuilder;
import io.multicloud.core.remote.ExecReport;
import io.multicloud.core.remote.RemoteCommand;
import io.multicloud.core.remote.VmExecResult;
import io.multicloud.driver.mock.MockDriver;
import io.multicloud.driver.mock.ssh.MockSshServers;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code ssh}: fan-out of {@code sleep 1; hostname} to N mock VMs, each with its own SSH server
 * on 127.0.0.1 (MINA SSHD, in this JVM), all at once. The least it could take is the sleep,
 * {@code lower_bound_ms=1000}; {@code ratio = wall_ms / 1000}. It runs twice on the same MCI:
 * {@code phase=cold} logs in to every VM (key exchange, host key pinned, public key login), and
 * {@code phase=warm} reuses the open sessions. Every VM must answer with its own name. Before
 * that, {@code --warmup W} fan-outs (3 unless told, when the JIT has settled: measured 2.1, 1.6,
 * 1.55, then 1.5; 0 for a cold JVM) go to other MCIs of the same size with sessions of their own,
 * so that the cold figure is about SSH, not the JIT.
 *
 * <p>First, {@code phase=floor}: what this machine takes to start the same command as N local
 * processes at once from one shell, {@code /bin/sh -c 'sleep 1; hostname'} each, with no SSH and
 * no JVM in the way. The mock VMs share the client's cores, so no fan-out to them can beat it.
 */
final class SshBenchmark implements Benchmark {
    private static final String COMMAND = "sleep 1; hostname";
    private static final long LOWER_BOUND_MS = 1000;

    @Override
    public String name() {
        return "ssh";
    }

    @Override
    public String usage() {
        return "ssh --vms N [--connections K] [--warmup W]";
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("vms", "200");
        defaults.put("connections", "4");
        defaults.put("warmup", "3");
        return defaults;
    }

    @Override
    public int run(Options options, PrintStream out) {
        int vms = options.integer("vms", 1);
        int connections = options.integer("connections", 1);
        int warmup = options.integer("warmup", 0);
        if (vms < connections) {
            throw new IllegalArgumentException("--vms " + vms + " is fewer than --connections " + connections);
        }
        out.println(floor(vms).line());
        Path work = tempDir();
        try (MockSshServers servers = MockSshServers.start(work.resolve("vms"));
             MultiCloud mc = MultiCloud.builder().environment(Map.of()).home(work.resolve("home")).build()) {
            Map<String, String> properties = Map.of(MockDriver.TRANSITION_MS, "0",
                    MockDriver.QUOTA_VMS, Integer.toString(Math.max(500, vms * 2)),
                    MockDriver.QUOTA_VCPUS, Integer.toString(Math.max(1024, vms * 4)));
            List<Cloud> clouds = MockFleet.open(mc, "ssh", connections, properties);
            clouds.forEach(c -> MockFleet.control(c).serveSsh(servers));
            boolean clean = true;
            for (int i = 1; i <= warmup; i++) {
                Mci warm = create(mc, "warm" + i, clouds, vms);
                clean &= fanOut(warm, "warm-up " + i, out);
                warm.delete();
            }
            Mci mci = create(mc, "bench", clouds, vms);
            clean &= fanOut(mci, "cold", out);
            clean &= fanOut(mci, "warm", out);
            mci.delete();
            return clean ? Benchmarks.OK : Benchmarks.FOUND_FAULT;
        } finally {
            deleteTree(work);
        }
    }

    private static Mci create(MultiCloud mc, String name, List<Cloud> clouds, int vms) {
        MciBuilder builder = mc.mci(name);
        for (int i = 0; i < clouds.size(); i++) {
            int size = vms / clouds.size() + (i < vms % clouds.size() ? 1 : 0);
            builder.subGroup(String.format("g%02d", i), clouds.get(i), "m1.small", "ubuntu-22.04", size);
        }
        Mci mci = builder.create();
        if (!mci.creation().ok()) {
            throw new IllegalStateException("the MCI was not created whole: " + mci.creation());
        }
        return mci;
    }

    /** One timed fan-out; true when every VM answered with its own name. */
    private static boolean fanOut(Mci mci, String phase, PrintStream out) {
        int vms = mci.vms().size();
        long start = System.nanoTime();
        ExecReport report = mci.exec(RemoteCommand.of(COMMAND).parallelism(vms));
        long wallMs = (System.nanoTime() - start) / 1_000_000;
        List<VmExecResult> wrong = report.results().stream().filter(r -> !r.ok() || !r.stdout().equals(r.vm() + "\n")).toList();
        wrong.stream().limit(5).forEach(r -> out.println(phase + ": " + r + " " + r.stdout().strip()));
        Figures figures = new Figures().put("phase", phase.startsWith("warm-up") ? phase.replace(' ', '-') : phase)
                .put("vms", vms).put("wall_ms", wallMs).put("lower_bound_ms", LOWER_BOUND_MS)
                .put("ratio", (double) wallMs / LOWER_BOUND_MS).put("failed", wrong.size());
        out.println(figures.line());
        return wrong.isEmpty();
    }

    /** N local shells running the command at once, started by one shell, timed from the first start to the last exit. */
    private static Figures floor(int vms) {
        String script = "i=0; while [ $i -lt " + vms + " ]; do /bin/sh -c '" + COMMAND + "' >/dev/null & i=$((i+1)); done; wait";
        long start = System.nanoTime();
        try {
            Process shell = new ProcessBuilder("/bin/sh", "-c", script).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (shell.waitFor() != 0) {
                throw new IllegalStateException("the local shells ended with " + shell.exitValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start /bin/sh", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        long wallMs = (System.nanoTime() - start) / 1_000_000;
        return new Figures().put("phase", "floor").put("vms", vms).put("wall_ms", wallMs)
                .put("lower_bound_ms", LOWER_BOUND_MS).put("ratio", (double) wallMs / LOWER_BOUND_MS);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("multicloud-ssh-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary directory: what is left, the system cleans.
        }
    }
}
