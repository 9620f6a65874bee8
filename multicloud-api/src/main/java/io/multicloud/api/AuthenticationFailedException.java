package io.multicloud.api;

/** The cloud refused the credential, or the credential may not do this. */
public class AuthenticationFailedException extends CloudException {
    public AuthenticationFailedException(ErrorContext context, String reason) {
        super(context, reason);
    }

    public AuthenticationFailedException(ErrorContext context, String reason, Throwable cause) {
        super(context, reason, cause);
    }
}
