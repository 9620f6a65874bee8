package io.multicloud.api;

/**
 * A public (cloud-provided) machine image.
 *
 * @param name the name a user gives in a VM request, such as {@code ubuntu-22.04}
 * @param id the cloud's own id, such as {@code ami-0abc...}
 * @param os the operating system, such as {@code Ubuntu}
 * @param osVersion its version, such as {@code 22.04}
 * @param platform Linux or Windows
 * @param architecture the CPU architecture it boots on
 * @param loginUser the default login user of the image
 * @param minDiskGB the smallest root disk it fits on
 */
public record Image(String name, String id, String os, String osVersion, Platform platform,
                    Architecture architecture, String loginUser, int minDiskGB) implements Named {
}
