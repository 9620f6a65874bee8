package io.multicloud.driver.tencent;

import com.tencentcloudapi.common.exception.TencentCloudSDKException;
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
import java.util.List;
import java.util.Map;

/**
 * Maps Tencent Cloud's error codes onto the common hierarchy, as a table: exact codes first,
 * then code families by prefix or suffix (Tencent's codes are {@code Family.Detail}), in the
 * order of {@link #FAMILIES}. A code in neither is InvalidRequest when it is a parameter error
 * and a plain {@link CloudException} otherwise; an answer without a code (no answer, a 5xx page)
 * is transient.
 */
final class TencentErrors {

    /** Builds the common exception for a Tencent error. */
    @FunctionalInterface
    interface Factory {
        CloudException create(ErrorContext context, String reason, Throwable cause);
    }

    private static Factory quota(ErrorScope scope) {
        return (c, r, e) -> new QuotaExceededException(c, scope, r, e);
    }

    private static Factory capacity(ErrorScope scope) {
        return (c, r, e) -> new CapacityUnavailableException(c, scope, r, e);
    }

    /** Exact codes. */
    static final Map<String, Factory> TABLE = Map.ofEntries(
            Map.entry("InvalidInstanceId.NotFound", NotFoundException::new),
            Map.entry("InvalidKeyPairId.NotFound", NotFoundException::new),
            Map.entry("InvalidImageId.NotFound", NotFoundException::new),
            Map.entry("InvalidDiskId.NotFound", NotFoundException::new),
            Map.entry("InvalidSecurityGroupId.NotFound", NotFoundException::new),
            Map.entry("InvalidVpcId.NotFound", NotFoundException::new),
            Map.entry("InvalidSubnetId.NotFound", NotFoundException::new),
            Map.entry("ResourceNotFound", NotFoundException::new),
            Map.entry("ResourceInsufficient.SpecifiedInstanceType", capacity(ErrorScope.ZONE)),
            Map.entry("ResourceInsufficient.ZoneSoldOutForSpecifiedInstance", capacity(ErrorScope.ZONE)),
            Map.entry("ResourceInsufficient.CloudDiskSoldOut", capacity(ErrorScope.ZONE)),
            Map.entry("ResourceInsufficient.AvailabilityZoneSoldOut", capacity(ErrorScope.ZONE)),
            Map.entry("RequestLimitExceeded", ThrottledException::new),
            Map.entry("RequestLimitExceeded.UinLimitExceeded", ThrottledException::new),
            Map.entry("RequestLimitExceeded.GlobalRegionUinLimitExceeded", ThrottledException::new),
            // The SDK's own code for an answer that is not HTTP 200 (a gateway's 5xx page).
            Map.entry("ServerSideError", TransientCloudException::new),
            // The SDK's own code when no answer came (connection refused, reset, timed out).
            Map.entry("ClientSideError", TransientCloudException::new),
            Map.entry("InternalError", TransientCloudException::new),
            Map.entry("InternalServerError", TransientCloudException::new),
            Map.entry("ServiceUnavailable", TransientCloudException::new),
            Map.entry("ResourceUnavailable", TransientCloudException::new),
            Map.entry("FailedOperation.ServiceUnavailable", TransientCloudException::new),
            Map.entry("UnsupportedOperation.InstanceStateRunning", ConflictException::new),
            Map.entry("UnsupportedOperation.InstanceStateStopped", ConflictException::new),
            Map.entry("UnsupportedOperation.InstanceStateStopping", ConflictException::new),
            Map.entry("UnsupportedOperation.InstanceStatePending", ConflictException::new),
            Map.entry("UnsupportedOperation.InstanceStateStarting", ConflictException::new),
            Map.entry("UnsupportedOperation.InstanceStateRebooting", ConflictException::new),
            Map.entry("UnsupportedOperation.InstanceStateTerminating", ConflictException::new),
            Map.entry("UnsupportedOperation.InstanceStateShutdown", ConflictException::new),
            Map.entry("UnsupportedOperation.AttachedDiskNotSupported", ConflictException::new),
            Map.entry("UnsupportedOperation.DiskStateError", ConflictException::new),
            Map.entry("FailedOperation.SecurityGroupInUse", ConflictException::new),
            Map.entry("InvalidParameterValue.InstanceTypeNotFound", NotFoundException::new),
            Map.entry("AuthFailure", AuthenticationFailedException::new),
            Map.entry("UnauthorizedOperation", AuthenticationFailedException::new));

