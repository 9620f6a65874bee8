package com.example;

import io.multicloud.api.Cloud;
import io.multicloud.api.KeyPair;
import io.multicloud.api.Protocol;
import io.multicloud.api.SecurityGroupRequest;
import io.multicloud.api.Vm;
import io.multicloud.api.VmRequest;
import io.multicloud.api.VmStatus;
import io.multicloud.api.VpcRequest;
import io.multicloud.core.MultiCloud;
import java.time.Duration;

/**
 * A web server VM and the network it needs, on any cloud: the mock here; change the connection
 * line to {@code mc.connect("aws", "us-east-2")} (with driver-aws on the class path) for AWS.
 */
public final class App {
    private App() {
    }

    public static void main(String[] args) {
        try (MultiCloud mc = MultiCloud.create()) {
            Cloud cloud = mc.connect("mock", "mars");
            Vm vm = launchWebServer(cloud, "web-1");
            System.out.println("running: " + vm.name() + " at " + vm.publicIp() + " (" + vm.spec() + ", " + vm.image() + ")");
            tearDown(cloud, "web-1");
            System.out.println("deleted: " + cloud.vms().list().size() + " VMs left");
        }
    }

    /** Makes the network (once), then a VM in it, and returns the VM once it runs. */
    static Vm launchWebServer(Cloud cloud, String name) {
        if (cloud.vpcs().find("app-vpc").isEmpty()) {
            cloud.vpcs().create(VpcRequest.named("app-vpc").cidr("10.0.0.0/16").subnet("app-sn", "10.0.1.0/24"));
            cloud.securityGroups().create(SecurityGroupRequest.named("app-web").vpc("app-vpc")
                    .allowInbound(Protocol.TCP, 22).allowInbound(Protocol.TCP, 80));
        }
        KeyPair key = cloud.keyPairs().create(name + "-key");   // its private key is in this result only
        cloud.vms().create(VmRequest.named(name).image("ubuntu-22.04").spec("m1.small")
                .subnet("app-vpc", "app-sn").securityGroups("app-web").keyPair(key));
        return cloud.vms().waitUntil(name, VmStatus.RUNNING, Duration.ofMinutes(5));
    }

    /** Deletes the VM and its key pair, and the network once no VM is left. */
    static void tearDown(Cloud cloud, String name) {
        cloud.vms().delete(name);
        cloud.keyPairs().delete(name + "-key");
        if (cloud.vms().list().isEmpty()) {
            cloud.securityGroups().delete("app-web");
            cloud.vpcs().delete("app-vpc");
        }
    }
}
