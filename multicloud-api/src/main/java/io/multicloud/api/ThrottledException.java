package io.multicloud.api;

/** The cloud refused the call because of its rate limit; retrying later succeeds. */
public class ThrottledException extends CloudException {
    public ThrottledException(ErrorContext context, String reason) {
        super(context, reason);
    }

    public ThrottledException(ErrorContext context, String reason, Throwable cause) {
        super(context, reason, cause);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
