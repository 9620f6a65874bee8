package io.multicloud.core.mci;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs one task per item on its own virtual thread and collects the results in the items' order.
 * With a stop switch, an interrupted caller throws it and still waits for every task to end, so
 * that no task is cut off mid-call; the interrupt is kept for the caller to see afterwards.
 */
final class Parallel {
    private Parallel() {
    }

    /** A future's result; its task's exception is rethrown as it was. */
    static <T> T result(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** Applies {@code task} to every item at once; a task's exception is rethrown after all have ended. */
    static <T, R> List<R> map(List<T> items, Function<T, R> task) {
        return map(items, task, null);
    }

    /** As {@link #map(List, Function)}; an interrupt throws {@code stop} (when not null) instead of cutting the tasks off. */
    static <T, R> List<R> map(List<T> items, Function<T, R> task, Stop stop) {
        boolean interrupted = false;
        List<R> results = new ArrayList<>(items.size());
        RuntimeException first = null;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<R>> futures = new ArrayList<>(items.size());
            for (T item : items) {
                futures.add(threads.submit(() -> task.apply(item)));
            }
            for (Future<R> future : futures) {
                while (true) {
                    try {
                        results.add(future.get());
                        break;
                    } catch (InterruptedException e) {
                        if (stop == null) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException("interrupted", e);
                        }
                        interrupted = true;
                        stop.stop();
                    } catch (ExecutionException e) {
                        results.add(null);
                        RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                        if (first == null) {
                            first = cause;
                        } else {
                            first.addSuppressed(cause);
                        }
                        break;
                    }
                }
            }
        }
        // Set again only now: closing the executor with the flag up would interrupt the tasks.
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (first != null) {
            throw first;
        }
        return results;
    }
}
