package io.multicloud.api;

/**
 * The root of every error this library raises. It says what, where and why: connection,
 * resource kind, name, and the cloud's own code and message — never a credential.
 */
public class CloudException extends RuntimeException {
    private final transient ErrorContext context;
    private final String reason;

    public CloudException(ErrorContext context, String reason) {
        this(context, reason, null);
    }

    public CloudException(ErrorContext context, String reason, Throwable cause) {
        super(reason, cause);
        this.context = context == null ? ErrorContext.NONE : context;
        this.reason = reason;
    }

    /** Where and on what the error happened. */
    public ErrorContext context() {
        return context;
    }

    /** The error's own explanation, without the context. */
    public String reason() {
        return reason;
    }

    /** Whether repeating the same call later may succeed ({@link ThrottledException}, {@link TransientCloudException}). */
    public boolean retryable() {
        return false;
    }

    @Override
    public String getMessage() {
        return context.describe(reason);
    }
}
