package io.multicloud.driver.mock.ssh;

import io.multicloud.api.Cloud;
import io.multicloud.api.KeyPair;
import io.multicloud.api.Protocol;
import io.multicloud.api.SecurityGroupRequest;
import io.multicloud.api.Vm;
import io.multicloud.api.VmRequest;
import io.multicloud.api.VmStatus;
import io.multicloud.api.VpcRequest;
import java.time.Duration;

/** The network, key pair and VMs the SSH tests log in to. */
final class SshVms {
    static final Duration WAIT = Duration.ofSeconds(10);

    private SshVms() {
    }

    /** VPC {@code vpc} with subnet {@code <vpc>-sn} on the given /16 (its x.y.1.0/24), a security group allowing SSH. */
    static void network(Cloud cloud, String vpc, String cidr16) {
        String prefix = cidr16.substring(0, cidr16.lastIndexOf('.', cidr16.lastIndexOf('.') - 1));
        cloud.vpcs().create(VpcRequest.named(vpc).cidr(cidr16).subnet(vpc + "-sn", prefix + ".1.0/24"));
        cloud.securityGroups().create(SecurityGroupRequest.named(vpc + "-sg").vpc(vpc).allowInbound(Protocol.TCP, 22));
    }

    /** {@code vpc-1} on 10.0.0.0/16 and a key pair {@code key-1}, returned with its private key. */
    static KeyPair networkAndKey(Cloud cloud) {
        network(cloud, "vpc-1", "10.0.0.0/16");
        return cloud.keyPairs().create("key-1");
    }

    static VmRequest request(String name, String vpc, KeyPair key) {
        VmRequest request = VmRequest.named(name).image("ubuntu-22.04").spec("t1.micro").subnet(vpc, vpc + "-sn")
                .securityGroups(vpc + "-sg");
        return key == null ? request : request.keyPair(key.name());
    }

    /** A VM with a public IP in {@code vpc-1}, once running. */
    static Vm running(Cloud cloud, String name, KeyPair key) {
        return running(cloud, request(name, "vpc-1", key));
    }

    static Vm running(Cloud cloud, VmRequest request) {
        cloud.vms().create(request);
        return cloud.vms().waitUntil(request.name(), VmStatus.RUNNING, WAIT);
    }
}
