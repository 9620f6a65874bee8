package io.multicloud.benchmarks;

import io.multicloud.core.catalog.CloudCatalog;
import io.multicloud.core.catalog.LatencyMatrix;
import io.multicloud.core.catalog.Offer;
import io.multicloud.core.catalog.OfferId;
import io.multicloud.core.catalog.OfferTable;
import io.multicloud.core.catalog.Priority;
import io.multicloud.core.catalog.Recommend;
import io.multicloud.core.catalog.Recommendation;
import io.multicloud.core.catalog.Snapshot;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code recommend}: how long the two queries of issue 15 take over the shipped snapshot
 * ({@code --specs 0}) or over a synthetic catalog of N offers made from it (each shipped offer
 * copied at its own place under a new spec name, its prices varied by up to ±20 %):
 * <ol>
 *   <li>{@code gpu-latency}: GPU model one of A100, H100, GPU memory ≥ 40 GiB, cost ≤ 40/h,
 *       ordered by latency to ap-northeast-2, then cost, limit 10;</li>
 *   <li>{@code near-seoul}: 2+ GPUs with ≥ 24 GiB each, ordered nearest to Seoul, then cheapest, limit 5.</li>
 * </ol>
 * Each query runs W times to warm up, then I times; p50/p99 are of those I, through the public
 * API ({@code catalog.recommend()...run()}). The baseline is one plain loop over an array of the
 * offer records applying the same filter and a bounded-heap partial sort, timed the same way;
 * {@code ratio = p50_us / baseline_scan_us}. {@code load_ms} is reading the shipped snapshot (first
 * thing in the run: a cold JVM), {@code heap_mb} the heap it keeps after a GC. The last line
 * carries the worse of the two queries.
 */
final class RecommendBenchmark implements Benchmark {
    private static final double SEOUL_LAT = 37.5665;
    private static final double SEOUL_LON = 126.978;

    @Override
    public String name() {
        return "recommend";
    }

    @Override
    public String usage() {
        return "recommend [--catalog shipped] [--specs N (0: the shipped offers)] [--iterations I] [--warmup W]";
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("catalog", "shipped");
        d.put("specs", "0");
        d.put("iterations", "300");
        d.put("warmup", "200");
        return d;
    }

    @Override
    public int run(Options options, PrintStream out) {
        if (!options.values().get("catalog").equals("shipped")) {
            throw new IllegalArgumentException("--catalog takes 'shipped' (the snapshot multicloud-catalog ships)");
        }
        int specs = options.integer("specs", 0);
        int iterations = options.integer("iterations", 1);
        int warmup = options.integer("warmup", 0);

        long before = usedHeapAfterGc();
        long t0 = System.nanoTime();
        Snapshot shipped = Snapshot.shipped(RecommendBenchmark.class.getClassLoader())
                .orElseThrow(() -> new IllegalStateException("no shipped snapshot on the class path"));
        long loadMs = (System.nanoTime() - t0) / 1_000_000;
        long heapMb = Math.max(0, usedHeapAfterGc() - before) / (1024 * 1024);
        out.println("snapshot=" + shipped.date() + " offers=" + shipped.offers().size() + " load_ms=" + loadMs
                + " heap_mb=" + heapMb);

        Snapshot snapshot = shipped;
        if (specs > 0 && specs != shipped.offers().size()) {
            long s0 = System.nanoTime();
            snapshot = synthetic(shipped, specs);
            out.println("synthetic offers=" + snapshot.offers().size() + " build_ms=" + (System.nanoTime() - s0) / 1_000_000
                    + " heap_mb=" + usedHeapAfterGc() / (1024 * 1024));
        }
        Offer[] records = snapshot.offers().asList().toArray(Offer[]::new);
        LatencyMatrix matrix = snapshot.latency();
        Baseline baseline = new Baseline(records, matrix, SEOUL_LAT, SEOUL_LON);

        Result worst = null;
        try (CloudCatalog catalog = CloudCatalog.offline(snapshot)) {
            Supplier<Recommend> q1 = () -> catalog.recommend()
                    .where("acceleratorModel").oneOf("A100", "H100")
                    .where("acceleratorMemoryGiB").atLeast(40)
                    .where("costPerHour").atMost(40)
                    .orderBy(Priority.latencyTo("ap-northeast-2"), Priority.cost())
                    .limit(10);
            Supplier<Recommend> q2 = () -> catalog.recommend()
                    .where("acceleratorCount").atLeast(2)
                    .where("acceleratorMemoryGiB").atLeast(24)
                    .orderBy(Priority.nearest(SEOUL_LAT, SEOUL_LON, "Seoul"), Priority.cost())
                    .limit(5);
            for (Map.Entry<String, Supplier<Recommend>> q : Map.of("gpu-latency", q1, "near-seoul", q2).entrySet().stream()
                    .sorted(Map.Entry.comparingByKey()).toList()) {
                Supplier<List<OfferId>> base = q.getKey().equals("gpu-latency") ? baseline::gpuLatency : baseline::nearSeoul;
                Result r = measure(q.getKey(), q.getValue(), base, records.length, iterations, warmup);
                out.println(r.figures().line());
                if (!r.same) {
                    out.println("MISMATCH: the library and the baseline disagree on " + q.getKey());
                }
                worst = worst == null ? r : worst.max(r);
            }
        }
        Figures f = new Figures().put("offers", records.length).put("load_ms", loadMs).put("heap_mb", heapMb)
                .put("p50_us", worst.p50Us).put("p99_us", worst.p99Us).put("baseline_scan_us", worst.baselineUs)
                .put("ratio", worst.ratio());
        out.println(f.line());
        return worst.same ? Benchmarks.OK : Benchmarks.FOUND_FAULT;
    }

