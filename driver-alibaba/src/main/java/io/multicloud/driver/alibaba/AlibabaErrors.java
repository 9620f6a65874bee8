package io.multicloud.driver.alibaba;

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
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Maps Alibaba Cloud's error codes onto the common hierarchy, as a table from code to exception:
 * ECS's and VPC's, SLB's (its quota, stock, "processing" and delete-protection codes) and ACK's
 * ({@code ErrorClusterNotFound}, {@code ErrorClusterState}, {@code ErrorCheckAcl}, ...; ACK
 * answers {@code code}/{@code message} in lower case, the RPC products {@code Code}/{@code Message}).
 * Codes not in the table fall back on their shape ({@code *.NotFound}, {@code *NotExist}, {@code *.Duplicate},
 * {@code QuotaExceed*}, {@code QuotaLimitExceeds*}, {@code DependencyViolation*}, {@code IncorrectXStatus}) and then on the
 * HTTP status (5xx transient, 401/403 authentication, 404 not found, 409 conflict, 400 invalid).
 * Quota errors are region-wide unless the code says otherwise, stockouts zone-wide. The message
 * of an exception holds the connection, the kind, the name and Alibaba's code and message, never
 * a credential: the SDK's own exception is kept as the cause, but its request (whose headers
 * carry the signature) is not printed.
 */
final class AlibabaErrors {

    /** Builds the common exception for an Alibaba error. */
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

    private static final Factory INVALID = (c, r, e) -> new InvalidRequestException(c, null, r);

    static final Map<String, Factory> TABLE = Map.ofEntries(
            Map.entry("InvalidInstanceId.NotFound", NotFoundException::new),
            Map.entry("InvalidVpcId.NotFound", NotFoundException::new),
            Map.entry("InvalidVSwitchId.NotFound", NotFoundException::new),
            Map.entry("InvalidSecurityGroupId.NotFound", NotFoundException::new),
            Map.entry("InvalidKeyPairName.NotFound", NotFoundException::new),
            Map.entry("InvalidDiskId.NotFound", NotFoundException::new),
            Map.entry("InvalidImageId.NotFound", NotFoundException::new),
            Map.entry("InvalidLoadBalancerId.NotFound", NotFoundException::new),
            Map.entry("ErrorClusterNotFound", NotFoundException::new),
            Map.entry("ErrorNodePoolNotFound", NotFoundException::new),
            Map.entry("ResourceNotExist", NotFoundException::new),
            Map.entry("VSwitchNotExist", NotFoundException::new),
            Map.entry("ResourceNotFound.Listener", NotFoundException::new),
            Map.entry("InvalidParameter.ListenerPortConflict", AlreadyExistsException::new),
            Map.entry("InvalidKeyPairName.Duplicate", AlreadyExistsException::new),
            Map.entry("InvalidImageName.Duplicated", AlreadyExistsException::new),
            Map.entry("InvalidPermission.Duplicate", AlreadyExistsException::new),
            Map.entry("QuotaExceed.ElasticQuota", quota(ErrorScope.REGION)),
            Map.entry("QuotaExceed.PostPaidDisk", quota(ErrorScope.REGION)),
            Map.entry("QuotaExceed.SecurityGroup", quota(ErrorScope.REGION)),
            Map.entry("QuotaExceeded.Vpc", quota(ErrorScope.REGION)),
            Map.entry("QuotaExceeded.EIP", quota(ErrorScope.REGION)),
            Map.entry("QuotaExceeded", quota(ErrorScope.REGION)),
            Map.entry("OperationDenied.QuotaExceed", quota(ErrorScope.REGION)),
            Map.entry("OperationForbidden.QuotaLimit", quota(ErrorScope.REGION)),
            Map.entry("OverQuota", quota(ErrorScope.REGION)),
            Map.entry("QuotaLimitExceeds", quota(ErrorScope.REGION)),
            Map.entry("QuotaExceeded.Cluster", quota(ErrorScope.REGION)),
            Map.entry("QuotaExceeded.Node", quota(ErrorScope.REGION)),
            Map.entry("InsufficientBalance", quota(ErrorScope.CLOUD)),
            Map.entry("PayInsufficientBalance", quota(ErrorScope.CLOUD)),
            Map.entry("OperationFailed.RegionResourceLimit", capacity(ErrorScope.REGION)),
            Map.entry("OperationFailed.ZoneResourceLimit", capacity(ErrorScope.ZONE)),
            Map.entry("VSwitchAvailableIpNotExist", capacity(ErrorScope.ZONE)),
            Map.entry("SubnetIpExhaust", capacity(ErrorScope.ZONE)),
            Map.entry("OperationDenied.NoStock", capacity(ErrorScope.ZONE)),
            Map.entry("Zone.NotOnSale", capacity(ErrorScope.ZONE)),
            Map.entry("InvalidResourceType.NotSupported", capacity(ErrorScope.ZONE)),
            Map.entry("ResourceNotAvailable", capacity(ErrorScope.ZONE)),
            Map.entry("Throttling", ThrottledException::new),
            Map.entry("Throttling.User", ThrottledException::new),
            Map.entry("Throttling.Api", ThrottledException::new),
            Map.entry("Throttling.Resource", ThrottledException::new),
            Map.entry("ServiceUnavailable", TransientCloudException::new),
            Map.entry("InternalError", TransientCloudException::new),
            Map.entry("UnknownError", TransientCloudException::new),
            Map.entry("IdempotentProcessing", TransientCloudException::new),
            Map.entry("SystemBusy", TransientCloudException::new),
            Map.entry("VpcSystemBusy", TransientCloudException::new),
            Map.entry("OperationBusy", TransientCloudException::new),
            Map.entry("LocationServiceTimeout", TransientCloudException::new),
            Map.entry("OperationFailed.TokenIsProcessing", TransientCloudException::new),
            Map.entry("BackendServerProcessing", TransientCloudException::new),
            Map.entry("ListenerProcessing", TransientCloudException::new),
            Map.entry("Operation.Deny", TransientCloudException::new),
            Map.entry("InvalidAccessKeyId.NotFound", AuthenticationFailedException::new),
            Map.entry("InvalidAccessKeyId", AuthenticationFailedException::new),
            Map.entry("InvalidAccessKeyId.Inactive", AuthenticationFailedException::new),
            Map.entry("SignatureDoesNotMatch", AuthenticationFailedException::new),
            Map.entry("IncompleteSignature", AuthenticationFailedException::new),
            Map.entry("InvalidSecurityToken.Expired", AuthenticationFailedException::new),
            Map.entry("Forbidden.RAM", AuthenticationFailedException::new),
            Map.entry("Forbidden", AuthenticationFailedException::new),
            Map.entry("NoPermission", AuthenticationFailedException::new),
            Map.entry("ErrorCheckAcl", AuthenticationFailedException::new),
            Map.entry("IncorrectInstanceStatus", ConflictException::new),
            Map.entry("IncorrectDiskStatus", ConflictException::new),
            Map.entry("IncorrectVpcStatus", ConflictException::new),
            Map.entry("IncorrectVSwitchStatus", ConflictException::new),
            Map.entry("IncorrectStatus", ConflictException::new),
            Map.entry("InvalidOperation.ResourceManagedByCloudProduct", ConflictException::new),
            Map.entry("OperationConflict", ConflictException::new),
            Map.entry("IdempotentParameterMismatch", ConflictException::new),
            Map.entry("ErrorQueryCluster", ConflictException::new),
            Map.entry("ErrorClusterState", ConflictException::new),
            Map.entry("DependencyResourceExist", ConflictException::new),
            Map.entry("OperationDenied.DeleteProtectionIsOn", ConflictException::new));

