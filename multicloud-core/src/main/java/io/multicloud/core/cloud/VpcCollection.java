package io.multicloud.core.cloud;

import io.multicloud.api.Cidr;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Subnet;
import io.multicloud.api.SubnetRequest;
import io.multicloud.api.Validate;
import io.multicloud.api.Vpc;
import io.multicloud.api.VpcRequest;
import io.multicloud.api.Vpcs;
import io.multicloud.spi.VpcService;
import java.util.function.Supplier;

/** VPCs and their subnets; a new subnet is checked against the VPC's block and other subnets. */
final class VpcCollection extends ResourceCollection<Vpc, VpcRequest, VpcService> implements Vpcs {

    VpcCollection(CloudContext context, Supplier<VpcService> service) {
        super(context, ResourceKind.VPC, service);
    }

    @Override
    public Vpc addSubnet(String vpcName, SubnetRequest subnet) {
        Validate.notBlank("vpc name", vpcName);
        Validate.required("subnet", subnet);
        Vpc vpc = get(vpcName);
        Cidr block = Cidr.parse(vpc.cidr());
        Cidr wanted = Cidr.parse(subnet.cidr());
        if (!block.contains(wanted)) {
            throw new InvalidRequestException(context.error(ResourceKind.SUBNET, subnet.name()), "subnet cidr",
                    wanted + " is not inside the VPC block " + block);
        }
        for (Subnet existing : vpc.subnets()) {
            if (existing.name().equals(subnet.name())) {
                throw new InvalidRequestException(context.error(ResourceKind.SUBNET, subnet.name()), "subnet name",
                        "VPC '" + vpcName + "' has a subnet of that name already");
            }
            if (Cidr.parse(existing.cidr()).overlaps(wanted)) {
                throw new InvalidRequestException(context.error(ResourceKind.SUBNET, subnet.name()), "subnet cidr",
                        wanted + " overlaps subnet '" + existing.name() + "' " + existing.cidr());
            }
        }
        return service().addSubnet(vpcName, subnet.tag(io.multicloud.api.Tagged.MANAGED, "true"));
    }

    @Override
    public Vpc removeSubnet(String vpc, String subnet) {
        return service().removeSubnet(Validate.notBlank("vpc name", vpc), Validate.notBlank("subnet name", subnet));
    }
}
