package io.multicloud.driver.gcp;

import com.google.cloud.compute.v1.AggregatedListDisksRequest;
import com.google.cloud.compute.v1.AttachDiskInstanceRequest;
import com.google.cloud.compute.v1.AttachedDisk;
import com.google.cloud.compute.v1.DeleteDiskRequest;
import com.google.cloud.compute.v1.DetachDiskInstanceRequest;
import com.google.cloud.compute.v1.DisksResizeRequest;
import com.google.cloud.compute.v1.GetInstanceRequest;
import com.google.cloud.compute.v1.InsertDiskRequest;
import com.google.cloud.compute.v1.Instance;
import com.google.cloud.compute.v1.ResizeDiskRequest;
import io.multicloud.api.ConflictException;
import io.multicloud.api.Disk;
import io.multicloud.api.DiskRequest;
import io.multicloud.api.DiskStatus;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.ResourceKind;
import io.multicloud.spi.DiskService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Persistent disks of the connection's region's zones (boot disks included). Status: CREATING,
 * RESTORING → CREATING; READY → AVAILABLE, or ATTACHED while an instance uses it; DELETING;
 * FAILED. The type defaults to {@code pd-balanced}. Tags are kept exactly in the project store
 * and mirrored as labels. Attach adds the disk to the VM (device name = the disk's name, kept on
 * delete of the VM); a disk in use cannot be deleted (ConflictException, GCE's
 * {@code resourceInUseByAnotherResource}).
 */
final class GcpDisks implements DiskService {
    private static final ResourceKind KIND = ResourceKind.DISK;
    private final GcpContext ctx;
    private final GcpProjectStore store;
    private final GcpVms vms;

    GcpDisks(GcpContext ctx, GcpVms vms) {
        this.ctx = ctx;
        this.store = new GcpProjectStore(ctx);
        this.vms = vms;
    }

    @Override
    public List<Disk> list() {
        Map<String, String> items = store.items();
        return disks(null).stream().map(d -> toRecord(d, items)).sorted(Comparator.comparing(Disk::name)).toList();
    }

    @Override
    public Optional<Disk> find(String nameOrId) {
        return disk(nameOrId).map(d -> toRecord(d, store.items()));
    }

    private List<com.google.cloud.compute.v1.Disk> disks(String filter) {
        List<com.google.cloud.compute.v1.Disk> out = new ArrayList<>();
        AggregatedListDisksRequest.Builder request = AggregatedListDisksRequest.newBuilder().setProject(ctx.project()).setMaxResults(500);
        if (filter != null) {
            request.setFilter(filter);
        }
        String prefix = "zones/" + ctx.region() + "-";
        ctx.errors().run(KIND, null, () -> ctx.clients().disks.get().aggregatedList(request.build()).iterateAll().forEach(e -> {
            if (e.getKey().startsWith(prefix)) {
                out.addAll(e.getValue().getDisksList());
            }
        }));
        return out;
    }

    private Optional<com.google.cloud.compute.v1.Disk> disk(String nameOrId) {
        if (!nameOrId.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
            return Optional.empty();
        }
        return disks((nameOrId.matches("\\d+") ? "id" : "name") + " = \"" + nameOrId + "\"").stream().findFirst();
    }

    private com.google.cloud.compute.v1.Disk require(String name) {
        return disk(name).orElseThrow(() -> new NotFoundException(ctx.error(KIND, name), "no disk of this name in " + ctx.region()));
    }

    private Disk toRecord(com.google.cloud.compute.v1.Disk d, Map<String, String> items) {
        DiskStatus status = switch (d.getStatus()) {
            case "READY" -> d.getUsersCount() > 0 ? DiskStatus.ATTACHED : DiskStatus.AVAILABLE;
            case "DELETING" -> DiskStatus.DELETING;
            case "FAILED" -> DiskStatus.FAILED;
            default -> DiskStatus.CREATING;
        };
        String key = GcpProjectStore.tagsKey(KIND, d.getName());
        return new Disk(d.getName(), Long.toUnsignedString(d.getId()), GcpContext.last(d.getZone()), (int) d.getSizeGb(),
                GcpContext.last(d.getType()), status, d.getUsersCount() > 0 ? GcpContext.last(d.getUsers(0)) : null,
                items.containsKey(key) ? GcpLabels.parse(items.get(key)) : d.getLabelsMap());
    }

