package io.multicloud.driver.azure;

import io.multicloud.api.Cloud;
import io.multicloud.api.Protocol;
import io.multicloud.api.SecurityGroupRequest;
import io.multicloud.api.VmRequest;
import io.multicloud.api.VpcRequest;
import io.multicloud.core.MultiCloud;
import io.multicloud.driver.azure.fake.AzureFake;
import java.util.Map;

/** A fake of Azure and a connection to it, for a test; {@link #close()} ends both (and fails on a fake answer off the swagger). */
final class AzureFakeCloud implements AutoCloseable {
    final AzureFake fake;
    final MultiCloud mc;
    final Cloud azure;

    private AzureFakeCloud() {
        fake = AzureFake.start();
        mc = MultiCloud.builder().environment(Map.of()).build();
        azure = mc.connect(AzureFakeConnections.config(fake));
    }

    static AzureFakeCloud start() {
        return new AzureFakeCloud();
    }

    /** Makes {@code vpc-1} (subnet {@code sn-1}) and {@code sg-1} letting in TCP on a port. */
    AzureFakeCloud withNetwork(int port) {
        azure.vpcs().create(VpcRequest.named("vpc-1").cidr("10.0.0.0/16").subnet("sn-1", "10.0.1.0/24"));
        azure.securityGroups().create(SecurityGroupRequest.named("sg-1").vpc("vpc-1").allowInbound(Protocol.TCP, port));
        return this;
    }

    /** A VM request in that network: Ubuntu 22.04, Standard_B2s. */
    static VmRequest vm(String name) {
        return VmRequest.named(name).image("ubuntu-22.04").spec("Standard_B2s").subnet("vpc-1", "sn-1").securityGroups("sg-1");
    }

    @Override
    public void close() {
        mc.close();
        fake.close();
    }
}
