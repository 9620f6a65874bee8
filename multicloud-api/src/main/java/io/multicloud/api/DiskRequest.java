package io.multicloud.api;

import java.util.Map;

/**
 * A data disk to create.
 *
 * @param name the disk's name
 * @param zone its zone, or null for the connection's
 * @param sizeGB its size
 * @param type its type in the cloud's terms, or null for the default
 * @param tags its tags
 */
public record DiskRequest(String name, String zone, int sizeGB, String type, Map<String, String> tags) implements CreateRequest, TaggedRequest<DiskRequest> {
    /** The largest disk a request may ask for. */
    public static final int MAX_SIZE_GB = 65536;

    public DiskRequest {
        Validate.name("disk name", name);
        if (sizeGB != 0) {
            Validate.range("disk size (GB)", sizeGB, 1, MAX_SIZE_GB);
        }
        tags = Validate.tags("disk tags", tags);
    }

    /** A request with only a name. */
    public static DiskRequest named(String name) {
        return new DiskRequest(name, null, 0, null, Map.of());
    }

    /** A copy with this size. */
    public DiskRequest sizeGB(int size) {
        Validate.range("disk size (GB)", size, 1, MAX_SIZE_GB);
        return new DiskRequest(name, zone, size, type, tags);
    }

    /** A copy with this type. */
    public DiskRequest type(String newType) {
        return new DiskRequest(name, zone, sizeGB, newType, tags);
    }

    /** A copy in this zone. */
    public DiskRequest zone(String newZone) {
        return new DiskRequest(name, newZone, sizeGB, type, tags);
    }

    /** A copy with one more tag. */
    public DiskRequest tag(String key, String value) {
        return new DiskRequest(name, zone, sizeGB, type, TagMaps.with(tags, key, value));
    }

    @Override
    public void requireComplete() {
        Validate.range("disk size (GB)", sizeGB, 1, MAX_SIZE_GB);
    }
}
