package io.multicloud.driver.openstack;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.AuthenticationFailedException;
import io.multicloud.api.CapacityUnavailableException;
import io.multicloud.api.CloudException;
import io.multicloud.api.ConflictException;
import io.multicloud.api.ErrorContext;
import io.multicloud.api.ErrorScope;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.QuotaExceededException;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.ThrottledException;
import io.multicloud.api.TransientCloudException;
import java.util.Locale;
import java.util.function.Supplier;
import org.openstack4j.api.exceptions.ConnectionException;
import org.openstack4j.api.exceptions.RegionEndpointNotFoundException;
import org.openstack4j.api.exceptions.ResponseException;
import org.openstack4j.model.common.ActionResponse;

/**
 * Maps OpenStack's answers onto the common hierarchy, by HTTP status and, where one status means
 * several things, by the message: 404 NotFound; 409 AlreadyExists when the message says so, a
 * quota error when it names a quota (Neutron's OverQuota is a 409), else Conflict; 403 and 413
 * with a quota message QuotaExceeded (Nova answers 403 "Quota exceeded"), other 403 and 401
 * AuthenticationFailed; 429 Throttled; 400 InvalidRequest; 5xx and no answer at all transient.
 * openstack4j throws for some calls, returns an {@link ActionResponse} for others, and null for
 * a missing resource on get: {@link #call} and {@link #check} cover the first two.
 */
final class OpenStackErrors {
    private final String connection;
    private final KeystoneSession session;

    OpenStackErrors(String connection, KeystoneSession session) {
        this.connection = connection;
        this.session = session;
    }

    /** Runs an SDK call, turning its errors into the common hierarchy. */
    <T> T call(ResourceKind kind, String name, Supplier<T> call) {
        try {
            return call.get();
        } catch (RegionEndpointNotFoundException e) {
            throw new CloudException(ErrorContext.of(connection, kind, name),
                    "OpenStack's catalog lists no endpoint for this service in the connection's region: " + e.getMessage(), e);
        } catch (ConnectionException e) {
            throw new TransientCloudException(ErrorContext.of(connection, kind, name),
                    "no answer from OpenStack: " + e.getMessage(), e);
        } catch (ResponseException e) {
            throw map(e.getStatus(), e.getMessage(), kind, name, e);
        } finally {
            session.adopt();
        }
    }

    /** Runs an SDK call that returns nothing. */
    void run(ResourceKind kind, String name, Runnable call) {
        call(kind, name, () -> {
            call.run();
            return null;
        });
    }

    /** Throws the common exception for a failed {@link ActionResponse}. */
    void check(ActionResponse response, ResourceKind kind, String name) {
        session.adopt();
        if (response != null && !response.isSuccess()) {
            throw map(response.getCode(), response.getFault(), kind, name, null);
        }
    }

    /** The common exception for an HTTP status and OpenStack's message. */
    CloudException map(int status, String message, ResourceKind kind, String name, Throwable cause) {
        ErrorContext context = ErrorContext.of(connection, kind, name).provider(String.valueOf(status), message);
        String reason = "OpenStack answered " + status + (message == null || message.isBlank() ? "" : ": " + message);
        String lower = message == null ? "" : message.toLowerCase(Locale.ROOT);
        boolean quota = lower.contains("quota") || lower.contains("overlimit") || lower.contains("over limit");
        if (quota && (status == 403 || status == 409 || status == 413)) {
            return new QuotaExceededException(context, ErrorScope.REGION, reason, cause);
        }
        return switch (status) {
            case 400 -> new InvalidRequestException(context, null, reason);
            case 401 -> new AuthenticationFailedException(context, reason, cause);
            case 403 -> new AuthenticationFailedException(context, "not allowed: " + reason, cause);
            case 404 -> new NotFoundException(context, reason, cause);
            case 409 -> lower.contains("already exists") || lower.contains("duplicate")
                    ? new AlreadyExistsException(context, reason, cause) : new ConflictException(context, reason, cause);
            case 413 -> new QuotaExceededException(context, ErrorScope.REGION, reason, cause);
            case 429 -> new ThrottledException(context, reason, cause);
            default -> status >= 500 || status == 0 ? new TransientCloudException(context, reason, cause)
                    : new CloudException(context, reason, cause);
        };
    }

    /** A FAILED server's fault, as the common exception a caller can act on. */
    CloudException fault(String message, ResourceKind kind, String name) {
        ErrorContext context = ErrorContext.of(connection, kind, name).provider("ERROR", message);
        String lower = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (lower.contains("no valid host")) {
            return new CapacityUnavailableException(context, ErrorScope.ZONE, "Nova found no host: " + message, null);
        }
        if (lower.contains("quota")) {
            return new QuotaExceededException(context, ErrorScope.REGION, message, null);
        }
        return new ConflictException(context, "ended in ERROR: " + message);
    }

    /** A NotFound for a name this connection does not know. */
    NotFoundException notFound(ResourceKind kind, String name) {
        return new NotFoundException(ErrorContext.of(connection, kind, name), "no " + kind.label() + " named '" + name + "'");
    }

    /** An AlreadyExists for a name in use (OpenStack itself allows repeated names). */
    AlreadyExistsException taken(ResourceKind kind, String name) {
        return new AlreadyExistsException(ErrorContext.of(connection, kind, name),
                "a " + kind.label() + " named '" + name + "' already exists");
    }

    /** A Conflict, e.g. something still in use. */
    ConflictException conflict(ResourceKind kind, String name, String reason) {
        return new ConflictException(ErrorContext.of(connection, kind, name), reason);
    }
}
