package io.multicloud.driver.tencent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.AuthenticationFailedException;
import io.multicloud.api.CapacityUnavailableException;
import io.multicloud.api.Cloud;
import io.multicloud.api.CloudException;
import io.multicloud.api.ConflictException;
import io.multicloud.api.ErrorContext;
import io.multicloud.api.ErrorScope;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.QuotaExceededException;
import io.multicloud.api.ScopedCloudException;
import io.multicloud.api.ThrottledException;
import io.multicloud.api.TransientCloudException;
import io.multicloud.api.VpcRequest;
import io.multicloud.core.MultiCloud;
import io.multicloud.driver.tencent.fake.TencentFake;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tencent's error codes onto the common hierarchy: the table, and the same through the SDK and the fake. */
class TencentErrorsTest {
    private TencentFake fake;
    private MultiCloud mc;
    private Cloud cloud;

    @BeforeEach
    void start() {
        fake = TencentFake.start();
        mc = MultiCloud.builder().environment(Map.of()).build();
        cloud = mc.connect(fake.config("ap-guangzhou").property("max_attempts", "3"));
    }

    @AfterEach
    void stop() {
        mc.close();
        fake.close();
    }

    @ParameterizedTest
    @CsvSource({
            "ResourceNotFound, NotFoundException",
            "ResourceNotFound.InstanceNotFound, NotFoundException",
            "InvalidInstanceId.NotFound, NotFoundException",
            "InvalidKeyPairName.Duplicate, AlreadyExistsException",
            "InvalidParameterValue.DuplicateName, AlreadyExistsException",
            "InvalidParameterValue.Duplicate, AlreadyExistsException",
            "LimitExceeded.InstanceQuota, QuotaExceededException",
            "LimitExceeded.VpcLimitExceeded, QuotaExceededException",
            "ResourceInsufficient.InstanceQuotaLimit, QuotaExceededException",
            "ResourceInsufficient.SpecifiedInstanceType, CapacityUnavailableException",
            "ResourcesSoldOut.SpecifiedInstanceType, CapacityUnavailableException",
            "ResourceUnavailable.InstanceType, CapacityUnavailableException",
            "ResourceInsufficient.CloudDiskSoldOut, CapacityUnavailableException",
            "RequestLimitExceeded, ThrottledException",
            "RequestLimitExceeded.UinLimitExceeded, ThrottledException",
            "InternalError, TransientCloudException",
            "ServerSideError, TransientCloudException",
            "ClientSideError, TransientCloudException",
            "InternalError.TradeUnknownError, TransientCloudException",
            "ResourceUnavailable, TransientCloudException",
            "AuthFailure.SecretIdNotFound, AuthenticationFailedException",
            "AuthFailure.SignatureFailure, AuthenticationFailedException",
            "UnauthorizedOperation, AuthenticationFailedException",
            "ResourceInUse, ConflictException",
            "ResourceInUse.SecurityGroup, ConflictException",
            "UnsupportedOperation.InstanceStateRunning, ConflictException",
            "UnsupportedOperation.InstanceStateStopped, ConflictException",
            "MissingParameter, InvalidRequestException",
            "InvalidParameterValue.Range, InvalidRequestException",
            "SomethingElse.Entirely, CloudException"})
    void theTableMapsEachCode(String code, String type) {
        CloudException e = TencentErrors.byCode(code).create(ErrorContext.NONE, "r", null);
        assertThat(e.getClass().getSimpleName()).isEqualTo(type);
        if (e instanceof ScopedCloudException scoped) {
            assertThat(scoped.scope()).isEqualTo(e instanceof QuotaExceededException ? ErrorScope.REGION : ErrorScope.ZONE);
        }
    }

