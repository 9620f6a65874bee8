package io.multicloud.driver.openstack;

import io.multicloud.api.CloudTimeoutException;
import io.multicloud.api.ErrorContext;
import io.multicloud.api.ResourceKind;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Waits for an Octavia load balancer to settle. Octavia does every change asynchronously and
 * refuses the next one with 409 "immutable" while the load balancer is PENDING_*: so each
 * change waits for ACTIVE before the next. Polls start short (Octavia in a lab settles in
 * well under a second) and back off to {@link #MAX_INTERVAL}; ERROR ends the wait with a Conflict.
 */
final class OctaviaWaiter {
    static final Duration FIRST_INTERVAL = Duration.ofMillis(50);
    static final Duration MAX_INTERVAL = Duration.ofSeconds(2);

    private final OpenStackContext ctx;
    private final Duration timeout;

    OctaviaWaiter(OpenStackContext ctx, Duration timeout) {
        this.ctx = ctx;
        this.timeout = timeout;
    }

    /** Waits until the load balancer is ACTIVE; NotFound when it vanished, Conflict on ERROR. */
    OctaviaWire.LoadBalancer untilActive(String name, Supplier<OctaviaWire.LoadBalancer> poll) {
        return await(name, "ACTIVE", poll, false);
    }

    /** Waits until the load balancer is gone (after a delete). */
    void untilGone(String name, Supplier<OctaviaWire.LoadBalancer> poll) {
        await(name, "gone", poll, true);
    }

    private OctaviaWire.LoadBalancer await(String name, String goal, Supplier<OctaviaWire.LoadBalancer> poll,
                                           boolean gone) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Duration interval = FIRST_INTERVAL;
        while (true) {
            OctaviaWire.LoadBalancer lb = poll.get();
            // Octavia may show a deleted load balancer as DELETED for a while before it answers 404.
            if (lb == null || "DELETED".equals(lb.provisioningStatus())) {
                if (gone) {
                    return null;
                }
                throw ctx.errors().notFound(ResourceKind.NLB, name);
            }
            String status = lb.provisioningStatus();
            if (!gone && "ACTIVE".equals(status)) {
                return lb;
            }
            if ("ERROR".equals(status)) {
                throw ctx.errors().conflict(ResourceKind.NLB, name,
                        "Octavia put the load balancer in provisioning status ERROR");
            }
            if (System.nanoTime() > deadline) {
                throw new CloudTimeoutException(ErrorContext.of(ctx.config().name(), ResourceKind.NLB, name),
                        "the load balancer did not become " + goal + " within " + timeout + " (still " + status + ")");
            }
            sleep(interval);
            interval = interval.multipliedBy(2).compareTo(MAX_INTERVAL) > 0 ? MAX_INTERVAL : interval.multipliedBy(2);
        }
    }

    private void sleep(Duration interval) {
        try {
            Thread.sleep(interval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CloudTimeoutException(ErrorContext.of(ctx.config().name(), ResourceKind.NLB, null),
                    "interrupted while waiting for Octavia", e);
        }
    }
}
