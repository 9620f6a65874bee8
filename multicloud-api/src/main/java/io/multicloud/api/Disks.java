package io.multicloud.api;

/** The data disks of a connection. */
public interface Disks extends Resources<Disk, DiskRequest> {
    /** Attaches the disk to a VM in the same zone. */
    Disk attach(String disk, String vm);

    /** Detaches the disk from its VM. */
    Disk detach(String disk);

    /** Grows the disk; disks never shrink. */
    Disk resize(String disk, int newSizeGB);
}
