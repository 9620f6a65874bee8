package io.multicloud.api;

/**
 * Where and on what an error happened. Every part is optional (null when unknown); none may
 * hold a secret.
 *
 * @param connection the connection name, such as {@code mock/mars}
 * @param kind the resource kind
 * @param name the resource's name
 * @param providerCode the cloud's own error code, such as {@code InvalidInstanceID.NotFound}
 * @param providerMessage the cloud's own message
 */
public record ErrorContext(String connection, ResourceKind kind, String name,
                           String providerCode, String providerMessage) {

    /** No context at all. */
    public static final ErrorContext NONE = new ErrorContext(null, null, null, null, null);

    /** A context naming a resource on a connection. */
    public static ErrorContext of(String connection, ResourceKind kind, String name) {
        return new ErrorContext(connection, kind, name, null, null);
    }

    /** A copy carrying the cloud's own code and message. */
    public ErrorContext provider(String code, String message) {
        return new ErrorContext(connection, kind, name, code, message);
    }

    /** A copy naming the connection, when it was not known where the error was raised. */
    public ErrorContext connectionIfAbsent(String value) {
        return connection != null ? this : new ErrorContext(value, kind, name, providerCode, providerMessage);
    }

    String describe(String message) {
        StringBuilder sb = new StringBuilder();
        if (connection != null) {
            sb.append('[').append(connection).append("] ");
        }
        if (kind != null) {
            sb.append(kind.label());
            if (name != null) {
                sb.append(" '").append(name).append('\'');
            }
            sb.append(": ");
        }
        sb.append(message);
        if (providerCode != null || providerMessage != null) {
            sb.append(" (provider: ").append(providerCode == null ? "" : providerCode);
            if (providerMessage != null) {
                sb.append(providerCode == null ? "" : " ").append(providerMessage);
            }
            sb.append(')');
        }
        return sb.toString();
    }
}
