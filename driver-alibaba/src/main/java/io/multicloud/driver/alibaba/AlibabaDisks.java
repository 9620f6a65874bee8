package io.multicloud.driver.alibaba;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.Disk;
import io.multicloud.api.DiskRequest;
import io.multicloud.api.DiskStatus;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.ResourceKind;
import io.multicloud.spi.DiskService;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Data disks (pay-as-you-go cloud disks, {@code cloud_essd} unless the request names a
 * category). Status: Creating → CREATING, Available → AVAILABLE, Attaching, In_use and
 * Detaching → ATTACHED. A disk lies in one zone: the request's, else the connection's, else the
 * region's first. Resize is ResizeDisk {@code online} for an attached disk, {@code offline}
 * otherwise. System disks belong to their VM and are not listed here.
 */
final class AlibabaDisks implements DiskService {
    private static final ResourceKind KIND = ResourceKind.DISK;
    static final String DEFAULT_CATEGORY = "cloud_essd";
    private final AlibabaContext ctx;
    private final AlibabaZones zones;
    private final AlibabaVms vms;

    AlibabaDisks(AlibabaContext ctx, AlibabaZones zones, AlibabaVms vms) {
        this.ctx = ctx;
        this.zones = zones;
        this.vms = vms;
    }

    private com.aliyun.ecs20140526.Client ecs() {
        return ctx.clients().ecs();
    }

    private record RawDisk(String id, String name, String zone, int size, String category, String status, String instanceId,
                           Map<String, String> cloudTags) {
    }

    private List<RawDisk> describe(String name, String id) {
        return AlibabaContext.allByToken(token -> {
            var req = new com.aliyun.ecs20140526.models.DescribeDisksRequest().setRegionId(ctx.region()).setDiskType("data")
                    .setMaxResults(AlibabaContext.MAX_RESULTS).setNextToken(token).setDiskName(name)
                    .setDiskIds(id == null ? null : "[\"" + id + "\"]");
            var body = ctx.call(KIND, name, () -> ecs().describeDisks(req).getBody());
            List<RawDisk> items = body.getDisks() == null || body.getDisks().getDisk() == null ? List.of()
                    : body.getDisks().getDisk().stream().map(d -> {
                Map<String, String> t = new HashMap<>();
                if (d.getTags() != null && d.getTags().getTag() != null) {
                    d.getTags().getTag().forEach(x -> t.put(x.getTagKey(), x.getTagValue() == null ? "" : x.getTagValue()));
                }
                return new RawDisk(d.getDiskId(), d.getDiskName(), d.getZoneId(), d.getSize() == null ? 0 : d.getSize(),
                        d.getCategory(), d.getStatus(), d.getInstanceId() == null || d.getInstanceId().isEmpty() ? null : d.getInstanceId(), t);
            }).toList();
            return new AlibabaContext.Page<>(items, body.getNextToken());
        });
    }

    private Optional<RawDisk> raw(String nameOrId) {
        if (AlibabaNames.looksLikeId(nameOrId, "d-")) {
            Optional<RawDisk> byId = describe(null, nameOrId).stream().filter(d -> d.id().equals(nameOrId)).findFirst();
            if (byId.isPresent()) {
                return byId;
            }
        }
        return describe(nameOrId, null).stream().filter(d -> nameOrId.equals(d.name())).findFirst();
    }

    private RawDisk require(String name) {
        return raw(name).orElseThrow(() -> new NotFoundException(ctx.error(KIND, name), "no disk of this name"));
    }

    @Override
    public List<Disk> list() {
        List<RawDisk> disks = describe(null, null);
        Set<String> instances = disks.stream().map(RawDisk::instanceId).filter(i -> i != null).collect(Collectors.toSet());
        Map<String, String> names = instances.isEmpty() ? Map.of() : vms.namesOf(instances);
        return disks.stream().map(d -> toRecord(d, names)).sorted(Comparator.comparing(Disk::name)).toList();
    }

