package io.multicloud.benchmarks;

import io.multicloud.api.Cloud;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.core.MultiCloud;
import io.multicloud.core.catalog.CatalogAnswer;
import io.multicloud.core.catalog.Snapshot;
import io.multicloud.driver.mock.MockCatalog;
import io.multicloud.driver.mock.MockControl;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code catalog}: a cold load of the catalog from K mock connections, each call of which sleeps
 * L ms (a connection loads its regions, specs, prices and images at once). The lower bound is the
 * slowest single connection's load, each measured alone beforehand on its own instance (the
 * quickest of three tries, so that one hiccup of a busy machine does not raise the bound);
 * {@code ratio = wall_ms / lower_bound_ms}. {@code --snapshot none} (the default) times the
 * connections alone; {@code --snapshot shipped} adds the merge with the shipped snapshot (read
 * before timing). {@code --warmup W} cold loads on other instances first, for a warm JVM.
 */
final class CatalogBenchmark implements Benchmark {
    /** Each connection's solo load is timed this many times and the quickest kept (a busy machine's hiccups removed). */
    private static final int SOLO_RUNS = 3;

    @Override
    public String name() {
        return "catalog";
    }

    @Override
    public String usage() {
        return "catalog --connections K --latency-ms L [--snapshot none|shipped] [--warmup W]";
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("connections", "100");
        d.put("latency-ms", "50");
        d.put("snapshot", "none");
        d.put("warmup", "2");
        return d;
    }

    @Override
    public int run(Options options, PrintStream out) {
        int connections = options.integer("connections", 1);
        int latencyMs = options.integer("latency-ms", 0);
        int warmup = options.integer("warmup", 0);
        String snapshotOption = options.values().get("snapshot");
        Snapshot snapshot = switch (snapshotOption) {
            case "none" -> Snapshot.empty();
            case "shipped" -> Snapshot.shipped(CatalogBenchmark.class.getClassLoader())
                    .orElseThrow(() -> new IllegalStateException("no shipped snapshot on the class path"));
            default -> throw new IllegalArgumentException("--snapshot takes none or shipped, not '" + snapshotOption + "'");
        };
        for (int i = 1; i <= warmup; i++) {
            out.println("warm-up " + i + ": wall_ms=" + load(connections, latencyMs, snapshot).wallMs);
        }
        long lowerBound = 0;
        List<String> regions = new ArrayList<>(MockCatalog.standard().regionNames());
        java.util.Collections.sort(regions);
        for (int i = 0; i < connections; i++) {
            long solo = Long.MAX_VALUE;
            for (int attempt = 0; attempt < SOLO_RUNS; attempt++) {
                try (MultiCloud mc = instance(snapshot)) {
                    connect(mc, i, regions, latencyMs);
                    long t0 = System.nanoTime();
                    mc.catalog().answer();
                    solo = Math.min(solo, (System.nanoTime() - t0) / 1_000_000);
                }
            }
            lowerBound = Math.max(lowerBound, solo);
        }
        Run run = load(connections, latencyMs, snapshot);
        Figures f = new Figures().put("connections", connections).put("wall_ms", run.wallMs)
                .put("lower_bound_ms", lowerBound).put("ratio", lowerBound == 0 ? 0 : (double) run.wallMs / lowerBound)
                .put("offers", run.offers).put("failed", run.failed).put("snapshot", snapshotOption);
        out.println(f.line());
        return run.failed == 0 ? Benchmarks.OK : Benchmarks.FOUND_FAULT;
    }

    private record Run(long wallMs, int offers, int failed) {
    }

    private static MultiCloud instance(Snapshot snapshot) {
        return MultiCloud.builder().environment(Map.of()).catalogSnapshot(snapshot).build();
    }

    private static Cloud connect(MultiCloud mc, int i, List<String> regions, int latencyMs) {
        String name = "c-" + i;
        Cloud cloud = mc.connect(ConnectionConfig.of("mock", regions.get(i % regions.size())).named(name)
                .credential("account", name));
        cloud.unwrap(MockControl.class).setLatency(Duration.ofMillis(latencyMs));
        return cloud;
    }

    private static Run load(int connections, int latencyMs, Snapshot snapshot) {
        List<String> regions = new ArrayList<>(MockCatalog.standard().regionNames());
        java.util.Collections.sort(regions);
        try (MultiCloud mc = instance(snapshot)) {
            for (int i = 0; i < connections; i++) {
                connect(mc, i, regions, latencyMs);
            }
            long t0 = System.nanoTime();
            CatalogAnswer a = mc.catalog().answer();
            long wall = (System.nanoTime() - t0) / 1_000_000;
            return new Run(wall, a.table().size(), a.failures().size());
        }
    }
}