    private record Result(String query, int offers, int matched, long p50Us, long p99Us, long baselineUs, boolean same) {
        double ratio() {
            return baselineUs == 0 ? p50Us : (double) p50Us / baselineUs;
        }

        Figures figures() {
            return new Figures().put("query", query).put("offers", offers).put("matched", matched).put("p50_us", p50Us)
                    .put("p99_us", p99Us).put("baseline_scan_us", baselineUs).put("ratio", ratio());
        }

        /** The worse of two results, figure by figure. */
        Result max(Result other) {
            if (other == null) {
                return this;
            }
            Result worse = ratio() >= other.ratio() ? this : other;
            return new Result("worst", offers, matched, Math.max(p50Us, other.p50Us), Math.max(p99Us, other.p99Us),
                    worse.baselineUs, same && other.same);
        }
    }

    private static Result measure(String name, Supplier<Recommend> query, Supplier<List<OfferId>> baseline, int offers,
                                  int iterations, int warmup) {
        Recommendation last = null;
        for (int i = 0; i < warmup; i++) {
            last = query.get().run();
            baseline.get();
        }
        long[] lib = new long[iterations];
        long[] base = new long[iterations];
        List<OfferId> baseIds = null;
        for (int i = 0; i < iterations; i++) {
            long a = System.nanoTime();
            last = query.get().run();
            long b = System.nanoTime();
            baseIds = baseline.get();
            long c = System.nanoTime();
            lib[i] = b - a;
            base[i] = c - b;
        }
        Arrays.sort(lib);
        Arrays.sort(base);
        List<OfferId> libIds = last.offers().stream().map(Offer::id).toList();
        return new Result(name, offers, last.matched(), pct(lib, 50) / 1000, pct(lib, 99) / 1000, pct(base, 50) / 1000,
                libIds.equals(baseIds));
    }

    private static long pct(long[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** N offers made from the shipped ones: copies at the same places under new spec names, prices varied. */
    static Snapshot synthetic(Snapshot shipped, int n) {
        OfferTable t = shipped.offers();
        OfferTable.Builder b = OfferTable.builder();
        int size = t.size();
        for (int i = 0; i < n; i++) {
            Offer o = t.offer(i % size);
            int copy = i / size;
            if (copy == 0) {
                b.add(o);
                continue;
            }
            double factor = 0.8 + 0.4 * ((i * 2654435761L) % 1000) / 1000.0;
            b.add(new Offer(new OfferId(o.provider(), o.region(), o.specName() + "-s" + copy, o.id().zone()), o.zones(),
                    o.location(), o.vcpus(), o.memoryGiB(), o.architecture(), o.acceleratorType(), o.acceleratorModel(),
                    o.acceleratorCount(), o.acceleratorMemoryGiB(), round(o.costPerHour() * factor),
                    round(o.spotCostPerHour() * factor), o.currency(), o.source(), o.asOf(), o.origin()));
        }
        shipped.regions().forEach(r -> b.locate(r.provider(), r.name(), r.location()));
        return new Snapshot(shipped.date(), shipped.sources(), b.build(), shipped.regions(), shipped.latency(),
                shipped.images());
    }

    private static double round(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 1_000_000) / 1_000_000.0;
    }
}
