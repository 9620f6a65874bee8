package io.multicloud.api;

/** A passing fault of the cloud (a 5xx answer, a dropped connection); retrying may succeed. */
public class TransientCloudException extends CloudException {
    public TransientCloudException(ErrorContext context, String reason) {
        super(context, reason);
    }

    public TransientCloudException(ErrorContext context, String reason, Throwable cause) {
        super(context, reason, cause);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
