package io.multicloud.testkit;

import io.multicloud.api.Cidr;
import java.time.Duration;
import java.util.Objects;

/**
 * What the conformance kit needs to know about a cloud to run on it: which image and spec to
 * boot, which address blocks to use, disk and load-balancer settings, and how long to wait.
 * Start from {@link #defaults()} (which suit the mock cloud) and change what differs:
 * <pre>{@code
 * ConformanceProfile.defaults().image("ami-0abcdef1234567890").spec("t3.micro")
 *         .vmTimeout(Duration.ofMinutes(10))
 * }</pre>
 *
 * @param image the image every test VM boots (small and Linux is best)
 * @param spec the spec of every test VM (the smallest that boots the image)
 * @param nodeGroupSpec the spec of Kubernetes node groups
 * @param vpcCidr the block of test VPCs
 * @param subnetCidr the block of the first subnet, inside {@code vpcCidr}
 * @param secondSubnetCidr the block of a second subnet, inside {@code vpcCidr}, not overlapping the first
 * @param diskType the data disk type, or null for the cloud's default
 * @param diskSizeGB the size of test data disks
 * @param grownDiskSizeGB the size a test disk is grown to, above {@code diskSizeGB}
 * @param nlbPort the port test load balancers listen on
 * @param vmPort the port test load balancers send to
 * @param clusterVersion the Kubernetes version of test clusters, or null for the cloud's default
 * @param importPublicKey an OpenSSH public key to import
 * @param vmTimeout how long a VM may take to reach a status
 * @param resourceTimeout how long any other resource may take to reach a status or go away
 */
