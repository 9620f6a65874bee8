package io.multicloud.api;

/** The VPCs of a connection, with their subnets. */
public interface Vpcs extends Resources<Vpc, VpcRequest> {
    /** Adds a subnet; it must fit in the VPC's block and not overlap the others. */
    Vpc addSubnet(String vpc, SubnetRequest subnet);

    /** Removes a subnet; refused with {@link ConflictException} while VMs use it. */
    Vpc removeSubnet(String vpc, String subnet);
}
