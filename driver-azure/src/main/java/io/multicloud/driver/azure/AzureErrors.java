package io.multicloud.driver.azure;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpResponse;
import com.azure.core.management.exception.ManagementError;
import com.azure.core.management.exception.ManagementException;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Maps Azure Resource Manager's errors onto the common hierarchy, as a table from ARM error code
 * to exception; codes not in the table fall back on the HTTP status (404 not found, 409 conflict,
 * 429 throttled, 5xx transient, 401/403 authentication, 400 invalid). Quota and capacity errors
 * carry their scope: a quota is the region's unless its message says it is the subscription's
 * (CLOUD); a capacity error is the zone's when the request named a zone or the message names one,
 * else the region's. A 429 says how long Azure asked to wait ({@code Retry-After}); the SDK's own
 * retry policy has already waited that long for each of its retries.
 */
final class AzureErrors {

    /** Builds the common exception for an ARM error. */
    @FunctionalInterface
    interface Factory {
        CloudException create(ErrorContext context, String reason, Throwable cause, Facts facts);
    }

    /** What a factory may look at beyond the code: the message, whether the request was zonal. */
    record Facts(String message, boolean zonal, String retryAfter) {
        boolean says(String... words) {
            String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
            for (String w : words) {
                if (m.contains(w)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final Factory NOT_FOUND = (c, r, e, f) -> new NotFoundException(c, r, e);
    private static final Factory ALREADY_EXISTS = (c, r, e, f) -> new AlreadyExistsException(c, r, e);
    private static final Factory CONFLICT = (c, r, e, f) -> new ConflictException(c, r, e);
    private static final Factory AUTHENTICATION = (c, r, e, f) -> new AuthenticationFailedException(c, r, e);
    private static final Factory TRANSIENT = (c, r, e, f) -> new TransientCloudException(c, r, e);
    private static final Factory INVALID = (c, r, e, f) -> new InvalidRequestException(c, null, r);
    private static final Factory THROTTLED = (c, r, e, f) -> new ThrottledException(c,
            f.retryAfter() == null ? r : r + " (Retry-After: " + f.retryAfter() + " s)", e);
    private static final Factory QUOTA = (c, r, e, f) -> new QuotaExceededException(c, quotaScope(f), r, e);
    private static final Factory CAPACITY = (c, r, e, f) -> new CapacityUnavailableException(c, capacityScope(f), r, e);

    static final Map<String, Factory> TABLE = Map.ofEntries(
            Map.entry("ResourceNotFound", NOT_FOUND),
            Map.entry("NotFound", NOT_FOUND),
            Map.entry("ResourceGroupNotFound", NOT_FOUND),
            Map.entry("ParentResourceNotFound", NOT_FOUND),
            Map.entry("InvalidResourceReference", NOT_FOUND),
            Map.entry("Conflict", ALREADY_EXISTS),
            Map.entry("ResourceExists", ALREADY_EXISTS),
            Map.entry("QuotaExceeded", QUOTA),
            Map.entry("OperationNotAllowed", (c, r, e, f) -> f.says("quota", "limit") ? QUOTA.create(c, r, e, f)
                    : new ConflictException(c, r, e)),
            Map.entry("SkuNotAvailable", CAPACITY),
            Map.entry("AllocationFailed", CAPACITY),
            Map.entry("ZonalAllocationFailed", (c, r, e, f) -> new CapacityUnavailableException(c, ErrorScope.ZONE, r, e)),
            Map.entry("OverconstrainedAllocationRequest", CAPACITY),
            Map.entry("OverconstrainedZonalAllocationRequest", (c, r, e, f) -> new CapacityUnavailableException(c, ErrorScope.ZONE, r, e)),
            Map.entry("TooManyRequests", THROTTLED),
            Map.entry("SubscriptionRequestsThrottled", THROTTLED),
            Map.entry("ResourceGroupRequestsThrottled", THROTTLED),
            Map.entry("AuthorizationFailed", AUTHENTICATION),
            Map.entry("InvalidAuthenticationToken", AUTHENTICATION),
            Map.entry("ExpiredAuthenticationToken", AUTHENTICATION),
            Map.entry("AuthenticationFailed", AUTHENTICATION),
            Map.entry("InUseSubnetCannotBeDeleted", CONFLICT),
            Map.entry("NicInUse", CONFLICT),
            Map.entry("InUseNetworkSecurityGroupCannotBeDeleted", CONFLICT),
            Map.entry("OperationNotAllowedOnDiskAttached", CONFLICT),
            Map.entry("DiskInUse", CONFLICT),
            Map.entry("OperationNotAllowedOnVMWithAttachedDisks", CONFLICT),
            Map.entry("SecurityRuleConflict", ALREADY_EXISTS),
            Map.entry("InternalServerError", TRANSIENT),
            Map.entry("InternalExecutionError", TRANSIENT),
            Map.entry("ServiceUnavailable", TRANSIENT),
            Map.entry("RetryableError", TRANSIENT),
            Map.entry("GatewayTimeout", TRANSIENT),
            Map.entry("InvalidParameter", INVALID),
            Map.entry("InvalidRequestFormat", INVALID),
            Map.entry("BadRequest", INVALID));

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private final String connection;

    AzureErrors(String connection) {
        this.connection = connection;
    }

    /** Runs an SDK call, turning its errors into the common hierarchy. */
    <T> T call(ResourceKind kind, String name, Supplier<T> call) {
        return call(kind, name, false, call);
    }

    /** As {@link #call(ResourceKind, String, Supplier)}, for a request that named a zone. */
    <T> T call(ResourceKind kind, String name, boolean zonal, Supplier<T> call) {
        try {
            return call.get();
        } catch (CloudException e) {
            throw e;
        } catch (HttpResponseException e) {
            throw map(e, kind, name, zonal);
        } catch (UncheckedIOException e) {
            throw new TransientCloudException(ErrorContext.of(connection, kind, name), "no answer from Azure: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof IOException) {
                throw new TransientCloudException(ErrorContext.of(connection, kind, name), "no answer from Azure: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    /** Runs an SDK call that returns nothing. */
    void run(ResourceKind kind, String name, Runnable call) {
        call(kind, name, () -> {
            call.run();
            return null;
        });
    }

    /** The common exception for an SDK error. */
    CloudException map(HttpResponseException e, ResourceKind kind, String name, boolean zonal) {
        String code = null;
        String message = e.getMessage();
        if (e instanceof ManagementException m && m.getValue() != null) {
            ManagementError error = m.getValue();
            code = error.getCode();
            message = error.getMessage();
        }
        HttpResponse response = e.getResponse();
        int status = response == null ? 0 : response.getStatusCode();
        String retryAfter = response == null ? null : response.getHeaders().getValue(HttpHeaderName.RETRY_AFTER);
        ErrorContext context = ErrorContext.of(connection, kind, name).provider(code, message);
        Facts facts = new Facts(message, zonal, retryAfter);
        return byCode(code, status).create(context, reason(code, status), e, facts);
    }

    /**
     * The common exception for a long-running operation that ended Failed: its status body
     * ({@code {"status":"Failed","error":{"code","message"}}}) names the code.
     */
    CloudException failed(ResourceKind kind, String name, boolean zonal, String statusBody, String fallback) {
        String code = null;
        String message = fallback;
        if (statusBody != null && !statusBody.isBlank()) {
            try {
                com.fasterxml.jackson.databind.JsonNode error = JSON.readTree(statusBody).path("error");
                code = error.path("code").asText(null);
                message = error.path("message").asText(fallback);
            } catch (IOException e) {
                // not JSON: keep the poller's message
            }
        }
        ErrorContext context = ErrorContext.of(connection, kind, name).provider(code, message);
        Factory factory = code == null ? (c, r, e, f) -> new CloudException(c, r, e) : byCode(code, 0);
        return factory.create(context, code == null ? "the Azure operation failed" : "Azure's operation failed with " + code, null,
                new Facts(message, zonal, null));
    }

    static Factory byCode(String code, int status) {
        if (code != null) {
            Factory known = TABLE.get(code);
            if (known != null) {
                return known;
            }
        }
        if (status == 429) {
            return THROTTLED;
        }
        if (status >= 500) {
            return TRANSIENT;
        }
        if (status == 401 || status == 403) {
            return AUTHENTICATION;
        }
        if (status == 404) {
            return NOT_FOUND;
        }
        if (status == 409) {
            return CONFLICT;
        }
        if (status == 400) {
            return INVALID;
        }
        return (c, r, e, f) -> new CloudException(c, r, e);
    }

    private static ErrorScope quotaScope(Facts f) {
        return f.says("per subscription", "subscription limit", "subscription's limit", "subscription-wide", "across all regions")
                ? ErrorScope.CLOUD : ErrorScope.REGION;
    }

    private static ErrorScope capacityScope(Facts f) {
        return f.zonal() || f.says("zone") ? ErrorScope.ZONE : ErrorScope.REGION;
    }

    private static String reason(String code, int status) {
        return code == null ? "Azure refused the request (HTTP " + status + ")" : "Azure answered " + code;
    }
}