    @Override
    public Optional<Disk> find(String nameOrId) {
        return raw(nameOrId).map(d -> toRecord(d, d.instanceId() == null ? Map.of() : vms.namesOf(List.of(d.instanceId()))));
    }

    private static Disk toRecord(RawDisk d, Map<String, String> vmNames) {
        DiskStatus status = switch (d.status() == null ? "" : d.status()) {
            case "Creating" -> DiskStatus.CREATING;
            case "Available" -> DiskStatus.AVAILABLE;
            case "In_use", "Attaching", "Detaching" -> DiskStatus.ATTACHED;
            default -> DiskStatus.FAILED;
        };
        String attached = status == DiskStatus.ATTACHED && d.instanceId() != null ? vmNames.getOrDefault(d.instanceId(), d.instanceId()) : null;
        return new Disk(AlibabaNames.of(d.name(), d.id()), d.id(), d.zone(), d.size(), d.category(), status, attached,
                AlibabaTags.decode(d.cloudTags()));
    }

    @Override
    public Disk create(DiskRequest request) {
        String name = request.name();
        if (!describe(name, null).isEmpty()) {
            throw new AlreadyExistsException(ctx.error(KIND, name), "a disk of this name exists");
        }
        List<com.aliyun.ecs20140526.models.CreateDiskRequest.CreateDiskRequestTag> tags = new ArrayList<>();
        AlibabaTags.encode(request.tags()).forEach((k, v) -> tags.add(new com.aliyun.ecs20140526.models.CreateDiskRequest.CreateDiskRequestTag().setKey(k).setValue(v)));
        String zone = zones.pick(request.zone());
        String id = ctx.call(KIND, name, () -> ecs().createDisk(new com.aliyun.ecs20140526.models.CreateDiskRequest()
                .setRegionId(ctx.region()).setZoneId(zone).setDiskName(name).setSize(request.sizeGB())
                .setDiskCategory(request.type() == null ? DEFAULT_CATEGORY : request.type()).setTag(tags.isEmpty() ? null : tags)
                .setClientToken(AlibabaContext.token(null))).getBody().getDiskId());
        return find(id).orElseThrow(() -> new NotFoundException(ctx.error(KIND, name), "the new disk is not listed"));
    }

    @Override
    public void delete(String name) {
        RawDisk d = require(name);
        ctx.call(KIND, name, () -> ecs().deleteDisk(new com.aliyun.ecs20140526.models.DeleteDiskRequest().setDiskId(d.id())));
    }

    @Override
    public Disk attach(String disk, String vm) {
        RawDisk d = require(disk);
        String instance = vms.find(vm).filter(v -> v.id() != null).map(v -> v.id())
                .orElseThrow(() -> new NotFoundException(ctx.error(ResourceKind.VM, vm), "no instance of this name"));
        ctx.call(KIND, disk, () -> ecs().attachDisk(new com.aliyun.ecs20140526.models.AttachDiskRequest()
                .setDiskId(d.id()).setInstanceId(instance)));
        return find(d.id()).orElseThrow();
    }

    @Override
    public Disk detach(String disk) {
        RawDisk d = require(disk);
        if (d.instanceId() == null) {
            return find(d.id()).orElseThrow();
        }
        ctx.call(KIND, disk, () -> ecs().detachDisk(new com.aliyun.ecs20140526.models.DetachDiskRequest()
                .setDiskId(d.id()).setInstanceId(d.instanceId())));
        return find(d.id()).orElseThrow();
    }

    @Override
    public Disk resize(String disk, int newSizeGB) {
        RawDisk d = require(disk);
        ctx.call(KIND, disk, () -> ecs().resizeDisk(new com.aliyun.ecs20140526.models.ResizeDiskRequest().setDiskId(d.id())
                .setNewSize(newSizeGB).setType(d.instanceId() == null ? "offline" : "online")
                .setClientToken(AlibabaContext.token(null))));
        return find(d.id()).orElseThrow();
    }
}
