package io.multicloud.driver.mock;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.AuthenticationFailedException;
import io.multicloud.api.CapacityUnavailableException;
import io.multicloud.api.CloudException;
import io.multicloud.api.ConflictException;
import io.multicloud.api.ErrorContext;
import io.multicloud.api.ErrorScope;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.QuotaExceededException;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.ThrottledException;
import io.multicloud.api.TransientCloudException;

/**
 * Makes the exceptions of one connection, each with the connection's name, the resource kind
 * and name, and the mock cloud's own error code (the table below), as a real driver maps its
 * SDK's errors.
 */
final class MockErrors {
    static final String NOT_FOUND = "NotFound";
    static final String ALREADY_EXISTS = "AlreadyExists";
    static final String DEPENDENCY_VIOLATION = "DependencyViolation";
    static final String INCORRECT_STATE = "IncorrectState";
    static final String INVALID_PARAMETER = "InvalidParameterValue";
    static final String QUOTA_EXCEEDED = "QuotaExceeded";
    static final String INSUFFICIENT_CAPACITY = "InsufficientCapacity";
    static final String THROTTLING = "Throttling";
    static final String INTERNAL_ERROR = "InternalError";
    static final String AUTH_FAILURE = "AuthFailure";

    private final String connection;

    MockErrors(String connection) {
        this.connection = connection;
    }

    ErrorContext context(ResourceKind kind, String name, String code) {
        return ErrorContext.of(connection, kind, name).provider(code, null);
    }

    NotFoundException notFound(ResourceKind kind, String name) {
        return notFound(kind, name, "does not exist");
    }

    NotFoundException notFound(ResourceKind kind, String name, String reason) {
        return new NotFoundException(context(kind, name, NOT_FOUND), reason);
    }

    AlreadyExistsException alreadyExists(ResourceKind kind, String name, String reason) {
        return new AlreadyExistsException(context(kind, name, ALREADY_EXISTS), reason);
    }

    /** Another resource depends on this one. */
    ConflictException inUse(ResourceKind kind, String name, String reason) {
        return conflict(kind, name, DEPENDENCY_VIOLATION, reason);
    }

    /** The resource's status forbids the action. */
    ConflictException wrongState(ResourceKind kind, String name, String reason) {
        return conflict(kind, name, INCORRECT_STATE, reason);
    }

    ConflictException conflict(ResourceKind kind, String name, String code, String reason) {
        return new ConflictException(context(kind, name, code), reason);
    }

    InvalidRequestException invalid(ResourceKind kind, String name, String field, String reason) {
        return new InvalidRequestException(context(kind, name, INVALID_PARAMETER), field, reason);
    }

    QuotaExceededException quota(ResourceKind kind, String name, String reason) {
        return new QuotaExceededException(context(kind, name, QUOTA_EXCEEDED), ErrorScope.REGION, reason);
    }

    CapacityUnavailableException capacity(ResourceKind kind, String name, ErrorScope scope, String reason) {
        return new CapacityUnavailableException(context(kind, name, INSUFFICIENT_CAPACITY), scope, reason);
    }

    ThrottledException throttled(ResourceKind kind, String reason) {
        return new ThrottledException(context(kind, null, THROTTLING), reason);
    }

    TransientCloudException transientError(ResourceKind kind, String reason) {
        return new TransientCloudException(context(kind, null, INTERNAL_ERROR), reason);
    }

    /** The exception an injected fault raises. */
    CloudException fault(FaultKind fault, String operation) {
        return fault(fault, operation, null);
    }

    /** The exception an injected fault raises; a quota or capacity fault carries {@code scope} when it is given. */
    CloudException fault(FaultKind fault, String operation, ErrorScope scope) {
        ResourceKind kind = MockOperations.kindOf(operation);
        String reason = "injected " + fault.name().toLowerCase(java.util.Locale.ROOT) + " fault on " + operation;
        return switch (fault) {
            case THROTTLED -> throttled(kind, reason);
            case TRANSIENT -> transientError(kind, reason);
            case QUOTA -> new QuotaExceededException(context(kind, null, QUOTA_EXCEEDED),
                    scope == null ? ErrorScope.REGION : scope, reason);
            case CAPACITY -> capacity(kind, null, scope == null ? ErrorScope.ZONE : scope, reason);
            case AUTH -> new AuthenticationFailedException(context(kind, null, AUTH_FAILURE), reason);
            case LOST -> transientError(kind, "the answer to " + operation + " was lost (injected; the call took effect)");
        };
    }
}
