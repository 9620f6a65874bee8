package io.multicloud.benchmarks;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The benchmarks' command line: {@code java -jar multicloud-benchmarks.jar <benchmark> [--option value]...}.
 * The first argument picks the benchmark; each prints its figures on its last line as
 * {@code key=value} pairs separated by spaces. Exit codes: 0 done, 1 the run found a fault
 * (something left behind, VMs not running), 2 bad command line (usage on stderr).
 */
public final class Benchmarks {
    /** Exit code of a run that worked. */
    public static final int OK = 0;
    /** Exit code of a run that found a fault. */
    public static final int FOUND_FAULT = 1;
    /** Exit code of a bad command line. */
    public static final int USAGE = 2;

    private static final List<Benchmark> BENCHMARKS = List.of(new MciBenchmark(), new SoakRun(), new SshBenchmark(),
            new RecommendBenchmark(), new CatalogBenchmark());

    private Benchmarks() {
    }

    /** Runs the benchmark named by the first argument and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the benchmark named by the first argument, printing to these streams; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("no benchmark named");
            usage(err);
            return USAGE;
        }
        Optional<Benchmark> chosen = BENCHMARKS.stream().filter(b -> b.name().equals(args[0])).findFirst();
        if (chosen.isEmpty()) {
            err.println("unknown benchmark '" + args[0] + "'");
            usage(err);
            return USAGE;
        }
        Benchmark benchmark = chosen.get();
        Options options;
        try {
            options = Options.parse(Arrays.copyOfRange(args, 1, args.length), benchmark.defaults());
        } catch (IllegalArgumentException e) {
            err.println(benchmark.name() + ": " + e.getMessage());
            err.println("usage: " + benchmark.usage());
            return USAGE;
        }
        try {
            return benchmark.run(options, out);
        } catch (IllegalArgumentException e) {
            err.println(benchmark.name() + ": " + e.getMessage());
            err.println("usage: " + benchmark.usage());
            return USAGE;
        }
    }

    private static void usage(PrintStream err) {
        err.println("usage: java -jar multicloud-benchmarks.jar <benchmark> [--option value]...");
        err.println("benchmarks:");
        BENCHMARKS.forEach(b -> err.println("  " + b.usage()));
    }
}
