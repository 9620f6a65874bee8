package io.multicloud.api;

/** What a driver may offer. A driver declares its set in {@link Capabilities}. */
public enum Capability {
    REGIONS, IMAGES, SPECS, PRICES,
    VPCS, SECURITY_GROUPS, KEY_PAIRS, KEY_PAIR_IMPORT,
    VMS, VM_SUSPEND, DISKS, DISK_RESIZE, MY_IMAGES, NLBS, CLUSTERS, TAGS, ANY_CALL
}