    @Override
    public Disk create(DiskRequest request) {
        String name = request.name();
        String zone = request.zone() != null ? request.zone() : ctx.zone();
        String type = request.type() != null ? request.type() : GcpVms.DEFAULT_DISK_TYPE;
        com.google.cloud.compute.v1.Disk disk = com.google.cloud.compute.v1.Disk.newBuilder().setName(name).setSizeGb(request.sizeGB())
                .setType("zones/" + zone + "/diskTypes/" + type).putAllLabels(GcpLabels.labels(request.tags())).build();
        ctx.operations().await(KIND, name, () -> ctx.clients().disks.get().insertAsync(InsertDiskRequest.newBuilder()
                .setProject(ctx.project()).setZone(zone).setDiskResource(disk).setRequestId(GcpOperations.requestId()).build()));
        if (!request.tags().isEmpty()) {
            store.update(KIND, name, items -> {
                items.put(GcpProjectStore.tagsKey(KIND, name), GcpLabels.json(request.tags()));
                return items;
            });
        }
        return find(name).orElseThrow(() -> new NotFoundException(ctx.error(KIND, name), "the disk is gone right after its creation"));
    }

    @Override
    public void delete(String name) {
        com.google.cloud.compute.v1.Disk d = require(name);
        if (d.getUsersCount() > 0) {
            throw new ConflictException(ctx.error(KIND, name), "the disk is attached to '" + GcpContext.last(d.getUsers(0)) + "'");
        }
        ctx.operations().start(KIND, name, () -> ctx.clients().disks.get().deleteAsync(DeleteDiskRequest.newBuilder()
                .setProject(ctx.project()).setZone(GcpContext.last(d.getZone())).setDisk(name).setRequestId(GcpOperations.requestId()).build()));
        String key = GcpProjectStore.tagsKey(KIND, name);
        if (store.items().containsKey(key)) {
            store.update(KIND, name, items -> {
                items.remove(key);
                return items;
            });
        }
    }

    @Override
    public Disk attach(String disk, String vm) {
        com.google.cloud.compute.v1.Disk d = require(disk);
        Instance i = vms.require(vm);
        ctx.operations().await(KIND, disk, () -> ctx.clients().instances.get().attachDiskAsync(AttachDiskInstanceRequest.newBuilder()
                .setProject(ctx.project()).setZone(GcpContext.last(i.getZone())).setInstance(vm)
                .setAttachedDiskResource(AttachedDisk.newBuilder().setSource(d.getSelfLink()).setDeviceName(disk).setAutoDelete(false))
                .setRequestId(GcpOperations.requestId()).build()));
        return find(disk).orElseThrow();
    }

    @Override
    public Disk detach(String disk) {
        com.google.cloud.compute.v1.Disk d = require(disk);
        if (d.getUsersCount() == 0) {
            return find(disk).orElseThrow();
        }
        String zone = GcpContext.last(d.getZone());
        String vm = GcpContext.last(d.getUsers(0));
        Instance i = ctx.errors().call(ResourceKind.VM, vm, () -> ctx.clients().instances.get().get(GetInstanceRequest.newBuilder()
                .setProject(ctx.project()).setZone(zone).setInstance(vm).build()));
        String device = i.getDisksList().stream().filter(a -> GcpContext.last(a.getSource()).equals(disk)).map(AttachedDisk::getDeviceName)
                .findFirst().orElseThrow(() -> new NotFoundException(ctx.error(KIND, disk), "VM '" + vm + "' does not show the disk"));
        ctx.operations().await(KIND, disk, () -> ctx.clients().instances.get().detachDiskAsync(DetachDiskInstanceRequest.newBuilder()
                .setProject(ctx.project()).setZone(zone).setInstance(vm).setDeviceName(device).setRequestId(GcpOperations.requestId()).build()));
        return find(disk).orElseThrow();
    }

    @Override
    public Disk resize(String disk, int newSizeGB) {
        com.google.cloud.compute.v1.Disk d = require(disk);
        ctx.operations().await(KIND, disk, () -> ctx.clients().disks.get().resizeAsync(ResizeDiskRequest.newBuilder()
                .setProject(ctx.project()).setZone(GcpContext.last(d.getZone())).setDisk(disk)
                .setDisksResizeRequestResource(DisksResizeRequest.newBuilder().setSizeGb(newSizeGB)).setRequestId(GcpOperations.requestId()).build()));
        return find(disk).orElseThrow();
    }
}
