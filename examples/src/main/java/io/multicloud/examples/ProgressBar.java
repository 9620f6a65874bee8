package io.multicloud.examples;

import io.multicloud.api.ResourceKind;
import io.multicloud.core.mci.ProgressEvent;
import io.multicloud.core.mci.ProgressListener;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A text progress bar for MCI operations: counts the VMs done and failed against the planned
 * total and prints a line each time one finishes, plus a line for each retry.
 */
final class ProgressBar implements ProgressListener {
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final AtomicInteger planned = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();

    ProgressBar(PrintStream out) {
        this.out = out;
    }

    @Override
    public void on(ProgressEvent event) {
        switch (event) {
            case ProgressEvent.Planned p -> {
                planned.set(p.steps());
                finished.set(0);
            }
            case ProgressEvent.Done d when d.kind() == ResourceKind.VM -> print(d.name() + " " + past(d.action()));
            case ProgressEvent.Failed f when f.kind() == ResourceKind.VM -> print(f.name() + " FAILED: " + f.reason());
            case ProgressEvent.Done d -> out.println("    " + past(d.action()) + " " + d.kind().label() + " " + d.name()
                    + " on " + d.connection());
            case ProgressEvent.Retried r -> out.println("    retrying " + r.name() + " in " + r.pause().toMillis()
                    + " ms: " + r.reason());
            default -> {
            }
        }
    }

    /** The action as done: create → created, suspend → suspended, scale-out → scaled out. */
    static String past(String action) {
        int dash = action.indexOf('-');
        if (dash > 0) {
            return past(action.substring(0, dash)) + " " + action.substring(dash + 1);
        }
        return action.endsWith("e") ? action + "d" : action + "ed";
    }

    private synchronized void print(String what) {
        int done = finished.incrementAndGet();
        int total = Math.max(planned.get(), done);
        int filled = WIDTH * done / total;
        out.printf("    [%s%s] %d/%d %s%n", "#".repeat(filled), ".".repeat(WIDTH - filled), done, total, what);
    }
}
