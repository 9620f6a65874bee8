package io.multicloud.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.Cloud;
import io.multicloud.api.ConflictException;
import io.multicloud.api.Disk;
import io.multicloud.api.DiskRequest;
import io.multicloud.api.DiskStatus;
import io.multicloud.api.MyImage;
import io.multicloud.api.MyImageRequest;
import io.multicloud.api.MyImageStatus;
import io.multicloud.api.Vm;
import io.multicloud.api.VmStatus;
import org.junit.jupiter.api.Test;

/** Data disks (attach, detach, grow) and the user's own images made from VMs. */
@MockCloudTest
class StorageTest {

    private static Disk availableDisk(Cloud cloud, DiskRequest request) {
        cloud.disks().create(request);
        return cloud.disks().waitUntil(request.name(), d -> d.status() == DiskStatus.AVAILABLE, Fixtures.WAIT);
    }

    @Test
    void aDiskIsCreatingThenAvailableWithItsSizeAndType(Cloud cloud) {
        Disk created = cloud.disks().create(DiskRequest.named("data-1").sizeGB(100).type("ssd").tag("db", "pg"));
        assertThat(created.status()).isEqualTo(DiskStatus.CREATING);
        Disk disk = cloud.disks().waitUntil("data-1", d -> d.status() == DiskStatus.AVAILABLE, Fixtures.WAIT);
        assertThat(disk.sizeGB()).isEqualTo(100);
        assertThat(disk.type()).isEqualTo("ssd");
        assertThat(disk.zone()).isEqualTo("mars-z1");
        assertThat(disk.tags()).containsEntry("db", "pg");
        assertThat(cloud.disks().list()).extracting(Disk::name).containsExactly("data-1");
    }

    @Test
    void aDiskIsAttachedDetachedAndThenDeleted(Cloud cloud) {
        Fixtures.runningVm(cloud, "vm-1");
        availableDisk(cloud, DiskRequest.named("data-1").sizeGB(20));

        Disk attached = cloud.disks().attach("data-1", "vm-1");
        assertThat(attached.status()).isEqualTo(DiskStatus.ATTACHED);
        assertThat(attached.attachedTo()).isEqualTo("vm-1");
        assertThatThrownBy(() -> cloud.disks().delete("data-1")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("vm-1");
        assertThatThrownBy(() -> cloud.disks().attach("data-1", "vm-1")).isInstanceOf(ConflictException.class);

        Disk detached = cloud.disks().detach("data-1");
        assertThat(detached.status()).isEqualTo(DiskStatus.AVAILABLE);
        assertThat(detached.attachedTo()).isNull();
        cloud.disks().delete("data-1");
        Await.gone(cloud.disks(), "data-1", Fixtures.WAIT);
    }

    @Test
    void aDiskInAnotherZoneDoesNotAttach(Cloud cloud) {
        Fixtures.runningVm(cloud, "vm-1");
        availableDisk(cloud, DiskRequest.named("far-1").sizeGB(20).zone("mars-z3"));
        assertThatThrownBy(() -> cloud.disks().attach("far-1", "vm-1")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("mars-z3");
    }

    @Test
    void aDiskGrows(Cloud cloud) {
        availableDisk(cloud, DiskRequest.named("data-1").sizeGB(20));
        assertThat(cloud.disks().resize("data-1", 50).sizeGB()).isEqualTo(50);
        assertThat(cloud.disks().get("data-1").sizeGB()).isEqualTo(50);
    }

    @Test
    void aTerminatedVmLetsGoOfItsDisks(Cloud cloud) {
        Fixtures.runningVm(cloud, "vm-1");
        availableDisk(cloud, DiskRequest.named("data-1").sizeGB(20));
        cloud.disks().attach("data-1", "vm-1");
        cloud.vms().delete("vm-1");
        assertThat(cloud.disks().get("data-1")).satisfies(d -> {
            assertThat(d.attachedTo()).isNull();
            assertThat(d.status()).isEqualTo(DiskStatus.AVAILABLE);
        });
    }

    @Test
    void anImageOfAVmBecomesAvailableAndBootsANewVm(Cloud cloud) {
        Fixtures.runningVm(cloud, "vm-1");
        MyImage snapshot = cloud.vms().withName("vm-1").snapshot("golden-1");
        assertThat(snapshot.status()).isEqualTo(MyImageStatus.CREATING);
        assertThat(snapshot.sourceVm()).isEqualTo("vm-1");
        MyImage golden = cloud.myImages().waitUntil("golden-1", i -> i.status() == MyImageStatus.AVAILABLE, Fixtures.WAIT);
        assertThat(golden.createdAt()).isNotNull();

        cloud.vms().create(Fixtures.vm("vm-2").image("golden-1"));
        Vm copy = cloud.vms().waitUntil("vm-2", VmStatus.RUNNING, Fixtures.WAIT);
        assertThat(copy.loginUser()).isEqualTo("ubuntu");
    }

    @Test
    void anImageIsMadeFromARequestAndDeleted(Cloud cloud) {
        Fixtures.runningVm(cloud, "vm-1");
        cloud.myImages().create(MyImageRequest.of("golden-2", "vm-1").tag("release", "2024-06"));
        assertThat(cloud.myImages().list()).singleElement().satisfies(i -> {
            assertThat(i.name()).isEqualTo("golden-2");
            assertThat(i.tags()).containsEntry("release", "2024-06");
        });
        cloud.myImages().delete("golden-2");
        assertThat(cloud.myImages().list()).isEmpty();
    }

    @Test
    @MockCloudTest(transitionMillis = 60_000)
    void anImageCannotBeMadeOfAVmStillCreating(Cloud cloud) {
        Fixtures.network(cloud);
        cloud.vms().create(Fixtures.vm("vm-1"));
        assertThatThrownBy(() -> cloud.vms().snapshot("vm-1", "early")).isInstanceOf(ConflictException.class);
    }
}