    /** A code family: codes that start with {@code prefix} and contain {@code part} (empty: any). */
    record Family(String prefix, String part, Factory factory) {
        boolean matches(String code) {
            return code.startsWith(prefix) && code.contains(part);
        }
    }

    /** Code families, tried in order after the exact table. */
    static final List<Family> FAMILIES = List.of(
            new Family("ResourceNotFound.", "", NotFoundException::new),
            new Family("Invalid", ".NotFound", NotFoundException::new),
            new Family("InvalidParameterValue.Duplicate", "", AlreadyExistsException::new),
            new Family("InvalidParameterValue.", "Duplicate", AlreadyExistsException::new),
            new Family("Invalid", ".Duplicate", AlreadyExistsException::new),
            new Family("LimitExceeded.", "", quota(ErrorScope.REGION)),
            new Family("ResourceInsufficient.", "Quota", quota(ErrorScope.REGION)),
            new Family("ResourceInsufficient.", "", capacity(ErrorScope.ZONE)),
            new Family("ResourcesSoldOut.", "", capacity(ErrorScope.ZONE)),
            new Family("ResourceUnavailable.", "", capacity(ErrorScope.ZONE)),
            new Family("RequestLimitExceeded", "", ThrottledException::new),
            new Family("InternalError.", "", TransientCloudException::new),
            new Family("AuthFailure.", "", AuthenticationFailedException::new),
            new Family("UnauthorizedOperation.", "", AuthenticationFailedException::new),
            new Family("ResourceInUse", "", ConflictException::new),
            new Family("UnsupportedOperation.InstanceState", "", ConflictException::new),
            new Family("UnsupportedOperation.", "InUse", ConflictException::new),
            new Family("FailedOperation.", "InUse", ConflictException::new),
            new Family("MissingParameter", "", invalid()),
            new Family("InvalidParameter", "", invalid()),
            new Family("InvalidParameterValue", "", invalid()),
            new Family("UnknownParameter", "", invalid()),
            new Family("UnsupportedOperation", "", invalid()));

    private static Factory invalid() {
        return (c, r, e) -> new InvalidRequestException(c, null, r);
    }

    private final String connection;

    TencentErrors(String connection) {
        this.connection = connection;
    }

    /** The common exception for an SDK error. */
    CloudException map(TencentCloudSDKException e, ResourceKind kind, String name) {
        ErrorContext context = ErrorContext.of(connection, kind, name);
        String code = e.getErrorCode();
        if (code == null || code.isEmpty()) {
            // No answer, or an answer that is not the API's (a gateway's 5xx page).
            return new TransientCloudException(context.provider(null, message(e)),
                    "no usable answer from Tencent Cloud", e);
        }
        return byCode(code).create(context.provider(code, message(e)), "Tencent Cloud answered " + code, e);
    }

    /** The factory for a code. */
    static Factory byCode(String code) {
        Factory exact = TABLE.get(code);
        if (exact != null) {
            return exact;
        }
        for (Family family : FAMILIES) {
            if (family.matches(code)) {
                return family.factory();
            }
        }
        return CloudException::new;
    }

    /** The SDK's message, without the request id prefix it adds. */
    private static String message(TencentCloudSDKException e) {
        String m = e.getMessage();
        return m == null ? null : m.length() > 500 ? m.substring(0, 500) + "..." : m;
    }
}
