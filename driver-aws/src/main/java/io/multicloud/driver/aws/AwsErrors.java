package io.multicloud.driver.aws;

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
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Maps the AWS SDK's errors onto the common hierarchy, as a table from AWS error code to
 * exception. Codes not in the table fall back on their shape ({@code *.NotFound},
 * {@code *.Duplicate}) and then on the HTTP status (5xx transient, 401/403 authentication).
 */
final class AwsErrors {

    /** Builds the common exception for an AWS error. */
    @FunctionalInterface
    interface Factory {
        CloudException create(ErrorContext context, String reason, Throwable cause);
    }

    static final Map<String, Factory> TABLE = Map.ofEntries(
            Map.entry("VcpuLimitExceeded", (c, r, e) -> new QuotaExceededException(c, ErrorScope.REGION, r, e)),
            Map.entry("InstanceLimitExceeded", (c, r, e) -> new QuotaExceededException(c, ErrorScope.REGION, r, e)),
            Map.entry("VpcLimitExceeded", (c, r, e) -> new QuotaExceededException(c, ErrorScope.REGION, r, e)),
            Map.entry("AddressLimitExceeded", (c, r, e) -> new QuotaExceededException(c, ErrorScope.REGION, r, e)),
            Map.entry("ResourceLimitExceeded", (c, r, e) -> new QuotaExceededException(c, ErrorScope.REGION, r, e)),
            // EKS and ELBv2 name their per-region limits differently.
            Map.entry("ResourceLimitExceededException", (c, r, e) -> new QuotaExceededException(c, ErrorScope.REGION, r, e)),
            Map.entry("TooManyLoadBalancers", (c, r, e) -> new QuotaExceededException(c, ErrorScope.REGION, r, e)),
            Map.entry("TooManyTargetGroups", (c, r, e) -> new QuotaExceededException(c, ErrorScope.REGION, r, e)),
            Map.entry("TooManyTargets", (c, r, e) -> new QuotaExceededException(c, ErrorScope.REGION, r, e)),
            Map.entry("TooManyListeners", (c, r, e) -> new QuotaExceededException(c, ErrorScope.REGION, r, e)),
            Map.entry("InsufficientInstanceCapacity", (c, r, e) -> new CapacityUnavailableException(c, ErrorScope.ZONE, r, e)),
            Map.entry("InsufficientCapacity", (c, r, e) -> new CapacityUnavailableException(c, ErrorScope.ZONE, r, e)),
            Map.entry("RequestLimitExceeded", ThrottledException::new),
            Map.entry("Throttling", ThrottledException::new),
            Map.entry("ThrottlingException", ThrottledException::new),
            Map.entry("TooManyRequestsException", ThrottledException::new),
            Map.entry("AuthFailure", AuthenticationFailedException::new),
            Map.entry("UnauthorizedOperation", AuthenticationFailedException::new),
            Map.entry("InvalidClientTokenId", AuthenticationFailedException::new),
            Map.entry("SignatureDoesNotMatch", AuthenticationFailedException::new),
            Map.entry("AccessDeniedException", AuthenticationFailedException::new),
            Map.entry("DependencyViolation", ConflictException::new),
            Map.entry("VolumeInUse", ConflictException::new),
            Map.entry("IncorrectState", ConflictException::new),
            Map.entry("IncorrectInstanceState", ConflictException::new),
            Map.entry("ResourceInUse", ConflictException::new),
            Map.entry("ResourceInUseException", ConflictException::new),
            Map.entry("InvalidKeyPair.Duplicate", AlreadyExistsException::new),
            Map.entry("InvalidGroup.Duplicate", AlreadyExistsException::new),
            Map.entry("DuplicateLoadBalancerName", AlreadyExistsException::new),
            Map.entry("DuplicateTargetGroupName", AlreadyExistsException::new),
            Map.entry("ResourceNotFoundException", NotFoundException::new),
            Map.entry("LoadBalancerNotFound", NotFoundException::new),
            Map.entry("TargetGroupNotFound", NotFoundException::new),
            Map.entry("InternalError", TransientCloudException::new),
            Map.entry("InternalFailure", TransientCloudException::new),
            Map.entry("ServiceUnavailable", TransientCloudException::new),
            Map.entry("Unavailable", TransientCloudException::new),
            Map.entry("ServiceUnavailableException", TransientCloudException::new),
            Map.entry("ServerException", TransientCloudException::new));

    private final String connection;

    AwsErrors(String connection) {
        this.connection = connection;
    }

    /** Runs an SDK call, turning its errors into the common hierarchy. */
    <T> T call(ResourceKind kind, String name, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw map(e, kind, name);
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
    CloudException map(SdkException e, ResourceKind kind, String name) {
        ErrorContext context = ErrorContext.of(connection, kind, name);
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            String message = service.awsErrorDetails() == null ? service.getMessage() : service.awsErrorDetails().errorMessage();
            ErrorContext withProvider = context.provider(code, message);
            return byCode(code, service.statusCode()).create(withProvider, reason(code), e);
        }
        if (e instanceof SdkClientException) {
            // No answer from AWS (connection refused, timed out): worth trying again later.
            return new TransientCloudException(context, "no answer from AWS: " + e.getMessage(), e);
        }
        return new CloudException(context, e.getMessage(), e);
    }

    static Factory byCode(String code, int status) {
        if (code != null) {
            Factory known = TABLE.get(code);
            if (known != null) {
                return known;
            }
            if (code.endsWith("NotFound") || code.endsWith("NotFoundException")) {
                return NotFoundException::new;
            }
            if (code.endsWith(".Duplicate") || code.startsWith("Duplicate")) {
                return AlreadyExistsException::new;
            }
        }
        if (status >= 500) {
            return TransientCloudException::new;
        }
        if (status == 401 || status == 403) {
            return AuthenticationFailedException::new;
        }
        if (status == 404) {
            return NotFoundException::new;
        }
        if (status == 409) {
            return ConflictException::new;
        }
        if (status == 400) {
            return (c, r, e) -> new InvalidRequestException(c, null, r);
        }
        return CloudException::new;
    }

    private static String reason(String code) {
        return code == null ? "AWS refused the request" : "AWS answered " + code;
    }
}