public record ConformanceProfile(String image, String spec, String nodeGroupSpec, String vpcCidr, String subnetCidr,
                                 String secondSubnetCidr, String diskType, int diskSizeGB, int grownDiskSizeGB,
                                 int nlbPort, int vmPort, String clusterVersion, String importPublicKey,
                                 Duration vmTimeout, Duration resourceTimeout) {

    /** A public key made for the kit only; its private half was thrown away. */
    public static final String DEFAULT_PUBLIC_KEY = "ssh-ed25519 "
            + "AAAAC3NzaC1lZDI1NTE5AAAAIOxJc/O8zycV0i4OJzUq7nnmsiYfhvirf82He6XBCwsO multicloud-conformance";

    public ConformanceProfile {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(nodeGroupSpec, "nodeGroupSpec");
        Cidr vpc = Cidr.parse(vpcCidr);
        Cidr first = Cidr.parse(subnetCidr);
        Cidr second = Cidr.parse(secondSubnetCidr);
        if (!vpc.contains(first) || !vpc.contains(second) || first.overlaps(second)) {
            throw new IllegalArgumentException("both subnets must lie inside " + vpcCidr + " and not overlap: "
                    + subnetCidr + ", " + secondSubnetCidr);
        }
        if (diskSizeGB < 1 || grownDiskSizeGB <= diskSizeGB) {
            throw new IllegalArgumentException("disk sizes must be positive and grow: " + diskSizeGB + " -> " + grownDiskSizeGB);
        }
        Objects.requireNonNull(importPublicKey, "importPublicKey");
        Objects.requireNonNull(vmTimeout, "vmTimeout");
        Objects.requireNonNull(resourceTimeout, "resourceTimeout");
    }

    /** Settings that suit the mock cloud, and most clouds apart from image and spec names. */
    public static ConformanceProfile defaults() {
        return new ConformanceProfile("ubuntu-22.04", "m1.small", "m1.small", "10.42.0.0/16", "10.42.1.0/24",
                "10.42.2.0/24", null, 10, 20, 80, 8080, null, DEFAULT_PUBLIC_KEY,
                Duration.ofMinutes(5), Duration.ofMinutes(5));
    }

    /** A copy booting this image. */
    public ConformanceProfile image(String value) {
        return new ConformanceProfile(value, spec, nodeGroupSpec, vpcCidr, subnetCidr, secondSubnetCidr, diskType,
                diskSizeGB, grownDiskSizeGB, nlbPort, vmPort, clusterVersion, importPublicKey, vmTimeout, resourceTimeout);
    }

    /** A copy with this VM spec (node groups keep theirs). */
    public ConformanceProfile spec(String value) {
        return new ConformanceProfile(image, value, nodeGroupSpec, vpcCidr, subnetCidr, secondSubnetCidr, diskType,
                diskSizeGB, grownDiskSizeGB, nlbPort, vmPort, clusterVersion, importPublicKey, vmTimeout, resourceTimeout);
    }

    /** A copy with this node group spec. */
    public ConformanceProfile nodeGroupSpec(String value) {
        return new ConformanceProfile(image, spec, value, vpcCidr, subnetCidr, secondSubnetCidr, diskType,
                diskSizeGB, grownDiskSizeGB, nlbPort, vmPort, clusterVersion, importPublicKey, vmTimeout, resourceTimeout);
    }

    /** A copy with these address blocks. */
    public ConformanceProfile network(String vpc, String subnet, String secondSubnet) {
        return new ConformanceProfile(image, spec, nodeGroupSpec, vpc, subnet, secondSubnet, diskType,
                diskSizeGB, grownDiskSizeGB, nlbPort, vmPort, clusterVersion, importPublicKey, vmTimeout, resourceTimeout);
    }

    /** A copy with this disk type and these sizes. */
    public ConformanceProfile disk(String type, int sizeGB, int grownSizeGB) {
        return new ConformanceProfile(image, spec, nodeGroupSpec, vpcCidr, subnetCidr, secondSubnetCidr, type,
                sizeGB, grownSizeGB, nlbPort, vmPort, clusterVersion, importPublicKey, vmTimeout, resourceTimeout);
    }

    /** A copy with these load balancer ports. */
    public ConformanceProfile nlbPorts(int listenerPort, int targetPort) {
        return new ConformanceProfile(image, spec, nodeGroupSpec, vpcCidr, subnetCidr, secondSubnetCidr, diskType,
                diskSizeGB, grownDiskSizeGB, listenerPort, targetPort, clusterVersion, importPublicKey, vmTimeout, resourceTimeout);
    }

    /** A copy with this Kubernetes version. */
    public ConformanceProfile clusterVersion(String value) {
        return new ConformanceProfile(image, spec, nodeGroupSpec, vpcCidr, subnetCidr, secondSubnetCidr, diskType,
                diskSizeGB, grownDiskSizeGB, nlbPort, vmPort, value, importPublicKey, vmTimeout, resourceTimeout);
    }

    /** A copy importing this OpenSSH public key. */
    public ConformanceProfile importPublicKey(String value) {
        return new ConformanceProfile(image, spec, nodeGroupSpec, vpcCidr, subnetCidr, secondSubnetCidr, diskType,
                diskSizeGB, grownDiskSizeGB, nlbPort, vmPort, clusterVersion, value, vmTimeout, resourceTimeout);
    }

    /** A copy waiting this long for VMs. */
    public ConformanceProfile vmTimeout(Duration value) {
        return new ConformanceProfile(image, spec, nodeGroupSpec, vpcCidr, subnetCidr, secondSubnetCidr, diskType,
                diskSizeGB, grownDiskSizeGB, nlbPort, vmPort, clusterVersion, importPublicKey, value, resourceTimeout);
    }

    /** A copy waiting this long for other resources. */
    public ConformanceProfile resourceTimeout(Duration value) {
        return new ConformanceProfile(image, spec, nodeGroupSpec, vpcCidr, subnetCidr, secondSubnetCidr, diskType,
                diskSizeGB, grownDiskSizeGB, nlbPort, vmPort, clusterVersion, importPublicKey, vmTimeout, value);
    }
}
