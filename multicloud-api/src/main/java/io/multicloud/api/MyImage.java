package io.multicloud.api;

import java.time.Instant;
import java.util.Map;

/**
 * A user's machine image, made from a VM (a snapshot).
 *
 * @param name the user's name
 * @param id the cloud's id
 * @param sourceVm the name of the VM it was made from
 * @param status its status
 * @param createdAt when it was made
 * @param tags its tags
 */
public record MyImage(String name, String id, String sourceVm, MyImageStatus status, Instant createdAt,
                      Map<String, String> tags) implements Tagged {
    public MyImage {
        tags = Map.copyOf(tags);
    }
}
