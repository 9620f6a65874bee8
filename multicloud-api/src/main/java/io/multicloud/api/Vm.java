package io.multicloud.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A virtual machine.
 *
 * @param name the user's name
 * @param id the cloud's id
 * @param status its status
 * @param statusReason why it is in that status when the cloud says (a FAILED VM's fault message), or null
 * @param region its region
 * @param zone its zone
 * @param spec the spec it runs on
 * @param image the image it was created from
 * @param vpc its VPC's name
 * @param subnet its subnet's name
 * @param securityGroups the names of its security groups
 * @param keyPair its key pair's name, or null
 * @param publicIp its public IP, or null
 * @param privateIp its private IP
 * @param ssh where to log in; null until the VM has an address
 * @param rootDiskGB root disk size
 * @param rootDiskType root disk type, in the cloud's terms
 * @param createdAt when it was created
 * @param tags its tags
 */
public record Vm(String name, String id, VmStatus status, String statusReason, String region, String zone, String spec, String image,
                 String vpc, String subnet, List<String> securityGroups, String keyPair,
                 String publicIp, String privateIp, SshAccess ssh, int rootDiskGB, String rootDiskType,
                 Instant createdAt, Map<String, String> tags) implements Tagged {
    public Vm {
        securityGroups = List.copyOf(securityGroups);
        tags = Map.copyOf(tags);
    }

    /** The login user, or null when unknown. */
    public String loginUser() {
        return ssh == null ? null : ssh.user();
    }

    /** A copy with another status. */
    public Vm withStatus(VmStatus newStatus) {
        return new Vm(name, id, newStatus, statusReason, region, zone, spec, image, vpc, subnet, securityGroups, keyPair,
                publicIp, privateIp, ssh, rootDiskGB, rootDiskType, createdAt, tags);
    }
}
