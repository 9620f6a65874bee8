package io.multicloud.api;

/** A request was refused before any cloud was called (or by the cloud) because a field is wrong. */
public class InvalidRequestException extends CloudException {
    private final String field;

    /** A field of a request is wrong. */
    public InvalidRequestException(String field, String reason) {
        this(ErrorContext.NONE, field, reason);
    }

    public InvalidRequestException(ErrorContext context, String field, String reason) {
        super(context, field == null ? reason : "invalid " + field + ": " + reason);
        this.field = field;
    }

    /** The name of the wrong field, or null when the whole request is wrong. */
    public String field() {
        return field;
    }
}
