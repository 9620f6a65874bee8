package io.multicloud.api;

import java.util.Map;

/**
 * A data disk (block volume).
 *
 * @param name the user's name
 * @param id the cloud's id
 * @param zone its zone
 * @param sizeGB its size
 * @param type its type, in the cloud's terms (such as {@code gp3})
 * @param status its status
 * @param attachedTo the name of the VM it is attached to, or null
 * @param tags its tags
 */
public record Disk(String name, String id, String zone, int sizeGB, String type, DiskStatus status,
                   String attachedTo, Map<String, String> tags) implements Tagged {
    public Disk {
        tags = Map.copyOf(tags);
    }
}
