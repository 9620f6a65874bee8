package io.multicloud.testkit;

import io.multicloud.api.Cloud;
import io.multicloud.api.Vm;
import io.multicloud.api.VmRequest;
import io.multicloud.api.VmStatus;
import io.multicloud.api.Vpc;
import io.multicloud.api.VpcRequest;
import io.multicloud.driver.mock.MockControl;
import java.time.Duration;

/** The small network most mock tests start from, and the VMs they put in it. */
final class Fixtures {
    /** Long enough for any mock transition in these tests (they take 20 ms); a wait ends as soon as the state is reached. */
    static final Duration WAIT = Duration.ofSeconds(10);

    private Fixtures() {
    }

    /** VPC {@code vpc-1} (10.0.0.0/16) with subnets {@code sn-1} (10.0.1.0/24) and {@code sn-2} (10.0.2.0/24). */
    static Vpc network(Cloud cloud) {
        return cloud.vpcs().create(VpcRequest.named("vpc-1").cidr("10.0.0.0/16")
                .subnet("sn-1", "10.0.1.0/24").subnet("sn-2", "10.0.2.0/24"));
    }

    /** A small Ubuntu VM in {@code vpc-1}/{@code sn-1}. */
    static VmRequest vm(String name) {
        return VmRequest.named(name).image("ubuntu-22.04").spec("m1.small").subnet("vpc-1", "sn-1");
    }

    /** Creates the VM (and the network, when there is none yet) and waits until it runs. */
    static Vm runningVm(Cloud cloud, String name) {
        if (cloud.vpcs().find("vpc-1").isEmpty()) {
            network(cloud);
        }
        cloud.vms().create(vm(name));
        return cloud.vms().waitUntil(name, VmStatus.RUNNING, WAIT);
    }

    /** The mock's control panel of the connection. */
    static MockControl control(Cloud cloud) {
        return cloud.unwrap(MockControl.class);
    }
}
