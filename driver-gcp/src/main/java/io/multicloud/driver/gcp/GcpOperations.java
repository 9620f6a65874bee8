package io.multicloud.driver.gcp;

import com.google.api.gax.longrunning.OperationFuture;
import com.google.api.gax.rpc.ApiException;
import com.google.cloud.compute.v1.GetGlobalOperationRequest;
import com.google.cloud.compute.v1.GetRegionOperationRequest;
import com.google.cloud.compute.v1.GetZoneOperationRequest;
import com.google.cloud.compute.v1.Operation;
import io.multicloud.api.CloudException;
import io.multicloud.api.CloudTimeoutException;
import io.multicloud.api.ErrorContext;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.TransientCloudException;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Awaits Compute Engine's long-running operations through the client library's operation
 * futures, with the connection's timeout, and turns a failed operation into the common
 * exception of its first error (a quota, a stockout...). The client library fails an operation
 * with its HTTP status only, so the operation is read once more to learn Google's error code.
 */
final class GcpOperations {
    private final GcpClients clients;
    private final GcpErrors errors;

    GcpOperations(GcpClients clients, GcpErrors errors) {
        this.clients = clients;
        this.errors = errors;
    }

    /** A fresh idempotency key for one mutating call. */
    static String requestId() {
        return UUID.randomUUID().toString();
    }

    /** The idempotency key of a create: the client token when it is a UUID, else a name-based UUID from it. */
    static String requestId(String clientToken) {
        if (clientToken == null) {
            return requestId();
        }
        try {
            return UUID.fromString(clientToken).toString();
        } catch (IllegalArgumentException e) {
            return UUID.nameUUIDFromBytes(("multicloud:" + clientToken).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
        }
    }

    /** Starts an operation and waits until it is done; its error is thrown as the common exception. */
    Operation await(ResourceKind kind, String name, Supplier<OperationFuture<Operation, Operation>> start) {
        OperationFuture<Operation, Operation> future = errors.call(kind, name, start);
        ErrorContext context = errors.context(kind, name);
        try {
            Operation done = future.get(clients.operationTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (done.hasError() && done.getError().getErrorsCount() > 0) {
                throw errors.map(done.getError().getErrors(0), done.getHttpErrorStatusCode(), kind, name, null);
            }
            return done;
        } catch (ExecutionException e) {
            throw failed(future, kind, name, e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new CloudTimeoutException(context, "the operation was not done after " + clients.operationTimeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CloudException(context, "interrupted while waiting for the operation", e);
        }
    }

    /**
     * Starts an operation and returns once Google has accepted it (its first answer), without
     * waiting for it to be done: for actions whose progress shows in the resource's status.
     */
    Operation start(ResourceKind kind, String name, Supplier<OperationFuture<Operation, Operation>> start) {
        OperationFuture<Operation, Operation> future = errors.call(kind, name, start);
        try {
            return operation(future.getInitialFuture().get(clients.operationTimeout().toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw cause instanceof ApiException api ? errors.map(api, kind, name)
                    : new TransientCloudException(errors.context(kind, name), "the call failed: " + cause, cause);
        } catch (TimeoutException e) {
            throw new CloudTimeoutException(errors.context(kind, name), "no answer after " + clients.operationTimeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CloudException(errors.context(kind, name), "interrupted while waiting for the answer", e);
        }
    }

    /** The compute Operation a snapshot carries. */
    private static Operation operation(com.google.api.gax.longrunning.OperationSnapshot snapshot) {
        if (snapshot.getResponse() instanceof Operation op) {
            return op;
        }
        return snapshot.getMetadata() instanceof Operation op ? op : Operation.newBuilder().setName(snapshot.getName()).build();
    }

    private CloudException failed(OperationFuture<Operation, Operation> future, ResourceKind kind, String name, Throwable cause) {
        Operation op = lastState(future);
        if (op != null && op.hasError() && op.getError().getErrorsCount() > 0) {
            return errors.map(op.getError().getErrors(0), op.getHttpErrorStatusCode(), kind, name, cause);
        }
        if (cause instanceof ApiException api) {
            return errors.map(api, kind, name);
        }
        if (cause instanceof CloudException ce) {
            return ce;
        }
        return new TransientCloudException(errors.context(kind, name), "the operation failed: " + cause, cause);
    }

    /** The operation as Google keeps it now (one call), or null when it cannot be read. */
    private Operation lastState(OperationFuture<Operation, Operation> future) {
        try {
            Operation started = operation(future.getInitialFuture().get());
            String project = clients.project();
            if (!started.getZone().isEmpty()) {
                return clients.zoneOperations.get().get(GetZoneOperationRequest.newBuilder().setProject(project)
                        .setZone(GcpContext.last(started.getZone())).setOperation(started.getName()).build());
            }
            if (!started.getRegion().isEmpty()) {
                return clients.regionOperations.get().get(GetRegionOperationRequest.newBuilder().setProject(project)
                        .setRegion(GcpContext.last(started.getRegion())).setOperation(started.getName()).build());
            }
            return clients.globalOperations.get().get(GetGlobalOperationRequest.newBuilder().setProject(project)
                    .setOperation(started.getName()).build());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | RuntimeException e) {
            return null;
        }
    }
}
