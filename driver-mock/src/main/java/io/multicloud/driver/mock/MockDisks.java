package io.multicloud.driver.mock;

import io.multicloud.api.Disk;
import io.multicloud.api.DiskRequest;
import io.multicloud.api.DiskStatus;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.VmStatus;
import io.multicloud.driver.mock.MockEntities.DiskEntity;
import io.multicloud.driver.mock.MockEntities.VmEntity;
import io.multicloud.spi.DiskService;

import java.util.List;
import java.util.Optional;

/**
 * Data disks: CREATING, then AVAILABLE; ATTACHED while attached (to a VM of the same zone);
 * DELETING, then gone. An attached disk cannot be deleted; a disk only grows.
 */
final class MockDisks implements DiskService {
    private static final String KIND = "disk";
    /** Disk type when the request names none. */
    static final String DEFAULT_TYPE = "standard";

    private final MockContext ctx;

    MockDisks(MockContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public List<Disk> list() {
        return ctx.read(MockOperations.of(KIND, "list"), (r, now) -> r.disks.all().stream().map(DiskEntity::toRecord).toList());
    }

    @Override
    public Optional<Disk> find(String name) {
        return ctx.read(MockOperations.of(KIND, "find"), (r, now) -> r.disks.find(name).map(DiskEntity::toRecord));
    }

    @Override
    public Disk create(DiskRequest request) {
        return ctx.write(MockOperations.of(KIND, "create"), (r, now) -> {
            request.requireComplete();
            r.disks.requireFree(request.name(), ctx.errors);
            DiskEntity disk = new DiskEntity();
            disk.init(request.name(), MockContext.newId("vol"), request.tags());
            disk.zone = new MockRefs(ctx, r).zone(request.zone());
            disk.sizeGB = request.sizeGB();
            disk.type = request.type() == null ? DEFAULT_TYPE : request.type();
            disk.life = Lifecycle.moving(DiskStatus.CREATING, DiskStatus.AVAILABLE, now + ctx.behaviour.transitionMs());
            r.disks.add(disk);
            return disk.toRecord();
        });
    }

    @Override
    public void delete(String name) {
        ctx.write(MockOperations.of(KIND, "delete"), (r, now) -> {
            DiskEntity disk = r.disks.get(name, ctx.errors);
            if (disk.attachedTo != null) {
                throw ctx.errors.inUse(ResourceKind.DISK, name,
                        "cannot delete the disk: it is attached to VM '" + disk.attachedTo + "'; detach it first");
            }
            if (!disk.life.is(DiskStatus.DELETING)) {
                disk.life.removeAt(DiskStatus.DELETING, now + ctx.behaviour.transitionMs());
            }
            return null;
        });
    }

    @Override
    public Disk attach(String diskName, String vmName) {
        return ctx.write(MockOperations.of(KIND, "attach"), (r, now) -> {
            DiskEntity disk = r.disks.get(diskName, ctx.errors);
            VmEntity vm = r.vms.get(vmName, ctx.errors);
            if (disk.attachedTo != null) {
                throw ctx.errors.inUse(ResourceKind.DISK, diskName, "is already attached to VM '" + disk.attachedTo + "'");
            }
            if (!disk.life.is(DiskStatus.AVAILABLE)) {
                throw ctx.errors.wrongState(ResourceKind.DISK, diskName, "is " + disk.life.status + "; it must be AVAILABLE");
            }
            if (vm.life.removing() || vm.status() == VmStatus.FAILED) {
                throw ctx.errors.wrongState(ResourceKind.VM, vmName, "is " + vm.status() + "; cannot attach a disk to it");
            }
            if (!vm.zone.equals(disk.zone)) {
                throw ctx.errors.conflict(ResourceKind.DISK, diskName, "ZoneMismatch",
                        "is in zone " + disk.zone + " but VM '" + vmName + "' is in zone " + vm.zone);
            }
            disk.attachedTo = vmName;
            disk.life.set(DiskStatus.ATTACHED);
            return disk.toRecord();
        });
    }

    @Override
    public Disk detach(String diskName) {
        return ctx.write(MockOperations.of(KIND, "detach"), (r, now) -> {
            DiskEntity disk = r.disks.get(diskName, ctx.errors);
            if (disk.attachedTo == null) {
                throw ctx.errors.wrongState(ResourceKind.DISK, diskName, "is not attached to any VM");
            }
            disk.attachedTo = null;
            disk.life.set(DiskStatus.AVAILABLE);
            return disk.toRecord();
        });
    }

    @Override
    public Disk resize(String diskName, int newSizeGB) {
        return ctx.write(MockOperations.of(KIND, "resize"), (r, now) -> {
            DiskEntity disk = r.disks.get(diskName, ctx.errors);
            if (newSizeGB <= disk.sizeGB) {
                throw ctx.errors.invalid(ResourceKind.DISK, diskName, "sizeGB",
                        "a disk only grows: " + newSizeGB + " GB is not larger than its " + disk.sizeGB + " GB");
            }
            if (newSizeGB > DiskRequest.MAX_SIZE_GB) {
                throw ctx.errors.invalid(ResourceKind.DISK, diskName, "sizeGB",
                        newSizeGB + " GB is above the largest disk, " + DiskRequest.MAX_SIZE_GB + " GB");
            }
            if (disk.life.is(DiskStatus.CREATING) || disk.life.removing()) {
                throw ctx.errors.wrongState(ResourceKind.DISK, diskName, "is " + disk.life.status + "; cannot resize it now");
            }
            disk.sizeGB = newSizeGB;
            return disk.toRecord();
        });
    }
}
