package io.multicloud.driver.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.Cloud;
import io.multicloud.api.CloudException;
import io.multicloud.api.MyImage;
import io.multicloud.api.MyImageRequest;
import io.multicloud.api.MyImageStatus;
import io.multicloud.api.Vm;
import io.multicloud.api.VmRequest;
import io.multicloud.api.VmStatus;
import io.multicloud.driver.azure.fake.AzureFake;
import io.multicloud.api.InvalidRequestException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A my-image of a running VM that was never generalized: a copy of its OS disk, the VM running on;
 * a VM made from it boots a copy of that disk (no osProfile: the disk's own login); nothing else
 * is left, and a copy that fails half-way, or a VM whose create fails after its disk was copied,
 * leaves no disk behind. A my-image of a VM deallocated and generalized (the {@code GeneralizeVm}
 * any-call, refused while the VM runs): a managed image and no disk copy; a VM made from it takes
 * the request's key pair; an image that fails half-way is deleted.
 */
class AzureMyImagesTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String DISK = "Microsoft.Compute/disks";
    private AzureFakeCloud cloud;
    private AzureFake fake;
    private Cloud azure;

    @BeforeEach
    void start() {
        cloud = AzureFakeCloud.start().withNetwork(22);
        fake = cloud.fake;
        azure = cloud.azure;
        azure.keyPairs().create("key-1");
        azure.vms().create(request("src").keyPair("key-1"));
        azure.vms().waitUntil("src", VmStatus.RUNNING, WAIT);
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    private static VmRequest request(String name) {
        return AzureFakeCloud.vm(name);
    }

    /** Deallocates the source VM and marks it generalized, as a user would after deprovisioning its guest. */
    private void generalizeSource() {
        azure.vms().suspend("src");
        azure.vms().waitUntil("src", VmStatus.SUSPENDED, WAIT);
        assertThat(azure.anyCall("GeneralizeVm", Map.of("vm", "src"))).containsEntry("osState", "generalized");
    }

    private java.util.List<String> diskNames() {
        return fake.ids(DISK).stream().map(id -> id.substring(id.lastIndexOf('/') + 1)).sorted().toList();
    }

    @Test
    void aRunningVmsImageNeedsNoGeneralizingAndAVmBootsACopyOfIt() {
        MyImage golden = azure.myImages().create(MyImageRequest.of("golden", "src").tag("release", "1"));

        assertThat(golden.status()).isEqualTo(MyImageStatus.AVAILABLE);
        assertThat(golden.sourceVm()).isEqualTo("src");
        assertThat(golden.tags()).containsEntry("release", "1").doesNotContainKeys("multicloud-azure:my-image", "multicloud-azure:source-vm");
        assertThat(azure.vms().get("src").status()).isEqualTo(VmStatus.RUNNING);
        assertThat(fake.ids("Microsoft.Compute/images")).isEmpty();
        assertThat(diskNames()).containsExactly("golden", "src-osdisk");
        assertThat(azure.myImages().list()).extracting(MyImage::name).containsExactly("golden");
        assertThat(azure.disks().list()).extracting(io.multicloud.api.Disk::name).containsExactly("src-osdisk");

        Vm clone = azure.vms().create(request("clone").image("golden"));
        Vm running = azure.vms().waitUntil(clone.name(), VmStatus.RUNNING, WAIT);
        assertThat(running.keyPair()).isEqualTo("key-1");
        assertThat(running.ssh()).isNotNull().satisfies(ssh -> assertThat(ssh.user()).isEqualTo(azure.vms().get("src").ssh().user()));
        assertThat(diskNames()).containsExactly("clone-osdisk", "golden", "src-osdisk");
        String copied = azure.unwrap(com.azure.resourcemanager.compute.ComputeManager.class).serviceClient().getDisks()
                .getByResourceGroup("multicloud-eastus", "clone-osdisk").creationData().sourceResourceId();
        assertThat(copied).isEqualToIgnoringCase(golden.id());

        azure.vms().delete("clone");
        io.multicloud.testkit.Await.gone(azure.vms(), "clone", WAIT);
        azure.myImages().delete("golden");
        io.multicloud.testkit.Await.gone(azure.myImages(), "golden", WAIT);
        assertThat(diskNames()).containsExactly("src-osdisk");
    }

    @Test
    void aCopyThatFailsHalfWayIsDeletedAndSoIsAVmsCopyWhenItsCreateFails() {
        assertThatThrownBy(() -> azure.myImages().create(MyImageRequest.of("broken", "src")
                .tag("fake-failure", "InternalOperationError: the copy failed"))).isInstanceOf(CloudException.class)
                .hasMessageContaining("the copy failed");
        assertThat(diskNames()).containsExactly("src-osdisk");
        assertThat(azure.myImages().find("broken")).isEmpty();

        azure.myImages().create(MyImageRequest.of("golden", "src"));
        fake.server().faults().refuse("VirtualMachines_CreateOrUpdate", 1, AzureFake.error(400, "InvalidParameter", "refused for the test"));
        assertThatThrownBy(() -> azure.vms().create(request("clone").image("golden"))).hasMessageContaining("refused for the test");
        assertThat(diskNames()).containsExactly("golden", "src-osdisk");
        assertThat(azure.vms().find("clone")).isEmpty();
    }

    @Test
    void aGeneralizedVmGivesAManagedImageAndAVmFromItTakesTheRequestsKeyPair() {
        generalizeSource();
        fake.server().log().clear();
        MyImage golden = azure.myImages().create(MyImageRequest.of("golden", "src").tag("release", "1"));

        assertThat(golden.status()).isEqualTo(MyImageStatus.AVAILABLE);
        assertThat(golden.id()).containsIgnoringCase("/providers/Microsoft.Compute/images/golden");
        assertThat(golden.sourceVm()).isEqualTo("src");
        assertThat(golden.tags()).containsEntry("release", "1").doesNotContainKeys("multicloud-azure:source-vm", "multicloud-azure:key-pair");
        assertThat(azure.unwrap(com.azure.resourcemanager.compute.ComputeManager.class).serviceClient().getImages()
                .getByResourceGroup("multicloud-eastus", "golden").tags())
                .containsEntry("multicloud-azure:source-vm", "src").containsEntry("multicloud-azure:key-pair", "key-1")
                .doesNotContainKey("multicloud-azure:login-user");
        assertThat(fake.server().log().count("Disks_CreateOrUpdate")).isZero();
        assertThat(diskNames()).containsExactly("src-osdisk");
        assertThat(azure.myImages().list()).singleElement().satisfies(i -> {
            assertThat(i.name()).isEqualTo("golden");
            assertThat(i.id()).isEqualToIgnoringCase(golden.id());
        });

        azure.keyPairs().create("key-2");
        azure.vms().create(request("clone").image("golden").keyPair("key-2").userData("#!/bin/sh\necho hello\n"));
        Vm running = azure.vms().waitUntil("clone", VmStatus.RUNNING, WAIT);
        assertThat(running.keyPair()).isEqualTo("key-2");
        assertThat(running.image()).isEqualTo("golden");
        assertThat(running.ssh()).isNotNull().satisfies(ssh -> assertThat(ssh.user()).isEqualTo("multicloud"));
        var raw = azure.unwrap(com.azure.resourcemanager.compute.ComputeManager.class).serviceClient().getVirtualMachines()
                .getByResourceGroup("multicloud-eastus", "clone");
        assertThat(raw.storageProfile().imageReference().id()).isEqualToIgnoringCase(golden.id());
        assertThat(raw.osProfile().adminUsername()).isEqualTo("multicloud");
        assertThat(raw.osProfile().linuxConfiguration().ssh().publicKeys()).singleElement()
                .satisfies(k -> assertThat(k.keyData()).isEqualTo(azure.keyPairs().get("key-2").publicKey().trim()));

        azure.vms().delete("clone");
        io.multicloud.testkit.Await.gone(azure.vms(), "clone", WAIT);
        azure.myImages().delete("golden");
        io.multicloud.testkit.Await.gone(azure.myImages(), "golden", WAIT);
        assertThat(fake.ids("Microsoft.Compute/images")).isEmpty();
        assertThat(diskNames()).containsExactly("src-osdisk");
    }

    @Test
    void aVmOfAManagedImageWithADataDiskGetsThatDiskAndDeletesItWithTheVm() {
        azure.disks().create(io.multicloud.api.DiskRequest.named("src-data").sizeGB(10));
        azure.disks().attach("src-data", "src");
        generalizeSource();
        azure.myImages().create(MyImageRequest.of("golden", "src"));

        azure.vms().create(request("clone").image("golden").keyPair("key-1"));
        azure.vms().waitUntil("clone", VmStatus.RUNNING, WAIT);
        var raw = azure.unwrap(com.azure.resourcemanager.compute.ComputeManager.class).serviceClient().getVirtualMachines()
                .getByResourceGroup("multicloud-eastus", "clone");
        assertThat(raw.storageProfile().dataDisks()).singleElement().satisfies(d -> {
            assertThat(d.name()).isEqualTo("clone-data0");
            assertThat(d.diskSizeGB()).isEqualTo(10);
            assertThat(d.deleteOption()).hasToString("Delete");
        });
        assertThat(diskNames()).containsExactly("clone-data0", "clone-osdisk", "src-data", "src-osdisk");

        azure.vms().delete("clone");
        io.multicloud.testkit.Await.gone(azure.vms(), "clone", WAIT);
        assertThat(diskNames()).as("the image's data disk is deleted with the VM, not left billing")
                .containsExactly("src-data", "src-osdisk");
    }

    @Test
    void generalizingARunningVmIsRefusedBeforeAzureIsCalled() {
        assertThatThrownBy(() -> azure.anyCall("GeneralizeVm", Map.of("vm", "src"))).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.field()).isEqualTo("vm")).hasMessageContaining("is running").hasMessageContaining("deallocate");
        assertThat(fake.server().log().count("VirtualMachines_Generalize")).isZero();
        assertThat(azure.vms().get("src").status()).isEqualTo(VmStatus.RUNNING);
    }

    @Test
    void aManagedImageThatFailsHalfWayIsDeleted() {
        generalizeSource();
        assertThatThrownBy(() -> azure.myImages().create(MyImageRequest.of("broken", "src")
                .tag("fake-failure", "InternalOperationError: the capture failed"))).isInstanceOf(CloudException.class)
                .hasMessageContaining("the capture failed");
        assertThat(fake.server().log().count("Images_Delete")).isEqualTo(1);
        assertThat(fake.ids("Microsoft.Compute/images")).isEmpty();
        assertThat(azure.myImages().find("broken")).isEmpty();
        assertThat(diskNames()).containsExactly("src-osdisk");
    }
}
