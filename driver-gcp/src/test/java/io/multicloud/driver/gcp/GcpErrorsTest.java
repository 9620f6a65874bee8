package io.multicloud.driver.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.AuthenticationFailedException;
import io.multicloud.api.CapacityUnavailableException;
import io.multicloud.api.Cloud;
import io.multicloud.api.CloudException;
import io.multicloud.api.ConflictException;
import io.multicloud.api.Credential;
import io.multicloud.api.ErrorScope;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.QuotaExceededException;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.ThrottledException;
import io.multicloud.api.TransientCloudException;
import io.multicloud.api.VmRequest;
import io.multicloud.api.VpcRequest;
import io.multicloud.core.MultiCloud;
import io.multicloud.driver.gcp.fake.GcpFake;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The error table, through the client library against the fake: Google's codes in Google's
 * error format (answers and operation errors) become the common exceptions, with their scope,
 * and every message names the connection, the kind, the name and Google's code, never a secret.
 */
class GcpErrorsTest {
    private static GcpFake fake;
    private MultiCloud mc;
    private Cloud gcp;

    @BeforeAll
    static void startFake() {
        fake = GcpFake.start();
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    @BeforeEach
    void connect() {
        fake.server().faults().clear();
        mc = MultiCloud.builder().environment(Map.of()).build();
        gcp = mc.connect(GcpFakeConnections.config(fake).named("gcp-errors"));
        if (gcp.vpcs().find("err-vpc").isEmpty()) {
            gcp.vpcs().create(VpcRequest.named("err-vpc").cidr("10.60.0.0/16").subnet("err-sn", "10.60.1.0/24"));
        }
    }

    @AfterEach
    void close() {
        mc.close();
    }

    private VmRequest vm(String name) {
        return VmRequest.named(name).image("debian-12").spec("e2-micro").subnet("err-vpc", "err-sn");
    }

    @Test
    void aRegionalQuotaErrorOfTheOperationIsQuotaExceededForTheRegion() {
        fake.failNextOperation("compute.instances.insert", "QUOTA_EXCEEDED", "Quota 'CPUS' exceeded.  Limit: 8.0 in region us-central1.", "CPUS");
        assertThatThrownBy(() -> gcp.vms().create(vm("quota-vm")))
                .isInstanceOfSatisfying(QuotaExceededException.class, e -> {
                    assertThat(e.scope()).isEqualTo(ErrorScope.REGION);
                    assertThat(e.context().providerCode()).isEqualTo("QUOTA_EXCEEDED");
                    assertThat(e.getMessage()).contains("[gcp-errors]", "VM 'quota-vm'", "QUOTA_EXCEEDED", "CPUS");
                });
        assertThat(gcp.vms().find("quota-vm")).isEmpty();
    }

    @Test
    void aGlobalGpuQuotaErrorIsQuotaExceededForTheWholeCloud() {
        fake.failNextOperation("compute.instances.insert", "QUOTA_EXCEEDED", "Quota 'GPUS_ALL_REGIONS' exceeded.  Limit: 0.0 globally.",
                "GPUS_ALL_REGIONS");
        assertThatThrownBy(() -> gcp.vms().create(vm("gpu-vm").spec("n1-standard-8+nvidia-tesla-t4:1")))
                .isInstanceOfSatisfying(QuotaExceededException.class, e -> assertThat(e.scope()).isEqualTo(ErrorScope.CLOUD));
    }

    @Test
    void anExhaustedZoneIsCapacityUnavailableForTheZone() {
        for (String code : new String[] {"ZONE_RESOURCE_POOL_EXHAUSTED", "ZONE_RESOURCE_POOL_EXHAUSTED_WITH_DETAILS", "STOCKOUT"}) {
            fake.failNextOperation("compute.instances.insert", code, "The zone 'projects/fake-project/zones/us-central1-a' does not have "
                    + "enough resources available to fulfill the request.", null);
            assertThatThrownBy(() -> gcp.vms().create(vm("stockout-vm")))
                    .isInstanceOfSatisfying(CapacityUnavailableException.class, e -> {
                        assertThat(e.scope()).isEqualTo(ErrorScope.ZONE);
                        assertThat(e.context().providerCode()).isEqualTo(code);
                    });
        }
    }

    @Test
    void throttlingIsThrottledAndRetryable() {
        fake.throttle("compute.networks.get", 1);
        assertThatThrownBy(() -> gcp.vpcs().get("err-vpc")).isInstanceOfSatisfying(ThrottledException.class, e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.context().providerCode()).isEqualTo("rateLimitExceeded");
        });
    }

    @Test
    void aServerErrorIsTransientAndRetryable() {
        fake.server().faults().refuse("compute.networks.insert", 1,
                io.multicloud.driver.gcp.fake.GcpFakeErrors.answer(503, "backendError", "Internal error. Please try again."));
        assertThatThrownBy(() -> gcp.vpcs().create(VpcRequest.named("err-vpc-2").cidr("10.61.0.0/16").subnet("s", "10.61.1.0/24")))
                .isInstanceOfSatisfying(TransientCloudException.class, e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void missingTakenAndInUseResourcesMapToNotFoundAlreadyExistsAndConflict() {
        assertThatThrownBy(() -> gcp.vpcs().get("no-such-vpc")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> gcp.vpcs().create(VpcRequest.named("err-vpc").cidr("10.60.0.0/16").subnet("x", "10.60.9.0/24")))
                .isInstanceOfSatisfying(AlreadyExistsException.class, e -> assertThat(e.context().providerCode()).isEqualTo("alreadyExists"));
        gcp.vms().create(vm("user-vm"));
        assertThatThrownBy(() -> gcp.vpcs().removeSubnet("err-vpc", "err-sn"))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.context().providerCode()).isEqualTo("resourceInUseByAnotherResource"));
        gcp.vms().delete("user-vm");
    }

    @Test
    void refusedCredentialsAreAuthenticationFailed() {
        fake.server().faults().refuse("compute.networks.list", 1,
                io.multicloud.driver.gcp.fake.GcpFakeErrors.answer(403, "forbidden", "Required 'compute.networks.list' permission for 'projects/fake-project'"));
        assertThatThrownBy(() -> gcp.vpcs().list()).isInstanceOf(AuthenticationFailedException.class);
        fake.server().faults().refuse("compute.networks.list", 1,
                io.multicloud.driver.gcp.fake.GcpFakeErrors.answer(401, "authError", "Invalid Credentials"));
        assertThatThrownBy(() -> gcp.vpcs().list()).isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void aBadRequestIsInvalidRequest() {
        assertThatThrownBy(() -> gcp.vms().create(vm("bad-vm").spec("no-such-type")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getMessage()).contains("no-such-type"));
    }

    @Test
    void theTableCoversTheIssuesCodes() {
        assertThat(GcpErrors.byCode("resourceInUseByAnotherResource", 400).create(null, "r", null, ErrorScope.REGION)).isInstanceOf(ConflictException.class);
        assertThat(GcpErrors.byCode(null, 404).create(null, "r", null, ErrorScope.REGION)).isInstanceOf(NotFoundException.class);
        assertThat(GcpErrors.byCode(null, 409).create(null, "r", null, ErrorScope.REGION)).isInstanceOf(AlreadyExistsException.class);
        assertThat(GcpErrors.byCode(null, 429).create(null, "r", null, ErrorScope.REGION)).isInstanceOf(ThrottledException.class);
        assertThat(GcpErrors.byCode(null, 502).create(null, "r", null, ErrorScope.REGION)).isInstanceOf(TransientCloudException.class);
        assertThat(GcpErrors.byCode("backendError", 500).create(null, "r", null, ErrorScope.REGION)).isInstanceOf(TransientCloudException.class);
        assertThat(GcpErrors.byCode("rateLimitExceeded", 403).create(null, "r", null, ErrorScope.REGION)).isInstanceOf(ThrottledException.class);
        assertThat(GcpErrors.byCode(null, 401).create(null, "r", null, ErrorScope.REGION)).isInstanceOf(AuthenticationFailedException.class);
        assertThat(GcpErrors.byCode(null, 403).create(null, "r", null, ErrorScope.REGION)).isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void aServiceAccountKeyNeverShowsInAnErrorOrInTheConfig() {
        String key = "{\"type\":\"service_account\",\"project_id\":\"p\",\"private_key\":\"-----BEGIN PRIVATE KEY-----\\nSECRETSECRET\\n-----END PRIVATE KEY-----\\n\","
                + "\"client_email\":\"a@p.iam.gserviceaccount.com\",\"client_id\":\"1\",\"token_uri\":\"http://127.0.0.1:1/token\"}";
        var config = GcpFakeConnections.config(fake).property(GcpDriver.CREDENTIALS, "key")
                .credential(Credential.of(GcpDriver.SERVICE_ACCOUNT_JSON, key));
        assertThat(config.toString()).doesNotContain("SECRETSECRET");
        Cloud withKey = mc.connect(config.named("gcp-key"));
        assertThatThrownBy(() -> withKey.vpcs().list()).isInstanceOf(CloudException.class)
                .satisfies(e -> assertThat(e.toString() + e.getMessage() + (e.getCause() == null ? "" : e.getCause().toString()))
                        .doesNotContain("SECRETSECRET"));
        var broken = GcpFakeConnections.config(fake).property(GcpDriver.CREDENTIALS, "key")
                .credential(Credential.of(GcpDriver.SERVICE_ACCOUNT_JSON, "{not json SECRETSECRET"));
        Cloud bad = mc.connect(broken.named("gcp-bad-key"));
        assertThatThrownBy(() -> bad.vpcs().list()).isInstanceOf(CloudException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("SECRETSECRET"));
        assertThat(ResourceKind.VPC).isNotNull();
    }
}
