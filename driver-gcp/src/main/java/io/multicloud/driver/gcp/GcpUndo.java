package io.multicloud.driver.gcp;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a multi-step create made so far, to remove again, newest first, when a later step fails:
 * nothing the library made is left behind by a failed operation. A removal that fails too is
 * added to the original error as suppressed and logged with what it left.
 */
final class GcpUndo {
    private static final Logger LOG = LoggerFactory.getLogger(GcpUndo.class);
    private final Deque<Step> steps = new ArrayDeque<>();

    private record Step(String what, Runnable removal) {
    }

    /** Records something made and how to remove it. */
    void made(String what, Runnable removal) {
        steps.push(new Step(what, removal));
    }

    /** Removes everything recorded, newest first, and returns the failure to throw. */
    RuntimeException undo(RuntimeException failure) {
        while (!steps.isEmpty()) {
            Step step = steps.pop();
            try {
                step.removal().run();
            } catch (RuntimeException e) {
                LOG.warn("could not remove {} after a failed create: {}", step.what(), e.getMessage());
                failure.addSuppressed(e);
            }
        }
        return failure;
    }
}
