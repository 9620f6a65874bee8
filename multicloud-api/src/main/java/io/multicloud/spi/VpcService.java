package io.multicloud.spi;

import io.multicloud.api.SubnetRequest;
import io.multicloud.api.Vpc;
import io.multicloud.api.VpcRequest;

/** VPCs and their subnets. */
public interface VpcService extends ResourceService<Vpc, VpcRequest> {
    /** Adds a subnet (core has checked it fits and does not overlap). */
    Vpc addSubnet(String vpc, SubnetRequest subnet);

    /** Removes a subnet. */
    Vpc removeSubnet(String vpc, String subnet);
}
