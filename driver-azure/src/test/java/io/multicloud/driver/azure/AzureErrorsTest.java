package io.multicloud.driver.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.AuthenticationFailedException;
import io.multicloud.api.CapacityUnavailableException;
import io.multicloud.api.Cloud;
import io.multicloud.api.CloudException;
import io.multicloud.api.ConflictException;
import io.multicloud.api.ErrorScope;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.QuotaExceededException;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.ScopedCloudException;
import io.multicloud.api.SecurityGroupRequest;
import io.multicloud.api.ThrottledException;
import io.multicloud.api.TransientCloudException;
import io.multicloud.api.Vm;
import io.multicloud.api.VmRequest;
import io.multicloud.api.VpcRequest;
import io.multicloud.core.MultiCloud;
import io.multicloud.driver.azure.fake.AzureFake;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The error table: ARM's error codes, in ARM's format from the fake, become the common exceptions,
 * each naming the connection, kind, name and Azure's code and message, never the token; quota
 * and capacity errors carry their scope; a 429 is retried by the SDK after its Retry-After and, when
 * it lasts, is Throttled.
 */
class AzureErrorsTest {
    private static final String TOKEN = "fake-token-not-a-secret";
    private AzureFake fake;
    private MultiCloud mc;
    private Cloud azure;

    @BeforeEach
    void start() {
        fake = AzureFake.start();
        mc = MultiCloud.builder().environment(Map.of()).build();
        // No SDK retries: each refusal is seen as it is.
        azure = mc.connect(AzureFakeConnections.config(fake).property(AzureDriver.MAX_RETRIES, "0"));
        azure.vpcs().create(VpcRequest.named("vpc-1").cidr("10.0.0.0/16").subnet("sn-1", "10.0.1.0/24"));
    }

    @AfterEach
    void stop() {
        mc.close();
        fake.close();
    }

    private VmRequest vm(String name) {
        return VmRequest.named(name).image("ubuntu-22.04").spec("Standard_B2s").subnet("vpc-1", "sn-1");
    }

    private void refuseVmCreate(int status, String code, String message) {
        fake.server().faults().refuse("VirtualMachines_CreateOrUpdate", 1, AzureFake.error(status, code, message));
    }

    @ParameterizedTest(name = "{1} -> {3} ({4})")
    @CsvSource(delimiter = '|', value = {
        "409|OperationNotAllowed|Operation could not be completed as it results in exceeding approved standardDSv5Family Cores quota. Location: eastus, Current Limit: 10, Current Usage: 10, Additional Required: 2.|QuotaExceeded|REGION",
        "409|QuotaExceeded|Resource groups quota per subscription exceeded: the subscription's limit is 980.|QuotaExceeded|CLOUD",
        "409|QuotaExceeded|Operation results in exceeding quota limits of Core. Maximum allowed: 4, Current in use: 4.|QuotaExceeded|REGION",
        "409|SkuNotAvailable|The requested VM size Standard_B2s is currently not available in location 'eastus' zones '1'.|CapacityUnavailable|ZONE",
        "409|ZonalAllocationFailed|Allocation failed. We do not have sufficient capacity for the requested VM size in this zone.|CapacityUnavailable|ZONE",
        "409|OverconstrainedAllocationRequest|Allocation failed. VM(s) with the following constraints cannot be allocated.|CapacityUnavailable|ZONE",
        "409|AllocationFailed|Allocation failed. If you are trying to add a new VM to an Availability Set, try again later.|CapacityUnavailable|ZONE"})
    void quotaAndCapacityErrorsCarryTheirScope(int status, String code, String message, String kind, String scope) {
        refuseVmCreate(status, code, message);
        assertThatThrownBy(() -> azure.vms().create(vm("vm-q")))
                .isInstanceOf(kind.equals("QuotaExceeded") ? QuotaExceededException.class : CapacityUnavailableException.class)
                .satisfies(e -> {
                    assertThat(((ScopedCloudException) e).scope()).isEqualTo(ErrorScope.valueOf(scope));
                    assertThat(((CloudException) e).context().providerCode()).isEqualTo(code);
                    assertThat(e.getMessage()).contains("[azure/eastus]", "VM 'vm-q'", code).doesNotContain(TOKEN);
                });
    }

    @Test
    void anAllocationFailureWithoutAZoneIsTheRegions() {
        Cloud regional = mc.connect(AzureFakeConnections.config(fake).zone(null).named("regional").property(AzureDriver.MAX_RETRIES, "0"));
        refuseVmCreate(409, "AllocationFailed", "Allocation failed. Please try reducing the VM size or number of VMs.");
        assertThatThrownBy(() -> regional.vms().create(vm("vm-r"))).isInstanceOf(CapacityUnavailableException.class)
                .satisfies(e -> assertThat(((ScopedCloudException) e).scope()).isEqualTo(ErrorScope.REGION));
    }

    @Test
    void aSizeTheSubscriptionCannotHaveIsRefusedByTheFakeItselfAsCapacity() {
        assertThatThrownBy(() -> azure.vms().create(vm("vm-m").spec("Standard_M416ms_v2")))
                .isInstanceOf(CapacityUnavailableException.class).hasMessageContaining("SkuNotAvailable");
        assertThatThrownBy(() -> azure.vms().create(vm("vm-z3").spec("Standard_D4s_v5").zone("3")))
                .isInstanceOf(CapacityUnavailableException.class)
                .satisfies(e -> assertThat(((ScopedCloudException) e).scope()).isEqualTo(ErrorScope.ZONE));
    }

