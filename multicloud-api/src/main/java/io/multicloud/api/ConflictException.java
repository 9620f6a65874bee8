package io.multicloud.api;

/** The resource is in use or in a state that forbids the action (a VPC that still holds VMs, an attached disk). */
public class ConflictException extends CloudException {
    public ConflictException(ErrorContext context, String reason) {
        super(context, reason);
    }

    public ConflictException(ErrorContext context, String reason, Throwable cause) {
        super(context, reason, cause);
    }
}
