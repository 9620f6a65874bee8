package io.multicloud.driver.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.Cloud;
import io.multicloud.api.KeyPair;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.SecurityGroupRequest;
import io.multicloud.api.TransientCloudException;
import io.multicloud.api.Vm;
import io.multicloud.api.VmRequest;
import io.multicloud.api.VmStatus;
import io.multicloud.api.VpcRequest;
import io.multicloud.core.MultiCloud;
import io.multicloud.driver.azure.fake.AzureFake;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What is Azure's own about VMs: one PUT makes the VM with its NIC, public IP and OS disk, and a
 * lost answer retried (by the SDK, or by the caller with the same client token) converges on
 * that one VM; deleting the VM leaves nothing billed behind; suspend deallocates; tags of any
 * text round-trip.
 */
class AzureVmsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String NIC = "Microsoft.Network/networkInterfaces";
    private static final String IP = "Microsoft.Network/publicIPAddresses";
    private static final String DISK = "Microsoft.Compute/disks";
    private static final String VM = "Microsoft.Compute/virtualMachines";
    private AzureFake fake;
    private MultiCloud mc;
    private Cloud azure;

    @BeforeEach
    void start() {
        fake = AzureFake.start();
        mc = MultiCloud.builder().environment(Map.of()).build();
        azure = mc.connect(AzureFakeConnections.config(fake));
        azure.vpcs().create(VpcRequest.named("vpc-1").cidr("10.0.0.0/16").subnet("sn-1", "10.0.1.0/24"));
        azure.securityGroups().create(SecurityGroupRequest.named("sg-1").vpc("vpc-1").allowInbound(io.multicloud.api.Protocol.TCP, 22));
    }

    @AfterEach
    void stop() {
        mc.close();
        fake.close();
    }

    private VmRequest request(String name) {
        return VmRequest.named(name).image("ubuntu-22.04").spec("Standard_B2s").subnet("vpc-1", "sn-1").securityGroups("sg-1");
    }

    private void assertOneOfEach() {
        assertThat(fake.ids(VM)).hasSize(1);
        assertThat(fake.ids(NIC)).hasSize(1);
        assertThat(fake.ids(IP)).hasSize(1);
        assertThat(fake.ids(DISK)).hasSize(1);
    }

    @Test
    void aVmIsOnePutThatMakesItsNicPublicIpAndOsDisk() {
        KeyPair key = azure.keyPairs().create("key-1");
        Vm vm = azure.vms().create(request("vm-1").keyPair("key-1").rootDisk("Premium_LRS", 64));
        assertThat(fake.server().log().count("VirtualMachines_CreateOrUpdate")).isOne();
        assertOneOfEach();
        Vm running = azure.vms().waitUntil(vm.name(), VmStatus.RUNNING, WAIT);
        assertThat(running.zone()).isEqualTo("1");
        assertThat(running.securityGroups()).containsExactly("sg-1");
        assertThat(running.keyPair()).isEqualTo("key-1");
        assertThat(running.image()).isEqualTo("ubuntu-22.04");
        assertThat(running.rootDiskGB()).isEqualTo(64);
        assertThat(running.rootDiskType()).isEqualTo("Premium_LRS");
        assertThat(running.publicIp()).isNotNull();
        assertThat(running.ssh().user()).isEqualTo("multicloud");
        assertThat(running.ssh().host()).isEqualTo(running.publicIp());
        assertThat(key.privateKeyOnce()).isPresent();
    }

    @Test
    void aVmWithoutAPublicIpMakesNone() {
        Vm vm = azure.vms().create(request("vm-private").publicIp(false));
        assertThat(fake.ids(IP)).isEmpty();
        assertThat(vm.publicIp()).isNull();
        assertThat(vm.ssh().host()).isEqualTo(vm.privateIp());
    }

    @Test
    void aCreateWhoseAnswerIsLostIsRetriedByTheSdkAndMakesNoSecondResource() {
        fake.server().faults().loseAnswer("VirtualMachines_CreateOrUpdate", 1,
                AzureFake.error(500, "InternalServerError", "the answer was lost on the way"));
        Vm vm = azure.vms().create(request("vm-lost").clientToken(UUID.randomUUID().toString()));
        assertThat(fake.server().log().count(e -> "lost".equals(e.fault()))).isOne();
        assertThat(fake.server().log().count("VirtualMachines_CreateOrUpdate")).isEqualTo(2);
        assertThat(vm.name()).isEqualTo("vm-lost");
        assertOneOfEach();
        assertThat(azure.vms().waitUntil("vm-lost", VmStatus.RUNNING, WAIT).status()).isEqualTo(VmStatus.RUNNING);
    }

    @Test
    void aCreateRetriedByTheCallerWithItsClientTokenConvergesOnTheOneVm() {
        Cloud noRetries = mc.connect(AzureFakeConnections.config(fake).named("no-retries").property(AzureDriver.MAX_RETRIES, "0"));
        String token = UUID.randomUUID().toString();
        fake.server().faults().loseAnswer("VirtualMachines_CreateOrUpdate", 1, AzureFake.error(500, "InternalServerError", "lost"));
        assertThatThrownBy(() -> noRetries.vms().create(request("vm-token").clientToken(token)))
                .isInstanceOf(TransientCloudException.class);
        assertOneOfEach();

        Vm again = noRetries.vms().create(request("vm-token").clientToken(token));
        assertThat(again.name()).isEqualTo("vm-token");
        assertOneOfEach();
        assertThatThrownBy(() -> noRetries.vms().create(request("vm-token").clientToken(UUID.randomUUID().toString())))
                .isInstanceOf(AlreadyExistsException.class);
        assertThatThrownBy(() -> noRetries.vms().create(request("vm-token"))).isInstanceOf(AlreadyExistsException.class);
        assertOneOfEach();
    }

    @Test
    void deletingAVmLeavesNoNicPublicIpOrDiskBehind() {
        Vm vm = azure.vms().create(request("vm-gone"));
        azure.vms().waitUntil(vm.name(), VmStatus.RUNNING, WAIT);
        assertOneOfEach();
        azure.vms().delete(vm.name());
        assertThat(azure.vms().find(vm.name())).isEmpty();
        assertThat(fake.ids(VM)).isEmpty();
        assertThat(fake.ids(NIC)).isEmpty();
        assertThat(fake.ids(IP)).isEmpty();
        assertThat(fake.ids(DISK)).isEmpty();
        assertThat(azure.disks().list()).isEmpty();
        // nothing holds the subnet or the group any more
        azure.securityGroups().delete("sg-1");
        azure.vpcs().delete("vpc-1");
        assertThat(azure.vpcs().list()).isEmpty();
    }

    @Test
    void suspendDeallocatesAndResumeStarts() {
        Vm vm = azure.vms().create(request("vm-s"));
        azure.vms().waitUntil(vm.name(), VmStatus.RUNNING, WAIT);
        assertThat(azure.vms().suspend(vm.name())).isEqualTo(VmStatus.SUSPENDING);
        assertThat(fake.server().log().count("VirtualMachines_Deallocate")).isOne();
        assertThat(fake.server().log().count("VirtualMachines_PowerOff")).isZero();
        assertThat(azure.vms().waitUntil(vm.name(), VmStatus.SUSPENDED, WAIT).statusReason()).isNull();
        assertThat(azure.vms().resume(vm.name())).isEqualTo(VmStatus.RESUMING);
        assertThat(fake.server().log().count("VirtualMachines_Start")).isOne();
        azure.vms().waitUntil(vm.name(), VmStatus.RUNNING, WAIT);
    }

    @Test
    void aVmStoppedWithoutDeallocationIsSuspendedButSaysItIsStillBilled() {
        Vm vm = azure.vms().create(request("vm-stopped"));
        azure.vms().waitUntil(vm.name(), VmStatus.RUNNING, WAIT);
        // A stop that keeps the hardware (Azure's powerOff), started without waiting through the SDK's own poller.
        azure.unwrap(com.azure.resourcemanager.compute.ComputeManager.class).serviceClient().getVirtualMachines()
                .beginPowerOff("multicloud-eastus", "vm-stopped");
        Vm stopped = azure.vms().waitUntil(vm.name(), VmStatus.SUSPENDED, WAIT);
        assertThat(stopped.statusReason()).contains("not deallocated").contains("billed");
    }

    @Test
    void tagsOfAnyTextRoundTripOnVmsAndAreFoundByKeyAndValue() {
        String longKey = "k".repeat(120) + ":a/b?c";
        String longValue = "v".repeat(200) + " <&%> \\ / ? ~ ünïcödé";
        Vm vm = azure.vms().create(request("vm-t").tag("multicloud:mci", "fleet-1").tag("path/with?odd&chars", "x")
                .tag(longKey, longValue).tag("multicloud:subgroup", "g1"));
        Vm found = azure.vms().get(vm.name());
        assertThat(found.tags()).containsEntry("multicloud:mci", "fleet-1").containsEntry("path/with?odd&chars", "x")
                .containsEntry(longKey, longValue).containsEntry("multicloud:subgroup", "g1")
                .containsEntry(io.multicloud.api.Tagged.MANAGED, "true").hasSize(5);
        assertThat(azure.vms().listTagged("multicloud:mci", "fleet-1")).extracting(Vm::name).containsExactly("vm-t");
        assertThat(azure.vms().listTagged("path/with?odd&chars", null)).extracting(Vm::name).containsExactly("vm-t");
        assertThat(azure.tags().find("multicloud:mci", "fleet-1")).singleElement()
                .satisfies(t -> assertThat(t.kind()).isEqualTo(ResourceKind.VM));
        azure.tags().add(ResourceKind.VM, "vm-t", Map.of("a&b", "1"));
        azure.tags().remove(ResourceKind.VM, "vm-t", "path/with?odd&chars");
        assertThat(azure.tags().list(ResourceKind.VM, "vm-t")).containsEntry("a&b", "1").doesNotContainKey("path/with?odd&chars");
        // the driver's own tags stay out of the user's, and Azure stores names without the forbidden characters
        assertThat(fake.locked(() -> fake.ids(VM))).hasSize(1);
        assertThat(AzureTagNames.encode("a/b?c")).doesNotContain("/", "?");
        assertThat(AzureTagNames.decode(AzureTagNames.encode(longKey))).isEqualTo(longKey);
    }

    @Test
    void aVmIsFoundByItsCloudIdAndResourcesWithoutAValidNameShowTheirId() {
        Vm vm = azure.vms().create(request("vm-id"));
        assertThat(azure.vms().find(vm.id())).hasValueSatisfying(v -> assertThat(v.name()).isEqualTo("vm-id"));
        fake.seedVms("multicloud-eastus", "Upper_Case", 1);
        assertThat(azure.vms().list()).extracting(Vm::name).contains("vm-id")
                .anySatisfy(name -> assertThat(name).startsWith("/subscriptions/").endsWith("/virtualMachines/Upper_Case-0"));
        String id = azure.vms().list().stream().filter(v -> v.name().startsWith("/")).findFirst().orElseThrow().id();
        assertThat(azure.vms().find(id)).isPresent();
    }
}
