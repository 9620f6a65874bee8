package io.multicloud.api;

/** A resource of that kind and name exists already. */
public class AlreadyExistsException extends CloudException {
    public AlreadyExistsException(ErrorContext context, String reason) {
        super(context, reason);
    }

    public AlreadyExistsException(ErrorContext context, String reason, Throwable cause) {
        super(context, reason, cause);
    }
}
