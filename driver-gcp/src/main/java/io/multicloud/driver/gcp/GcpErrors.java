package io.multicloud.driver.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.client.http.HttpResponseException;
import com.google.api.gax.rpc.ApiException;
import com.google.cloud.compute.v1.ErrorDetails;
import com.google.cloud.compute.v1.Errors;
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
import java.util.Map;
import java.util.function.Supplier;

/**
 * Maps Google's errors onto the common hierarchy, as a table from Google's error code (an
 * operation's {@code error.errors[].code} such as {@code QUOTA_EXCEEDED}, or an answer's
 * {@code error.errors[].reason} such as {@code alreadyExists}) to exception. Codes not in the
 * table fall back on the HTTP status: 404 NotFound, 409 AlreadyExists, 429 Throttled, 5xx
 * TransientCloud, 401/403 AuthenticationFailed, 412 Conflict, 400 InvalidRequest. A quota error
 * is region-wide when its quota has a region dimension, else cloud-wide ({@code GPUS_ALL_REGIONS}
 * and the other global metrics); a stockout is zone-wide.
 */
final class GcpErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Builds the common exception for a Google error. */
    @FunctionalInterface
    interface Factory {
        CloudException create(ErrorContext context, String reason, Throwable cause, ErrorScope quotaScope);
    }

    static final Map<String, Factory> TABLE = Map.ofEntries(
            Map.entry("notFound", (c, r, e, s) -> new NotFoundException(c, r, e)),
            Map.entry("alreadyExists", (c, r, e, s) -> new AlreadyExistsException(c, r, e)),
            Map.entry("QUOTA_EXCEEDED", (c, r, e, s) -> new QuotaExceededException(c, s, r, e)),
            Map.entry("quotaExceeded", (c, r, e, s) -> new QuotaExceededException(c, s, r, e)),
            Map.entry("ZONE_RESOURCE_POOL_EXHAUSTED", (c, r, e, s) -> new CapacityUnavailableException(c, ErrorScope.ZONE, r, e)),
            Map.entry("ZONE_RESOURCE_POOL_EXHAUSTED_WITH_DETAILS", (c, r, e, s) -> new CapacityUnavailableException(c, ErrorScope.ZONE, r, e)),
            Map.entry("STOCKOUT", (c, r, e, s) -> new CapacityUnavailableException(c, ErrorScope.ZONE, r, e)),
            Map.entry("rateLimitExceeded", (c, r, e, s) -> new ThrottledException(c, r, e)),
            Map.entry("userRateLimitExceeded", (c, r, e, s) -> new ThrottledException(c, r, e)),
            Map.entry("RATE_LIMIT_EXCEEDED", (c, r, e, s) -> new ThrottledException(c, r, e)),
            Map.entry("backendError", (c, r, e, s) -> new TransientCloudException(c, r, e)),
            Map.entry("internalError", (c, r, e, s) -> new TransientCloudException(c, r, e)),
            Map.entry("resourceInUseByAnotherResource", (c, r, e, s) -> new ConflictException(c, r, e)),
            Map.entry("RESOURCE_IN_USE_BY_ANOTHER_RESOURCE", (c, r, e, s) -> new ConflictException(c, r, e)),
            Map.entry("resourceNotReady", (c, r, e, s) -> new ConflictException(c, r, e)),
            Map.entry("RESOURCE_NOT_READY", (c, r, e, s) -> new ConflictException(c, r, e)),
            Map.entry("conditionNotMet", (c, r, e, s) -> new ConflictException(c, r, e)),
            Map.entry("forbidden", (c, r, e, s) -> new AuthenticationFailedException(c, r, e)),
            Map.entry("insufficientPermissions", (c, r, e, s) -> new AuthenticationFailedException(c, r, e)),
            Map.entry("accessNotConfigured", (c, r, e, s) -> new AuthenticationFailedException(c, r, e)),
            Map.entry("authError", (c, r, e, s) -> new AuthenticationFailedException(c, r, e)));

    private final String connection;

    GcpErrors(String connection) {
        this.connection = connection;
    }

    /** The context of an error about this resource on this connection. */
    ErrorContext context(ResourceKind kind, String name) {
        return ErrorContext.of(connection, kind, name);
    }

    /** Runs a client-library call, turning its errors into the common hierarchy. */
    <T> T call(ResourceKind kind, String name, Supplier<T> call) {
        try {
            return call.get();
        } catch (ApiException e) {
            throw map(e, kind, name);
        }
    }

    /** Runs a call that returns nothing. */
    void run(ResourceKind kind, String name, Runnable call) {
        call(kind, name, () -> {
            call.run();
            return null;
        });
    }

    /** The common exception for an error answer. */
    CloudException map(ApiException e, ResourceKind kind, String name) {
        ErrorContext context = ErrorContext.of(connection, kind, name);
        int status = e.getStatusCode().getTransportCode() instanceof Integer i ? i : httpStatus(e.getStatusCode().getCode());
        String reason = null;
        String message = e.getMessage();
        JsonNode error = errorBody(e);
        if (error != null) {
            message = error.path("message").asText(message);
            reason = error.path("errors").path(0).path("reason").asText(null);
        }
        if (e.getCause() instanceof java.io.IOException && error == null && status == 0) {
            return new TransientCloudException(context, "no answer from Google: " + e.getMessage(), e);
        }
        String code = reason != null ? reason : e.getStatusCode().getCode().name();
        ErrorScope scope = message != null && message.contains("ALL_REGIONS") ? ErrorScope.CLOUD : ErrorScope.REGION;
        return byCode(reason, status).create(context.provider(code, message), describe(code), e, scope);
    }

    /** The common exception for a failed operation, from its first error. */
    CloudException map(Errors error, int httpStatus, ResourceKind kind, String name, Throwable cause) {
        ErrorContext context = ErrorContext.of(connection, kind, name).provider(error.getCode(), error.getMessage());
        ErrorScope scope = ErrorScope.CLOUD;
        for (ErrorDetails d : error.getErrorDetailsList()) {
            if (d.hasQuotaInfo()) {
                boolean regional = d.getQuotaInfo().getDimensionsMap().containsKey("region")
                        || d.getQuotaInfo().getDimensionsMap().containsKey("zone");
                scope = regional && !d.getQuotaInfo().getMetricName().toUpperCase(java.util.Locale.ROOT).contains("ALL_REGIONS")
                        ? ErrorScope.REGION : ErrorScope.CLOUD;
            }
        }
        if (error.getErrorDetailsList().stream().noneMatch(ErrorDetails::hasQuotaInfo)) {
            scope = error.getMessage().contains("ALL_REGIONS") || error.getMessage().contains("global") ? ErrorScope.CLOUD : ErrorScope.REGION;
        }
        return byCode(error.getCode(), httpStatus).create(context, describe(error.getCode()), cause, scope);
    }

    static Factory byCode(String code, int status) {
        if (code != null) {
            Factory known = TABLE.get(code);
            if (known != null) {
                return known;
            }
        }
        return switch (status) {
            case 404 -> (c, r, e, s) -> new NotFoundException(c, r, e);
            case 409 -> (c, r, e, s) -> new AlreadyExistsException(c, r, e);
            case 412 -> (c, r, e, s) -> new ConflictException(c, r, e);
            case 429 -> (c, r, e, s) -> new ThrottledException(c, r, e);
            case 401, 403 -> (c, r, e, s) -> new AuthenticationFailedException(c, r, e);
            case 400 -> (c, r, e, s) -> new InvalidRequestException(c, null, r);
            default -> status >= 500 ? (c, r, e, s) -> new TransientCloudException(c, r, e) : (c, r, e, s) -> new CloudException(c, r, e);
        };
    }

    private static int httpStatus(com.google.api.gax.rpc.StatusCode.Code code) {
        return switch (code) {
            case NOT_FOUND -> 404;
            case ALREADY_EXISTS -> 409;
            case RESOURCE_EXHAUSTED -> 429;
            case UNAUTHENTICATED -> 401;
            case PERMISSION_DENIED -> 403;
            case INVALID_ARGUMENT, OUT_OF_RANGE -> 400;
            case FAILED_PRECONDITION, ABORTED -> 412;
            case UNAVAILABLE, INTERNAL, DEADLINE_EXCEEDED, UNKNOWN -> 503;
            default -> 0;
        };
    }

    /** Google's error JSON ({@code error}) from the HTTP answer under the exception, if it has one. */
    private static JsonNode errorBody(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpResponseException http && http.getContent() != null) {
                try {
                    JsonNode body = JSON.readTree(http.getContent());
                    return body.has("error") ? body.get("error") : null;
                } catch (java.io.IOException | RuntimeException ignored) {
                    return null;
                }
            }
        }
        return null;
    }

    private static String describe(String code) {
        return code == null ? "Google refused the request" : "Google answered " + code;
    }
}
