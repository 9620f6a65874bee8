package io.multicloud.api;

/** The named resource does not exist. */
public class NotFoundException extends CloudException {
    public NotFoundException(ErrorContext context, String reason) {
        super(context, reason);
    }

    public NotFoundException(ErrorContext context, String reason, Throwable cause) {
        super(context, reason, cause);
    }
}
