package io.multicloud.driver.aws;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.ConflictException;
import io.multicloud.api.Disk;
import io.multicloud.api.DiskRequest;
import io.multicloud.api.DiskStatus;
import io.multicloud.api.ErrorContext;
import io.multicloud.api.ResourceKind;
import io.multicloud.spi.DiskService;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeAttachmentState;
import software.amazon.awssdk.services.ec2.model.VolumeState;

/**
 * Disks as EBS volumes: every volume of the region, root volumes of VMs included (attached to
 * their VM), named by their {@code Name} tag, else their id ({@link AwsNames}). A disk is created in the request's zone, else the connection's, else the
 * region's first zone; it attaches on the first free device of /dev/sdf../dev/sdp.
 * Status: creating → CREATING, available → AVAILABLE, in-use → ATTACHED, deleting → DELETING,
 * error → FAILED.
 */
final class AwsDisks implements DiskService {
    private static final ResourceKind KIND = ResourceKind.DISK;
    private static final String DEFAULT_TYPE = "gp3";

    private final AwsContext ctx;
    private final Ec2Lookups lookups;

    AwsDisks(AwsContext ctx) {
        this.ctx = ctx;
        this.lookups = new Ec2Lookups(ctx);
    }

    private Ec2Client ec2() {
        return ctx.clients().ec2();
    }

    @Override
    public List<Disk> list() {
        List<Volume> volumes = lookups.volumes();
        Map<String, String> vms = lookups.instanceNames(volumes.stream().flatMap(v -> v.attachments().stream())
                .map(a -> a.instanceId()).filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.toSet()));
        return volumes.stream().map(v -> toRecord(v, vms)).sorted(Comparator.comparing(Disk::name)).toList();
    }

    @Override
    public Optional<Disk> find(String name) {
        return volume(name).map(this::toRecord);
    }

    /** The volume of this name or id. */
    Optional<Volume> volume(String nameOrId) {
        if (AwsNames.valid(nameOrId)) {
            Optional<Volume> named = lookups.volumes(Ec2Tags.named(nameOrId)).stream()
                    .filter(v -> nameOrId.equals(Ec2Lookups.name(v))).findFirst();
            if (named.isPresent()) {
                return named;
            }
        }
        return nameOrId.startsWith("vol-") ? lookups.volumes(Ec2Tags.filter("volume-id", nameOrId)).stream().findFirst()
                : Optional.empty();
    }

    private Volume require(String name) {
        return volume(name).orElseThrow(() -> lookups.notFound(KIND, name, "no volume has this name or id"));
    }

    @Override
    public Disk create(DiskRequest request) {
        String name = request.name();
        if (volume(name).isPresent()) {
            throw new AlreadyExistsException(context(name), "a volume of this name exists");
        }
        String zone = request.zone() != null ? request.zone() : ctx.defaultZone() != null ? ctx.defaultZone() : firstZone();
        String type = request.type() != null ? request.type() : DEFAULT_TYPE;
        Volume created = ctx.errors().call(KIND, name, () -> {
            var v = ec2().createVolume(r -> r.availabilityZone(zone).size(request.sizeGB()).volumeType(type)
                    .tagSpecifications(Ec2Tags.spec(ResourceType.VOLUME, name, request.tags())));
            return Volume.builder().volumeId(v.volumeId()).availabilityZone(v.availabilityZone()).size(v.size())
                    .volumeType(v.volumeType()).state(v.state()).tags(v.tags()).build();
        });
        return toRecord(created);
    }

    private String firstZone() {
        return ctx.errors().call(ResourceKind.ZONE, null, () -> ec2().describeAvailabilityZones().availabilityZones())
                .stream().map(z -> z.zoneName()).sorted().findFirst()
                .orElseThrow(() -> new ConflictException(context(null), "the region has no availability zone"));
    }

    @Override
    public void delete(String name) {
        Volume v = require(name);
        if (!v.attachments().isEmpty()) {
            throw new ConflictException(context(name), "the disk is attached to a VM; detach it first");
        }
        ctx.errors().run(KIND, name, () -> ec2().deleteVolume(r -> r.volumeId(v.volumeId())));
    }

    @Override
    public Disk attach(String disk, String vm) {
        Volume v = require(disk);
        if (!v.attachments().isEmpty()) {
            throw new ConflictException(context(disk), "the disk is attached already");
        }
        var instance = lookups.requireInstance(vm);
        Set<String> used = new HashSet<>();
        instance.blockDeviceMappings().forEach(m -> used.add(letter(m.deviceName())));
        String device = null;
        for (char c = 'f'; c <= 'p' && device == null; c++) {
            if (!used.contains(String.valueOf(c))) {
                device = "/dev/sd" + c;
            }
        }
        if (device == null) {
            throw new ConflictException(context(disk), "VM '" + vm + "' has no free device name left");
        }
        String chosen = device;
        ctx.errors().run(KIND, disk, () -> ec2().attachVolume(r -> r.volumeId(v.volumeId())
                .instanceId(instance.instanceId()).device(chosen)));
        return toRecord(require(disk));
    }

    /** The letter that tells devices apart: /dev/sdf and /dev/xvdf are the same slot. */
    private static String letter(String device) {
        if (device == null || device.isEmpty()) {
            return "";
        }
        String base = device.replaceAll("\\d+$", "");
        return base.substring(base.length() - 1);
    }

    @Override
    public Disk detach(String disk) {
        Volume v = require(disk);
        if (v.attachments().isEmpty()) {
            throw new ConflictException(context(disk), "the disk is not attached");
        }
        var attachment = v.attachments().getFirst();
        // Instance and device named too: moto answers 500 to a detach naming the volume only.
        ctx.errors().run(KIND, disk, () -> ec2().detachVolume(r -> r.volumeId(v.volumeId())
                .instanceId(attachment.instanceId()).device(attachment.device())));
        return toRecord(require(disk));
    }

    @Override
    public Disk resize(String disk, int newSizeGB) {
        Volume v = require(disk);
        ctx.errors().run(KIND, disk, () -> ec2().modifyVolume(r -> r.volumeId(v.volumeId()).size(newSizeGB)));
        return toRecord(require(disk));
    }

    static DiskStatus status(VolumeState state) {
        if (state == null) {
            return DiskStatus.FAILED;
        }
        return switch (state) {
            case CREATING -> DiskStatus.CREATING;
            case AVAILABLE -> DiskStatus.AVAILABLE;
            case IN_USE -> DiskStatus.ATTACHED;
            case DELETING, DELETED -> DiskStatus.DELETING;
            default -> DiskStatus.FAILED;
        };
    }

    private Disk toRecord(Volume v) {
        return toRecord(v, lookups.instanceNames(v.attachments().stream().map(a -> a.instanceId())
                .filter(java.util.Objects::nonNull).toList()));
    }

    private Disk toRecord(Volume v, Map<String, String> vms) {
        String attachedTo = v.attachments().stream()
                .filter(a -> a.state() == VolumeAttachmentState.ATTACHED || a.state() == VolumeAttachmentState.ATTACHING)
                .filter(a -> a.instanceId() != null).map(a -> vms.getOrDefault(a.instanceId(), a.instanceId()))
                .findFirst().orElse(null);
        return new Disk(Ec2Lookups.name(v), v.volumeId(), v.availabilityZone(),
                v.size() == null ? 0 : v.size(), v.volumeTypeAsString(), status(v.state()), attachedTo, Ec2Tags.user(v.tags()));
    }

    private ErrorContext context(String name) {
        return ErrorContext.of(ctx.config().name(), KIND, name);
    }
}
