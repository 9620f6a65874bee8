package io.multicloud.driver.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.AuthenticationFailedException;
import io.multicloud.api.CapacityUnavailableException;
import io.multicloud.api.CloudException;
import io.multicloud.api.ConflictException;
import io.multicloud.api.ErrorScope;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.QuotaExceededException;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.ThrottledException;
import io.multicloud.api.TransientCloudException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsErrorsTest {
    private final AwsErrors errors = new AwsErrors("aws-test");

    private static AwsServiceException aws(String code, String message, int status) {
        return AwsServiceException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
                .statusCode(status).build();
    }

    private CloudException mapped(String code, int status) {
        return errors.map(aws(code, "message of " + code, status), ResourceKind.VM, "vm-1");
    }

    @ParameterizedTest
    @CsvSource({
            "InvalidInstanceID.NotFound, 400", "InvalidVpcID.NotFound, 400", "InvalidGroup.NotFound, 400",
            "InvalidKeyPair.NotFound, 400", "InvalidVolume.NotFound, 400", "InvalidAMIID.NotFound, 400",
            "LoadBalancerNotFound, 400", "TargetGroupNotFound, 400", "ResourceNotFoundException, 404"})
    void notFoundCodesAreNotFound(String code, int status) {
        assertThat(mapped(code, status)).isInstanceOf(NotFoundException.class);
    }

    @ParameterizedTest
    @CsvSource({"InvalidKeyPair.Duplicate", "InvalidGroup.Duplicate", "DuplicateLoadBalancerName",
            "DuplicateTargetGroupName"})
    void duplicateCodesAreAlreadyExists(String code) {
        assertThat(mapped(code, 400)).isInstanceOf(AlreadyExistsException.class);
    }

    @ParameterizedTest
    @CsvSource({"VcpuLimitExceeded", "InstanceLimitExceeded", "ResourceLimitExceededException", "TooManyLoadBalancers",
            "TooManyTargetGroups"})
    void limitsAreRegionWideQuotas(String code) {
        CloudException e = mapped(code, 400);
        assertThat(e).isInstanceOf(QuotaExceededException.class);
        assertThat(((QuotaExceededException) e).scope()).isEqualTo(ErrorScope.REGION);
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void anExhaustedZoneIsAZoneWideCapacityError() {
        CloudException e = mapped("InsufficientInstanceCapacity", 500);
        assertThat(e).isInstanceOf(CapacityUnavailableException.class);
        assertThat(((CapacityUnavailableException) e).scope()).isEqualTo(ErrorScope.ZONE);
    }

    @ParameterizedTest
    @CsvSource({"RequestLimitExceeded, 503", "Throttling, 400", "ThrottlingException, 400", "TooManyRequestsException, 429"})
    void throttlingIsThrottledAndRetryable(String code, int status) {
        CloudException e = mapped(code, status);
        assertThat(e).isInstanceOf(ThrottledException.class);
        assertThat(e.retryable()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"AuthFailure, 401", "UnauthorizedOperation, 403", "InvalidClientTokenId, 403", "AccessDeniedException, 403"})
    void refusedCredentialsAreAuthenticationFailures(String code, int status) {
        assertThat(mapped(code, status)).isInstanceOf(AuthenticationFailedException.class);
    }

    @ParameterizedTest
    @CsvSource({"InternalError, 500", "Unavailable, 503", "SomethingNew, 502", "SomethingElse, 500"})
    void serverErrorsAreTransient(String code, int status) {
        CloudException e = mapped(code, status);
        assertThat(e).isInstanceOf(TransientCloudException.class);
        assertThat(e.retryable()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"DependencyViolation", "ResourceInUseException", "IncorrectInstanceState"})
    void stateCodesAreConflicts(String code) {
        assertThat(mapped(code, 400)).isInstanceOf(ConflictException.class);
    }

    @Test
    void anUnknownBadRequestIsInvalid() {
        assertThat(mapped("InvalidParameterValue", 400)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void theProviderCodeAndMessageAndTheResourceAreCarried() {
        CloudException e = errors.map(aws("InvalidInstanceID.NotFound", "The instance ID 'i-1' does not exist", 400),
                ResourceKind.VM, "vm-1");
        assertThat(e.context().connection()).isEqualTo("aws-test");
        assertThat(e.context().kind()).isEqualTo(ResourceKind.VM);
        assertThat(e.context().name()).isEqualTo("vm-1");
        assertThat(e.context().providerCode()).isEqualTo("InvalidInstanceID.NotFound");
        assertThat(e.context().providerMessage()).isEqualTo("The instance ID 'i-1' does not exist");
        assertThat(e).hasMessageContaining("vm-1").hasMessageContaining("InvalidInstanceID.NotFound");
    }

    @Test
    void noAnswerFromAwsIsTransient() {
        assertThat(errors.map(SdkClientException.create("Connection refused"), ResourceKind.VPC, "v"))
                .isInstanceOf(TransientCloudException.class);
    }

    @Test
    void callTranslatesTheSdkErrorAndKeepsItAsCause() {
        AwsServiceException cause = aws("VcpuLimitExceeded", "You have requested more vCPU capacity", 400);
        assertThatThrownBy(() -> errors.call(ResourceKind.VM, "vm-1", () -> {
            throw cause;
        })).isInstanceOf(QuotaExceededException.class).hasCause(cause);
    }
}
