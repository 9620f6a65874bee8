package io.multicloud.driver.mock;

import io.multicloud.api.ConflictException;
import io.multicloud.api.Disk;
import io.multicloud.api.DiskRequest;
import io.multicloud.api.DiskStatus;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.SubnetRequest;
import io.multicloud.api.VmStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MockDisksTest extends MockTestBase {

    @BeforeEach
    void createNetworkAndVm() {
        network(conn);
        conn.vms().create(vm("vm-1"));
    }

    private Disk availableDisk(String name, String zone) {
        conn.disks().create(DiskRequest.named(name).sizeGB(100).zone(zone));
        return await(name + " available", () -> conn.disks().find(name).orElseThrow(), d -> d.status() == DiskStatus.AVAILABLE);
    }

    @Test
    void aDiskIsCreatingThenAvailableInTheConnectionsZone() {
        Disk disk = conn.disks().create(DiskRequest.named("data-1").sizeGB(100).tag("k", "v"));
        assertThat(disk.status()).isEqualTo(DiskStatus.CREATING);
        assertThat(disk.id()).startsWith("vol-");
        assertThat(disk.zone()).isEqualTo("mars-z1");
        assertThat(disk.type()).isEqualTo("standard");
        assertThat(disk.tags()).containsEntry("k", "v");
        availableDisk("data-2", null);
        assertThat(conn.disks().list()).extracting(Disk::name).containsExactly("data-1", "data-2");
    }

    @Test
    void aDiskAttachesAndDetaches() {
        availableDisk("data-1", null);
        Disk attached = conn.disks().attach("data-1", "vm-1");
        assertThat(attached.status()).isEqualTo(DiskStatus.ATTACHED);
        assertThat(attached.attachedTo()).isEqualTo("vm-1");
        Disk detached = conn.disks().detach("data-1");
        assertThat(detached.status()).isEqualTo(DiskStatus.AVAILABLE);
        assertThat(detached.attachedTo()).isNull();
        assertThatThrownBy(() -> conn.disks().detach("data-1")).isInstanceOf(ConflictException.class);
    }

    @Test
    void aCreatingDiskCannotBeAttached() {
        conn.disks().create(DiskRequest.named("data-1").sizeGB(10));
        assertThatThrownBy(() -> conn.disks().attach("data-1", "vm-1")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("CREATING");
    }

    @Test
    void deletingAnAttachedDiskIsRefused() {
        availableDisk("data-1", null);
        conn.disks().attach("data-1", "vm-1");
        assertThatThrownBy(() -> conn.disks().delete("data-1")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("vm-1");
        conn.disks().detach("data-1");
        conn.disks().delete("data-1");
        assertThat(conn.disks().find("data-1").orElseThrow().status()).isEqualTo(DiskStatus.DELETING);
        await("disk gone", () -> conn.disks().find("data-1"), d -> d.isEmpty());
    }

    @Test
    void aDiskAttachesOnlyToAVmOfItsZone() {
        availableDisk("data-1", "mars-z2");
        assertThatThrownBy(() -> conn.disks().attach("data-1", "vm-1")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("mars-z2").hasMessageContaining("mars-z1");
    }

    @Test
    void anAttachedDiskCannotBeAttachedAgain() {
        conn.vpcs().addSubnet("vpc-1", SubnetRequest.of("sn-2", "10.0.2.0/24"));
        conn.vms().create(vm("vm-2").subnet("vpc-1", "sn-2"));
        availableDisk("data-1", null);
        conn.disks().attach("data-1", "vm-1");
        assertThatThrownBy(() -> conn.disks().attach("data-1", "vm-2")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("already attached");
    }

    @Test
    void attachingToAMissingVmIsNotFound() {
        availableDisk("data-1", null);
        assertThatThrownBy(() -> conn.disks().attach("data-1", "ghost")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void resizingToASmallerOrEqualSizeIsInvalid() {
        availableDisk("data-1", null);
        assertThatThrownBy(() -> conn.disks().resize("data-1", 100))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("sizeGB"));
        assertThatThrownBy(() -> conn.disks().resize("data-1", 50)).isInstanceOf(InvalidRequestException.class);
        assertThat(conn.disks().resize("data-1", 200).sizeGB()).isEqualTo(200);
    }

    @Test
    void theDiskOfATerminatedVmComesOff() {
        availableDisk("data-1", null);
        conn.disks().attach("data-1", "vm-1");
        conn.vms().delete("vm-1");
        awaitVmGone(conn, "vm-1");
        Disk disk = conn.disks().find("data-1").orElseThrow();
        assertThat(disk.status()).isEqualTo(DiskStatus.AVAILABLE);
        assertThat(disk.attachedTo()).isNull();
    }

    @Test
    void aDiskCannotBeAttachedToATerminatingVm() {
        availableDisk("data-1", null);
        awaitVm(conn, "vm-1", VmStatus.RUNNING);
        conn.vms().delete("vm-1");
        assertThatThrownBy(() -> conn.disks().attach("data-1", "vm-1")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("TERMINATING");
    }
}
