package io.multicloud.api;

/** A wait or a call ran out of time. */
public class CloudTimeoutException extends CloudException {
    public CloudTimeoutException(ErrorContext context, String reason) {
        super(context, reason);
    }

    public CloudTimeoutException(ErrorContext context, String reason, Throwable cause) {
        super(context, reason, cause);
    }
}
