package io.multicloud.core.cloud;

import io.multicloud.api.Capability;
import io.multicloud.api.Disk;
import io.multicloud.api.DiskRequest;
import io.multicloud.api.Disks;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Validate;
import io.multicloud.spi.DiskService;
import java.util.function.Supplier;

/** Data disks: attach, detach and grow. */
final class DiskCollection extends ResourceCollection<Disk, DiskRequest, DiskService> implements Disks {

    DiskCollection(CloudContext context, Supplier<DiskService> service) {
        super(context, ResourceKind.DISK, service);
    }

    @Override
    public Disk attach(String disk, String vm) {
        return service().attach(Validate.notBlank("disk name", disk), Validate.notBlank("vm name", vm));
    }

    @Override
    public Disk detach(String disk) {
        return service().detach(Validate.notBlank("disk name", disk));
    }

    @Override
    public Disk resize(String disk, int newSizeGB) {
        context.require(Capability.DISK_RESIZE);
        Validate.range("disk size (GB)", newSizeGB, 1, DiskRequest.MAX_SIZE_GB);
        Disk current = get(Validate.notBlank("disk name", disk));
        if (newSizeGB <= current.sizeGB()) {
            throw new InvalidRequestException(context.error(ResourceKind.DISK, disk), "disk size (GB)",
                    "disks only grow: " + newSizeGB + " is not above the current " + current.sizeGB());
        }
        return service().resize(disk, newSizeGB);
    }
}
