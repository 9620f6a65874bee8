package io.multicloud.api;

/**
 * A group of identical worker nodes in a Kubernetes cluster.
 *
 * @param name the user's name
 * @param id the cloud's id
 * @param spec the nodes' spec
 * @param image the nodes' image, or null for the cloud's default
 * @param minSize the least number of nodes
 * @param maxSize the most nodes
 * @param desiredSize the number wanted now
 * @param status its status
 * @param keyPair the key pair on the nodes, or null
 * @param rootDiskGB the nodes' root disk size
 */
public record NodeGroup(String name, String id, String spec, String image, int minSize, int maxSize,
                        int desiredSize, ClusterStatus status, String keyPair, int rootDiskGB) implements Named {
}
