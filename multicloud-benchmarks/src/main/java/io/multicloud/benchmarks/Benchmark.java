package io.multicloud.benchmarks;

import java.io.PrintStream;
import java.util.Map;

/** One benchmark of the command line: a name, its options with their defaults, and a run. */
interface Benchmark {
    /** The name that picks it on the command line. */
    String name();

    /** One line: the name and its options. */
    String usage();

    /** Every option it takes ({@code --name}, without the dashes) with its default value. */
    Map<String, String> defaults();

    /**
     * Runs it, printing progress and, last, its figures line; returns the exit code
     * ({@link Benchmarks#OK} or {@link Benchmarks#FOUND_FAULT}).
     */
    int run(Options options, PrintStream out);
}
