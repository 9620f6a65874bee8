package io.multicloud.examples;

import io.multicloud.api.Cloud;
import io.multicloud.api.Vm;
import io.multicloud.api.VmStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Waits until several VMs reach a status, all at once on virtual threads, and prints each
 * status change as the wait sees it ({@code vm-1  Suspending -> Suspended}).
 */
final class StatusWatch {
    private StatusWatch() {
    }

    static void await(Cloud cloud, List<String> names, VmStatus target, Duration timeout) {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Vm>> waits = new ArrayList<>();
            for (String name : names) {
                waits.add(threads.submit(() -> watch(cloud, name, target, timeout)));
            }
            for (Future<Vm> wait : waits) {
                join(wait);
            }
        }
    }

    private static Vm watch(Cloud cloud, String name, VmStatus target, Duration timeout) {
        VmStatus[] last = {cloud.vms().get(name).status()};
        return cloud.vms().waitUntil(name, vm -> {
            if (vm.status() != last[0]) {
                System.out.printf("    %-6s %s -> %s%n", name, last[0].display(), vm.status().display());
                last[0] = vm.status();
            }
            return vm.status() == target;
        }, timeout);
    }

    private static void join(Future<Vm> wait) {
        try {
            wait.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
