package io.multicloud.api;

/** An error that holds for a zone, a region or a whole cloud, so a caller knows where else to try. */
public abstract class ScopedCloudException extends CloudException {
    private final ErrorScope scope;

    protected ScopedCloudException(ErrorContext context, ErrorScope scope, String reason, Throwable cause) {
        super(context, reason, cause);
        this.scope = scope;
    }

    /** How far the problem reaches. */
    public ErrorScope scope() {
        return scope;
    }

    @Override
    public String getMessage() {
        return super.getMessage() + " [scope: " + scope.name().toLowerCase(java.util.Locale.ROOT) + "]";
    }
}
