package io.multicloud.driver.mock;

import java.util.Objects;

/**
 * A mock VM as an SSH server needs to know it: where it lives (account, region, VPC, subnet),
 * who it is, its addresses, and who may log in.
 *
 * @param account       the mock account
 * @param region        the region
 * @param vpc           the VPC's name
 * @param subnet        the subnet's name
 * @param name          the VM's name
 * @param id            the VM's cloud id
 * @param publicIp      the mock's public IP, or null when the VM has none (then it is reached through a bastion)
 * @param privateIp     the private IP in the subnet
 * @param loginUser     the image's login user
 * @param authorizedKey the OpenSSH public key of the VM's key pair, or null when the VM was created without one
 */
public record MockSshVm(String account, String region, String vpc, String subnet, String name, String id,
                        String publicIp, String privateIp, String loginUser, String authorizedKey) {
    /** Checks that everything but the public IP and the key is there. */
    public MockSshVm {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(vpc, "vpc");
        Objects.requireNonNull(subnet, "subnet");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(privateIp, "privateIp");
        Objects.requireNonNull(loginUser, "loginUser");
    }
}
