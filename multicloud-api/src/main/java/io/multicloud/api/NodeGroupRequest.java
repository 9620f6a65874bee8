package io.multicloud.api;

/**
 * A node group to add to a Kubernetes cluster.
 *
 * @param name the node group's name
 * @param spec the nodes' spec
 * @param image the nodes' image, or null for the cloud's default
 * @param minSize the least number of nodes
 * @param maxSize the most nodes
 * @param desiredSize the number wanted now
 * @param keyPair a key pair for the nodes, or null
 * @param rootDiskGB the root disk size, 0 for the default
 */
public record NodeGroupRequest(String name, String spec, String image, int minSize, int maxSize, int desiredSize,
                               String keyPair, int rootDiskGB) implements CreateRequest {
    public NodeGroupRequest {
        Validate.name("node group name", name);
        checkSizes(minSize, maxSize, desiredSize);
        if (keyPair != null) {
            Validate.name("key pair", keyPair);
        }
        if (rootDiskGB != 0) {
            Validate.range("root disk size (GB)", rootDiskGB, 1, VmRequest.MAX_ROOT_DISK_GB);
        }
    }

    /** Checks min ≤ desired ≤ max, none negative, max at least 1. */
    public static void checkSizes(int min, int max, int desired) {
        Validate.range("node group min size", min, 0, 1000);
        Validate.range("node group max size", max, 1, 1000);
        if (min > max) {
            throw new InvalidRequestException("node group min size", min + " is above the max size " + max);
        }
        if (desired < min || desired > max) {
            throw new InvalidRequestException("node group desired size", desired + " is not within " + min + ".." + max);
        }
    }

    /** A node group of this spec and size (min = desired = max = size). */
    public static NodeGroupRequest of(String name, String spec, int size) {
        return new NodeGroupRequest(name, spec, null, size, Math.max(size, 1), size, null, 0);
    }

    /** A copy with these sizes. */
    public NodeGroupRequest sizes(int min, int max, int desired) {
        return new NodeGroupRequest(name, spec, image, min, max, desired, keyPair, rootDiskGB);
    }

    /** A copy with this image. */
    public NodeGroupRequest image(String newImage) {
        return new NodeGroupRequest(name, spec, newImage, minSize, maxSize, desiredSize, keyPair, rootDiskGB);
    }

    /** A copy with this key pair. */
    public NodeGroupRequest keyPair(String keyPairName) {
        return new NodeGroupRequest(name, spec, image, minSize, maxSize, desiredSize, keyPairName, rootDiskGB);
    }

    @Override
    public void requireComplete() {
        Validate.notBlank("node group spec", spec);
    }
}
