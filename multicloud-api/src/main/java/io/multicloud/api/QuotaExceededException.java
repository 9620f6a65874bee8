package io.multicloud.api;

/** A quota (vCPUs, VM count, ...) would be exceeded. */
public class QuotaExceededException extends ScopedCloudException {
    public QuotaExceededException(ErrorContext context, ErrorScope scope, String reason) {
        super(context, scope, reason, null);
    }

    public QuotaExceededException(ErrorContext context, ErrorScope scope, String reason, Throwable cause) {
        super(context, scope, reason, cause);
    }
}
