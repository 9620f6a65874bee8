package io.multicloud.driver.mock;

import io.multicloud.api.Cidr;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.SubnetRequest;
import io.multicloud.api.Vpc;
import io.multicloud.api.VpcRequest;
import io.multicloud.driver.mock.MockEntities.SubnetEntity;
import io.multicloud.driver.mock.MockEntities.VpcEntity;
import io.multicloud.spi.VpcService;

import java.util.List;
import java.util.Optional;

/**
 * VPCs and their subnets. Subnet names are unique in the region (tags and VMs name a subnet
 * without its VPC). A VPC goes only when nothing is left in it but its subnets; a subnet goes
 * only when no VM or cluster uses it.
 */
final class MockNetworks implements VpcService {
    private static final String KIND = "vpc";

    private final MockContext ctx;

    MockNetworks(MockContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public List<Vpc> list() {
        return ctx.read(MockOperations.of(KIND, "list"), (r, now) -> r.vpcs.all().stream().map(VpcEntity::toRecord).toList());
    }

    @Override
    public Optional<Vpc> find(String name) {
        return ctx.read(MockOperations.of(KIND, "find"), (r, now) -> r.vpcs.find(name).map(VpcEntity::toRecord));
    }

    @Override
    public Vpc create(VpcRequest request) {
        return ctx.write(MockOperations.of(KIND, "create"), (r, now) -> {
            request.requireComplete();
            r.vpcs.requireFree(request.name(), ctx.errors);
            VpcEntity vpc = new VpcEntity();
            vpc.init(request.name(), MockContext.newId("vpc"), request.tags());
            vpc.cidr = request.cidr();
            for (SubnetRequest s : request.subnets()) {
                vpc.subnets.add(newSubnet(r, vpc, s));
            }
            r.vpcs.add(vpc);
            return vpc.toRecord();
        });
    }

    @Override
    public void delete(String name) {
        ctx.write(MockOperations.of(KIND, "delete"), (r, now) -> {
            VpcEntity vpc = r.vpcs.get(name, ctx.errors);
            new Dependents()
                    .add("VM(s)", names(r.vms.where(v -> v.vpc.equals(name))))
                    .add("security group(s)", names(r.securityGroups.where(g -> g.vpc.equals(name))))
                    .add("NLB(s)", names(r.nlbs.where(n -> n.vpc.equals(name))))
                    .add("cluster(s)", names(r.clusters.where(c -> c.vpc.equals(name))))
                    .refuse(ctx.errors, ResourceKind.VPC, name, "delete the VPC");
            r.vpcs.remove(vpc.name);
            return null;
        });
    }

    @Override
    public Vpc addSubnet(String vpcName, SubnetRequest subnet) {
        return ctx.write(MockOperations.of(KIND, "addSubnet"), (r, now) -> {
            VpcEntity vpc = r.vpcs.get(vpcName, ctx.errors);
            vpc.subnets.add(newSubnet(r, vpc, subnet));
            return vpc.toRecord();
        });
    }

    @Override
    public Vpc removeSubnet(String vpcName, String subnetName) {
        return ctx.write(MockOperations.of(KIND, "removeSubnet"), (r, now) -> {
            VpcEntity vpc = r.vpcs.get(vpcName, ctx.errors);
            SubnetEntity subnet = new MockRefs(ctx, r).subnet(vpc, subnetName);
            new Dependents()
                    .add("VM(s)", names(r.vms.where(v -> v.vpc.equals(vpcName) && v.subnet.equals(subnetName))))
                    .add("cluster(s)", names(r.clusters.where(c -> c.vpc.equals(vpcName) && c.subnets.contains(subnetName))))
                    .refuse(ctx.errors, ResourceKind.SUBNET, subnetName, "remove the subnet");
            vpc.subnets.remove(subnet);
            return vpc.toRecord();
        });
    }

    /** A subnet checked against the VPC's block, its other subnets and the region's names. */
    private SubnetEntity newSubnet(MockRegion r, VpcEntity vpc, SubnetRequest request) {
        if (r.subnet(request.name()).isPresent() || vpc.subnets.stream().anyMatch(s -> s.name.equals(request.name()))) {
            throw ctx.errors.alreadyExists(ResourceKind.SUBNET, request.name(), "the name is taken in this region");
        }
        Cidr block = Cidr.parse(request.cidr());
        if (!Cidr.parse(vpc.cidr).contains(block)) {
            throw ctx.errors.invalid(ResourceKind.SUBNET, request.name(), "subnet cidr",
                    block + " is not inside the VPC block " + vpc.cidr);
        }
        for (SubnetEntity other : vpc.subnets) {
            if (Cidr.parse(other.cidr).overlaps(block)) {
                throw ctx.errors.invalid(ResourceKind.SUBNET, request.name(), "subnet cidr",
                        block + " overlaps subnet '" + other.name + "' " + other.cidr);
            }
        }
        SubnetEntity subnet = new SubnetEntity();
        subnet.init(request.name(), MockContext.newId("subnet"), request.tags());
        subnet.cidr = block.toString();
        subnet.zone = new MockRefs(ctx, r).zone(request.zone());
        return subnet;
    }

    static List<String> names(List<? extends MockEntities.Entity> entities) {
        return entities.stream().map(e -> e.name).toList();
    }
}
