package io.multicloud.api;

/** The cloud has no capacity for the request right now. */
public class CapacityUnavailableException extends ScopedCloudException {
    public CapacityUnavailableException(ErrorContext context, ErrorScope scope, String reason) {
        super(context, scope, reason, null);
    }

    public CapacityUnavailableException(ErrorContext context, ErrorScope scope, String reason, Throwable cause) {
        super(context, scope, reason, cause);
    }
}
