package io.multicloud.spi;

import io.multicloud.api.Disk;
import io.multicloud.api.DiskRequest;

/** Data disks. */
public interface DiskService extends ResourceService<Disk, DiskRequest> {
    Disk attach(String disk, String vm);

    Disk detach(String disk);

    Disk resize(String disk, int newSizeGB);
}
