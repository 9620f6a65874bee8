package io.multicloud.driver.gcp.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.testkit.fake.FakeClock;
import io.multicloud.testkit.fake.FakeHandler;
import io.multicloud.testkit.fake.FakeRequest;
import io.multicloud.testkit.fake.FakeResponse;
import io.multicloud.testkit.fake.Store;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Compute Engine operations: every mutation answers one, PENDING at first, RUNNING a step later,
 * DONE two steps after that (when its change completes), or DONE with an error. A
 * {@code requestId} already seen answers the operation it started, and nothing is done again.
 */
final class ComputeOps {
    /** A failure the next operation of a method ends with. */
    private record Failure(String code, String message, String quotaMetric) {
    }

    private final GcpFake fake;
    private final FakeClock clock;
    private final Store<ObjectNode> operations = new Store<>(7_000_000_000_000_000L);
    private final Map<String, ObjectNode> byRequestId = new HashMap<>();
    private final Map<String, Failure> failures = new HashMap<>();

    ComputeOps(GcpFake fake, FakeClock clock) {
        this.fake = fake;
        this.clock = clock;
        for (String scope : new String[] {"zone", "region", "global"}) {
            String resource = scope + "Operations";
            fake.on("compute." + resource + ".get", r -> FakeResponse.ok(find(r).deepCopy()));
            fake.on("compute." + resource + ".wait", r -> FakeResponse.ok(find(r).deepCopy()));
        }
    }

    private ObjectNode find(FakeRequest r) {
        return operations.require(r.path("operation"), () -> Gce.notFound("projects/" + GcpFake.PROJECT + "/operations/" + r.path("operation")));
    }

    void failNext(String methodId, String code, String message, String quotaMetric) {
        failures.put(methodId, new Failure(code, message, quotaMetric));
    }

    /** The change a mutation makes: done at once, it answers what completes and undoes it later. */
    interface Change {
        /** Applies the immediate part; returns the target's link and id. */
        Target apply();
    }

    /**
     * @param link    the target's path after {@code compute/v1/}
     * @param done    what happens when the operation completes
     * @param undo    what is removed when the operation fails
     */
    record Target(String link, String id, Runnable done, Runnable undo) {
        Target(String link, String id) {
            this(link, id, () -> { }, () -> { });
        }
    }

    /**
     * A handler for a mutating method: checks and remembers the {@code requestId}, applies the
     * change and answers its operation.
     *
     * @param scope the operation's scope from the request: {@code zones/z}, {@code regions/r} or {@code global}
     */
    FakeHandler mutation(String methodId, String type, java.util.function.Function<FakeRequest, String> scope,
                         java.util.function.Function<FakeRequest, Target> change) {
        return r -> {
            String requestId = r.query("requestId").orElse(null);
            if (requestId != null) {
                try {
                    if (UUID.fromString(requestId).equals(new UUID(0, 0))) {
                        throw new IllegalArgumentException();
                    }
                } catch (IllegalArgumentException e) {
                    throw Gce.invalid("Invalid value for field 'requestId': '" + requestId + "'. The request ID must be a valid UUID.");
                }
                ObjectNode seen = byRequestId.get(requestId);
                if (seen != null) {
                    return FakeResponse.ok(seen.deepCopy());
                }
            }
            Target target = change.apply(r);
            ObjectNode op = start(scope.apply(r), type, target, failures.remove(methodId));
            if (requestId != null) {
                byRequestId.put(requestId, op);
            }
            return FakeResponse.ok(op.deepCopy());
        };
    }

    private ObjectNode start(String scope, String type, Target target, Failure failure) {
        String id = operations.nextId();
        String name = "operation-" + System.currentTimeMillis() + "-" + Long.toHexString(Long.parseLong(id.substring(8)));
        ObjectNode op = Gce.object().put("kind", "compute#operation").put("id", id).put("name", name)
                .put("operationType", type).put("targetLink", Gce.link(target.link()))
                .put("targetId", target.id() == null ? "0" : target.id()).put("status", "PENDING")
                .put("user", "fake@" + GcpFake.PROJECT + ".iam.gserviceaccount.com").put("progress", 0)
                .put("insertTime", Gce.now()).put("creationTimestamp", Gce.now())
                .put("selfLink", Gce.link("projects/" + GcpFake.PROJECT + "/" + scope + "/operations/" + name));
        if (scope.startsWith("zones/")) {
            op.put("zone", Gce.link("projects/" + GcpFake.PROJECT + "/" + scope));
        } else if (scope.startsWith("regions/")) {
            op.put("region", Gce.link("projects/" + GcpFake.PROJECT + "/" + scope));
        }
        operations.put(name, op);
        clock.later(1, () -> op.put("status", "RUNNING").put("progress", 50).put("startTime", Gce.now()));
        clock.later(3, () -> {
            op.put("status", "DONE").put("progress", 100).put("endTime", Gce.now());
            if (failure == null) {
                target.done().run();
                return;
            }
            target.undo().run();
            boolean quota = failure.quotaMetric() != null;
            op.put("httpErrorStatusCode", quota ? 403 : 503).put("httpErrorMessage", quota ? "FORBIDDEN" : "SERVICE UNAVAILABLE");
            ObjectNode error = op.putObject("error").putArray("errors").addObject()
                    .put("code", failure.code()).put("message", failure.message());
            if (quota) {
                String region = scope.startsWith("zones/") ? scope.substring(6, scope.lastIndexOf('-')) : "global";
                ObjectNode info = error.putArray("errorDetails").addObject().putObject("quotaInfo")
                        .put("metricName", "compute.googleapis.com/" + failure.quotaMetric().toLowerCase(java.util.Locale.ROOT))
                        .put("limitName", failure.quotaMetric() + "-per-project-region").put("limit", 8.0);
                if (!failure.quotaMetric().endsWith("ALL_REGIONS")) {
                    info.putObject("dimensions").put("region", region);
                }
            }
        });
        return op;
    }
}
