package io.multicloud.core.mci;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/** Runs one task per item on its own virtual thread and collects the results in the items' order. */
final class Parallel {
    private Parallel() {
    }

    /** Applies {@code task} to every item at once; a task's exception is rethrown after all have ended. */
    static <T, R> List<R> map(List<T> items, Function<T, R> task) {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<R>> futures = new ArrayList<>(items.size());
            for (T item : items) {
                futures.add(threads.submit(() -> task.apply(item)));
            }
            List<R> results = new ArrayList<>(items.size());
            RuntimeException first = null;
            for (Future<R> future : futures) {
                try {
                    results.add(future.get());
                } catch (ExecutionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                    if (first == null) {
                        first = cause;
                    } else {
                        first.addSuppressed(cause);
                    }
                    results.add(null);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
            if (first != null) {
                throw first;
            }
            return results;
        }
    }
}
