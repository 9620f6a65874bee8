package io.multicloud.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * {@code soak}: many seeded rounds of MCI create and delete over the mock with faults injected
 * (throttling, transient errors, quota and lost answers on {@code vm.create}, VMs failing after
 * the cloud accepted them, lost answers on delete, suspend and resume) under each failure policy,
 * with the MCI found again from a second {@code MultiCloud} in some rounds and a scale-out and a
 * scale-in racing its delete in others. Counts {@code orphans} (resources after create that the
 * MCI does not account for), {@code duplicates} (VMs tagged as the MCI's that are not members),
 * {@code violations} (policy broken, an action or a reattach wrong) and {@code leaked} (resources
 * left after delete); each should be 0.
 * Rounds are independent (each has its own {@code MultiCloud} and mock accounts), so
 * {@code --parallel P} runs P at a time; the plans are drawn in order from the seed whatever P is.
 */
final class SoakRun implements Benchmark {
    /** How many faulty rounds are told in full. */
    private static final int SHOWN = 20;

    @Override
    public String name() {
        return "soak";
    }

    @Override
    public String usage() {
        return "soak --rounds N --seed S [--parallel P]";
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("rounds", "500");
        defaults.put("seed", "42");
        defaults.put("parallel", "8");
        return defaults;
    }

    @Override
    public int run(Options options, PrintStream out) {
        int rounds = options.integer("rounds", 1);
        long seed = options.longValue("seed");
        int parallel = options.integer("parallel", 1);
        Random random = new Random(seed);
        // Every plan is drawn first, in order, so the seed alone decides the rounds however many run at once.
        List<SoakPlan> plans = new ArrayList<>(rounds);
        for (int round = 1; round <= rounds; round++) {
            plans.add(SoakPlan.draw(round, random));
        }
        long start = System.nanoTime();
        List<SoakRound.Result> results = runAll(plans, parallel);
        int orphans = 0;
        int duplicates = 0;
        int leaked = 0;
        int violations = 0;
        int errors = 0;
        int vms = 0;
        int vmsFailed = 0;
        List<SoakRound.Result> faulty = new ArrayList<>();
        for (SoakRound.Result result : results) {
            SoakPlan plan = result.plan();
            vms += plan.connections().stream().mapToInt(SoakPlan.Connection::size).sum();
            vmsFailed += result.vmsFailed();
            orphans += result.orphans().size();
            duplicates += result.duplicates().size();
            leaked += result.leaked().size();
            violations += result.violations().size();
            errors += result.errors().size();
            if (!result.clean()) {
                faulty.add(result);
                if (faulty.size() <= SHOWN) {
                    tell(result, out);
                }
            }
        }
        if (faulty.size() > SHOWN) {
            out.println("... and " + (faulty.size() - SHOWN) + " more faulty rounds");
        }
        Map<String, Integer> causes = new TreeMap<>();
        for (SoakRound.Result result : faulty) {
            result.orphans().forEach(line -> causes.merge("orphan: " + general(line), 1, Integer::sum));
            result.duplicates().forEach(line -> causes.merge("duplicate: " + general(line), 1, Integer::sum));
            result.violations().forEach(line -> causes.merge("policy: " + general(line), 1, Integer::sum));
            result.errors().forEach(line -> causes.merge("error: " + general(line), 1, Integer::sum));
            result.leaked().forEach(line -> causes.merge("leaked: " + general(line), 1, Integer::sum));
        }
        causes.forEach((cause, count) -> out.println(count + " x " + cause));
        double seconds = (System.nanoTime() - start) / 1e9;
        out.println(new Figures().put("rounds", rounds).put("orphans", orphans).put("leaked", leaked)
                .put("duplicates", duplicates).put("violations", violations).put("errors", errors)
                .put("faulty_rounds", faulty.size()).put("vms", vms).put("vms_failed", vmsFailed).put("seconds", seconds).line());
        return faulty.isEmpty() ? Benchmarks.OK : Benchmarks.FOUND_FAULT;
    }

    /** Runs the rounds, {@code parallel} at a time (each on its own MultiCloud and accounts), results in round order. */
    private static List<SoakRound.Result> runAll(List<SoakPlan> plans, int parallel) {
        Semaphore slots = new Semaphore(parallel);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<SoakRound.Result>> futures = new ArrayList<>(plans.size());
            for (SoakPlan plan : plans) {
                futures.add(threads.submit(() -> {
                    slots.acquire();
                    try {
                        return SoakRound.run(plan);
                    } finally {
                        slots.release();
                    }
                }));
            }
            List<SoakRound.Result> results = new ArrayList<>(plans.size());
            for (Future<SoakRound.Result> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a soak round broke: " + e.getCause(), e.getCause());
        }
    }

    /** A finding without its round's names, so that findings of one kind count together. */
    private static String general(String line) {
        return line.replaceAll("soak-\\d+-g\\d+-\\d+", "<vm>").replaceAll("r\\d+c\\d+", "<connection>")
                .replaceAll("soak-\\d+", "<mci>");
    }

    private static void tell(SoakRound.Result result, PrintStream out) {
        out.println(result.plan().describe());
        result.orphans().forEach(line -> out.println("  orphan: " + line));
        result.duplicates().forEach(line -> out.println("  duplicate: " + line));
        result.violations().forEach(line -> out.println("  policy: " + line));
        result.errors().forEach(line -> out.println("  error: " + line));
        result.leaked().forEach(line -> out.println("  leaked: " + line));
        result.events().stream().filter(e -> !e.contains("Retried")).forEach(line -> out.println("    event: " + line));
    }
}