    @Test
    void aSoldOutTypeIsCapacityUnavailableInTheZoneAndNamesWhereAndWhy() {
        fake.refuse("CreateVpc", 1, "ResourcesSoldOut.EipInsufficient", "sold out in ap-guangzhou-3");
        assertThatThrownBy(() -> cloud.vpcs().create(VpcRequest.named("vpc-a").cidr("10.0.0.0/16").subnet("sn", "10.0.1.0/24")))
                .isInstanceOfSatisfying(CapacityUnavailableException.class, e -> {
                    assertThat(e.scope()).isEqualTo(ErrorScope.ZONE);
                    assertThat(e.context().connection()).isEqualTo("tencent/ap-guangzhou");
                    assertThat(e.context().providerCode()).isEqualTo("ResourcesSoldOut.EipInsufficient");
                    assertThat(e.getMessage()).contains("VPC 'vpc-a'", "ResourcesSoldOut.EipInsufficient", "sold out in ap-guangzhou-3")
                            .doesNotContain("fake-secret-key");
                });
    }

    @Test
    void aQuotaErrorIsRegionWide() {
        fake.refuse("CreateVpc", 1, "LimitExceeded.VpcLimitExceeded", "VPC quota is 20");
        assertThatThrownBy(() -> cloud.vpcs().create(VpcRequest.named("vpc-a").cidr("10.0.0.0/16").subnet("sn", "10.0.1.0/24")))
                .isInstanceOfSatisfying(QuotaExceededException.class, e -> assertThat(e.scope()).isEqualTo(ErrorScope.REGION));
    }

    @Test
    void throttledReadsAreTriedAgainAndGiveUpAfterMaxAttempts() {
        fake.refuse("DescribeVpcs", 2, "RequestLimitExceeded", "too many requests");
        assertThat(cloud.vpcs().list()).isEmpty();
        assertThat(fake.count("DescribeVpcs")).isEqualTo(3);
        fake.refuse("DescribeVpcs", 5, "RequestLimitExceeded", "too many requests");
        assertThatThrownBy(() -> cloud.vpcs().list()).isInstanceOf(ThrottledException.class);
    }

    @Test
    void aChangeIsNotTriedAgainOnATransientError() {
        fake.refuse("CreateVpc", 1, "InternalError", "try later");
        assertThatThrownBy(() -> cloud.vpcs().create(VpcRequest.named("vpc-a").cidr("10.0.0.0/16").subnet("sn", "10.0.1.0/24")))
                .isInstanceOf(TransientCloudException.class);
        assertThat(fake.count("CreateVpc")).isEqualTo(1);
    }

    @Test
    void authenticationFailuresNameNoSecret() {
        fake.refuse("DescribeVpcs", 1, "AuthFailure.SignatureFailure", "the signature is wrong");
        assertThatThrownBy(() -> cloud.vpcs().list()).isInstanceOfSatisfying(AuthenticationFailedException.class,
                e -> assertThat(e.getMessage() + e.getCause()).doesNotContain("fake-secret-key"));
        assertThat(cloud.toString()).doesNotContain("fake-secret-key");
    }

    @Test
    void noAnswerAtAllIsTransient() {
        MultiCloud other = MultiCloud.builder().environment(Map.of()).build();
        try (other) {
            Cloud closed = other.connect(fake.config("ap-guangzhou").property("proxy", "127.0.0.1:1").property("max_attempts", "1"));
            assertThatThrownBy(() -> closed.vpcs().list()).isInstanceOf(TransientCloudException.class)
                    .hasMessageContaining("tencent/ap-guangzhou");
        }
    }

    @Test
    void missingThingsAreNotFoundAndDuplicatesAlreadyExist() {
        assertThatThrownBy(() -> cloud.vms().reboot("no-such-vm")).isInstanceOf(NotFoundException.class);
        cloud.keyPairs().create("key-a");
        assertThatThrownBy(() -> cloud.keyPairs().create("key-a")).isInstanceOf(AlreadyExistsException.class);
        assertThatThrownBy(() -> cloud.vpcs().create(VpcRequest.named("vpc-b").cidr("10.0.0.0/16").subnet("sn", "10.9.1.0/24")))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(new ConflictException(ErrorContext.NONE, "x").retryable()).isFalse();
    }
}