    private final String connection;

    AlibabaErrors(String connection) {
        this.connection = connection;
    }

    String connection() {
        return connection;
    }

    /** Runs an SDK call, turning its errors into the common hierarchy. */
    <T> T call(ResourceKind kind, String name, Callable<T> call) {
        try {
            return call.call();
        } catch (CloudException e) {
            throw e;
        } catch (com.aliyun.tea.TeaException e) {
            throw map(e, kind, name);
        } catch (com.aliyun.tea.TeaUnretryableException e) {
            Throwable why = e.getCause() == null ? e : e.getCause();
            throw new TransientCloudException(ErrorContext.of(connection, kind, name),
                    "no answer from Alibaba Cloud: " + why.getClass().getSimpleName() + ": " + why.getMessage());
        } catch (RuntimeException e) {
            throw new CloudException(ErrorContext.of(connection, kind, name), "the Alibaba Cloud SDK failed: " + e, e);
        } catch (Exception e) {
            throw new TransientCloudException(ErrorContext.of(connection, kind, name),
                    "no answer from Alibaba Cloud: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** The common exception for an error Alibaba answered. */
    CloudException map(com.aliyun.tea.TeaException e, ResourceKind kind, String name) {
        String code = e.getCode();
        // RPC products answer Message, ACK's REST API message.
        Object rawMessage = e.getData() == null ? null : e.getData().getOrDefault("Message", e.getData().get("message"));
        String message = rawMessage == null ? e.getMessage() : String.valueOf(rawMessage);
        int status = e.getStatusCode() == null ? 0 : e.getStatusCode();
        ErrorContext context = ErrorContext.of(connection, kind, name).provider(code, message);
        return byCode(code, message, status).create(context, "Alibaba Cloud answered " + code, e);
    }

    static Factory byCode(String code, String message, int status) {
        if (code != null && !code.isEmpty() && !code.equals("null")) {
            if (code.equals("InvalidInstanceType.ValueNotSupported") || code.equals("InvalidParameter")) {
                // Alibaba answers a spec over the account's vCPU quota with this code and a quota message.
                if (message != null && message.toLowerCase(Locale.ROOT).contains("quota")) {
                    return quota(ErrorScope.REGION);
                }
                return INVALID;
            }
            Factory known = TABLE.get(code);
            if (known != null) {
                return known;
            }
            if (code.endsWith(".NotFound") || code.endsWith("NotExist") || code.endsWith(".NotExists")) {
                return NotFoundException::new;
            }
            if (code.endsWith(".Duplicate") || code.endsWith(".Duplicated") || code.endsWith(".AlreadyExist")
                    || code.endsWith(".AlreadyExists")) {
                return AlreadyExistsException::new;
            }
            if (code.startsWith("QuotaExceed") || code.startsWith("QuotaLimitExceeds")) {
                return quota(ErrorScope.REGION);
            }
            if (code.startsWith("DependencyViolation") || code.startsWith("IncorrectStatus")
                    || code.matches("Incorrect[A-Za-z]*Status(\\..*)?") || code.startsWith("OperationConflict")) {
                return ConflictException::new;
            }
            if (code.startsWith("Throttling")) {
                return ThrottledException::new;
            }
            if (code.startsWith("Forbidden") || code.startsWith("InvalidAccessKey")) {
                return AuthenticationFailedException::new;
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
            return INVALID;
        }
        return CloudException::new;
    }
}