    @Test
    void throttlingThatLastsIsThrottledAndSaysHowLongAzureAskedToWait() {
        fake.server().faults().refuse("VirtualNetworks_Get", 1, AzureFake.throttled(7));
        assertThatThrownBy(() -> azure.vpcs().get("vpc-1")).isInstanceOf(ThrottledException.class)
                .hasMessageContaining("Retry-After: 7").satisfies(e -> assertThat(((CloudException) e).retryable()).isTrue());
    }

    @Test
    void throttlingIsRetriedByTheSdkAfterItsRetryAfter() {
        Cloud patient = mc.connect(AzureFakeConnections.config(fake).named("patient"));
        fake.server().faults().refuse("VirtualNetworks_Get", 2, AzureFake.throttled(0));
        assertThat(patient.vpcs().get("vpc-1").name()).isEqualTo("vpc-1");
        assertThat(fake.server().log().count(e -> "VirtualNetworks_Get".equals(e.route()) && e.status() == 429)).isEqualTo(2);
    }

    @Test
    void serverErrorsAreTransient() {
        fake.server().faults().refuse("VirtualNetworks_ListAll", 1, AzureFake.error(503, "ServiceUnavailable", "The service is unavailable."));
        assertThatThrownBy(() -> azure.vpcs().list()).isInstanceOf(TransientCloudException.class)
                .satisfies(e -> assertThat(((CloudException) e).retryable()).isTrue());
        fake.server().faults().refuse("VirtualNetworks_ListAll", 1, AzureFake.error(500, "InternalServerError", "oops"));
        assertThatThrownBy(() -> azure.vpcs().list()).isInstanceOf(TransientCloudException.class);
    }

    @Test
    void authorizationErrorsAreAuthenticationFailuresWithoutTheToken() {
        fake.server().faults().refuse("VirtualNetworks_Get", 1, AzureFake.error(403, "AuthorizationFailed",
                "The client 'x' does not have authorization to perform action 'Microsoft.Network/virtualNetworks/read'."));
        assertThatThrownBy(() -> azure.vpcs().get("vpc-1")).isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("AuthorizationFailed").hasMessageNotContaining(TOKEN);
        fake.server().faults().refuse("VirtualNetworks_Get", 1, AzureFake.error(401, "InvalidAuthenticationToken",
                "The access token is invalid."));
        assertThatThrownBy(() -> azure.vpcs().get("vpc-1")).isInstanceOf(AuthenticationFailedException.class)
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void inUseRefusalsAreConflicts() {
        azure.securityGroups().create(SecurityGroupRequest.named("sg-1").vpc("vpc-1"));
        Vm vm = azure.vms().create(vm("vm-1").securityGroups("sg-1"));
        azure.vms().waitUntil(vm.name(), io.multicloud.api.VmStatus.RUNNING, java.time.Duration.ofSeconds(20));
        assertThatThrownBy(() -> azure.vpcs().removeSubnet("vpc-1", "sn-1")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("InUseSubnetCannotBeDeleted");
        assertThatThrownBy(() -> azure.vpcs().delete("vpc-1")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("InUseSubnetCannotBeDeleted");
        assertThatThrownBy(() -> azure.securityGroups().delete("sg-1")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("InUseNetworkSecurityGroupCannotBeDeleted");
        String nic = fake.ids("Microsoft.Network/networkInterfaces").getFirst();
        var network = azure.unwrap(com.azure.resourcemanager.network.NetworkManager.class);
        assertThatThrownBy(() -> network.serviceClient().getNetworkInterfaces().delete("multicloud-eastus", nic.substring(nic.lastIndexOf('/') + 1)))
                .hasMessageContaining("NicInUse");
        assertThat(AzureErrors.byCode("NicInUse", 400).create(io.multicloud.api.ErrorContext.NONE, "r", null, null))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void aConflictOnCreateIsAlreadyExistsAndAMissingResourceIsNotFound() {
        fake.server().faults().refuse("NetworkSecurityGroups_CreateOrUpdate", 1, AzureFake.error(409, "Conflict",
                "Another resource with the same name exists."));
        assertThatThrownBy(() -> azure.securityGroups().create(SecurityGroupRequest.named("sg-2").vpc("vpc-1")))
                .isInstanceOf(AlreadyExistsException.class);
        assertThatThrownBy(() -> azure.vms().get("nope")).isInstanceOf(NotFoundException.class)
                .satisfies(e -> assertThat(((CloudException) e).context().kind()).isEqualTo(ResourceKind.VM));
        fake.server().faults().refuse("VirtualNetworks_Get", 1, AzureFake.error(404, "NotFound", "gone"));
        assertThat(azure.vpcs().find("vpc-1")).isEmpty();
    }

    @Test
    void aLongRunningOperationThatFailsThrowsItsMappedError() {
        assertThatThrownBy(() -> azure.vpcs().create(VpcRequest.named("vpc-f").cidr("10.1.0.0/16").subnet("sn", "10.1.1.0/24")
                .tag("fake-failure", "QuotaExceeded: Cannot create more than 50 virtual networks for this subscription in this region.")))
                .isInstanceOf(QuotaExceededException.class).hasMessageContaining("virtual networks");
        assertThat(fake.server().log().count("Operations_Status")).isPositive();
    }

    @Test
    void aVmWhoseProvisioningFailsIsFailedWithAzuresMessage() {
        Vm vm = azure.vms().create(vm("vm-f").tag("fake-failure", "Allocation failed. We do not have sufficient capacity."));
        Vm failed = azure.vms().waitUntil(vm.name(), io.multicloud.api.VmStatus.FAILED, java.time.Duration.ofSeconds(20));
        assertThat(failed.statusReason()).contains("sufficient capacity");
    }

}
