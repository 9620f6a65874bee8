package io.multicloud.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchmarksTest {

    /** What one in-process run printed and returned. */
    private record Run(int exitCode, String out, String err) {
        Map<String, String> figures() {
            List<String> lines = out.lines().toList();
            Map<String, String> figures = new LinkedHashMap<>();
            Arrays.stream(lines.getLast().split(" ")).forEach(pair -> {
                String[] kv = pair.split("=", 2);
                figures.put(kv[0], kv[1]);
            });
            return figures;
        }
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Benchmarks.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void mciPrintsItsFiguresOnTheLastLineAndLeavesNothingEvenOnAColdJvm() {
        Run run = run("mci", "--vms", "40", "--connections", "4", "--latency-ms", "5", "--concurrency", "5", "--boot-ms", "20", "--warmup", "0");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        Map<String, String> figures = run.figures();
        assertThat(figures).containsKeys("vms", "connections", "wall_ms", "lower_bound_ms", "ratio", "peak_heap_mb");
        assertThat(figures).containsEntry("vms", "40").containsEntry("connections", "4")
                .containsEntry("running", "40").containsEntry("left", "0");
        // (2 + ceil(10 / 5)) x 5 ms + 20 ms
        assertThat(figures).containsEntry("lower_bound_ms", "40");
        assertThat(Long.parseLong(figures.get("wall_ms"))).isGreaterThanOrEqualTo(20);
        assertThat(figures.get("ratio")).matches("\\d+\\.\\d\\d");
        assertThat(Long.parseLong(figures.get("peak_heap_mb"))).isPositive();
    }

    @Test
    void sshPrintsTheLocalFloorThenAColdAndAWarmLineAfterEveryVmAnsweredWithItsName() {
        Run run = run("ssh", "--vms", "6", "--connections", "2", "--warmup", "0");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).startsWith("phase=floor vms=6 ").contains("lower_bound_ms=1000");
        assertThat(Long.parseLong(lines.get(0).replaceAll(".*wall_ms=(\\d+).*", "$1"))).isGreaterThanOrEqualTo(1000);
        assertThat(lines.get(lines.size() - 2)).startsWith("phase=cold vms=6 ").contains("lower_bound_ms=1000", "failed=0");
        Map<String, String> warm = run.figures();
        assertThat(warm).containsEntry("phase", "warm").containsEntry("vms", "6").containsEntry("failed", "0");
        // Every VM ran `sleep 1`: no fan-out can beat the sleep.
        assertThat(Long.parseLong(warm.get("wall_ms"))).isGreaterThanOrEqualTo(1000);
        assertThat(warm.get("ratio")).matches("\\d+\\.\\d\\d");
    }

    @Test
    void recommendRunsBothQueriesOverTheShippedSnapshotAndAgreesWithTheBaseline() {
        Run run = run("recommend", "--catalog", "shipped", "--iterations", "5", "--warmup", "2");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("query=gpu-latency ").contains("query=near-seoul ").doesNotContain("MISMATCH");
        Map<String, String> figures = run.figures();
        assertThat(figures).containsKeys("offers", "load_ms", "heap_mb", "p50_us", "p99_us", "baseline_scan_us", "ratio");
        assertThat(Integer.parseInt(figures.get("offers"))).isGreaterThan(60_000);
        assertThat(figures.get("ratio")).matches("\\d+\\.\\d\\d");
    }

    @Test
    void recommendBuildsASyntheticCatalogOfTheSizeAsked() {
        Run run = run("recommend", "--specs", "100000", "--iterations", "3", "--warmup", "1");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.figures()).containsEntry("offers", "100000");
    }

    @Test
    void catalogLoadsEveryConnectionAtOnce() {
        Run run = run("catalog", "--connections", "6", "--latency-ms", "20", "--warmup", "0");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        Map<String, String> figures = run.figures();
        assertThat(figures).containsKeys("connections", "wall_ms", "lower_bound_ms", "ratio");
        assertThat(figures).containsEntry("connections", "6").containsEntry("failed", "0");
        // four calls at once per connection, each sleeping 20 ms: no load can beat one round trip
        assertThat(Long.parseLong(figures.get("lower_bound_ms"))).isGreaterThanOrEqualTo(20);
        assertThat(Long.parseLong(figures.get("wall_ms"))).isGreaterThanOrEqualTo(20);
        assertThat(run.err()).doesNotContain("WARNING");
    }

    @Test
    void soakFindsNoOrphanAndNoLeak() {
        Run run = run("soak", "--rounds", "20", "--seed", "7");

        Map<String, String> figures = run.figures();
        assertThat(figures).containsKeys("rounds", "orphans", "leaked", "duplicates", "violations", "seconds");
        assertThat(figures).as(run.out()).containsEntry("rounds", "20").containsEntry("orphans", "0")
                .containsEntry("leaked", "0").containsEntry("duplicates", "0").containsEntry("violations", "0");
        assertThat(run.exitCode()).as(run.out()).isZero();
    }

    @Test
    void anUnknownBenchmarkPrintsTheUsageAndExitsWithTwo() {
        Run run = run("warp");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown benchmark 'warp'").contains("usage:").contains("mci --vms").contains("soak --rounds");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anUnknownOptionIsRefusedWithTwo() {
        Run run = run("soak", "--round", "3");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown option '--round'").contains("soak --rounds N --seed S");
    }

    @Test
    void aNonNumericValueIsRefusedWithTwo() {
        Run run = run("mci", "--vms", "many");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--vms takes a whole number, not 'many'");
    }
}
