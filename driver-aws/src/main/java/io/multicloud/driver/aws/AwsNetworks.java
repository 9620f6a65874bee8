package io.multicloud.driver.aws;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.ConflictException;
import io.multicloud.api.ErrorContext;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Subnet;
import io.multicloud.api.SubnetRequest;
import io.multicloud.api.Vpc;
import io.multicloud.api.VpcRequest;
import io.multicloud.spi.VpcService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * VPCs and their subnets: every VPC of the region, the default one and those made elsewhere
 * included, named as {@link AwsNames} says (the {@code Name} tag, {@code default} for the
 * default VPC, else the id; subnet names are unique within their VPC). Deleting a VPC deletes its subnets first;
 * a VPC or subnet that still holds a live VM is refused with {@link ConflictException} before
 * anything is deleted, and anything else AWS refuses (DependencyViolation) maps to the same.
 */
final class AwsNetworks implements VpcService {
    private static final Logger LOG = LoggerFactory.getLogger(AwsNetworks.class);
    private static final ResourceKind KIND = ResourceKind.VPC;

    private final AwsContext ctx;
    private final Ec2Lookups lookups;

    AwsNetworks(AwsContext ctx) {
        this.ctx = ctx;
        this.lookups = new Ec2Lookups(ctx);
    }

    private Ec2Client ec2() {
        return ctx.clients().ec2();
    }

    @Override
    public List<Vpc> list() {
        Map<String, List<software.amazon.awssdk.services.ec2.model.Subnet>> subnets = new HashMap<>();
        lookups.allSubnets().forEach(s -> subnets.computeIfAbsent(s.vpcId(), k -> new ArrayList<>()).add(s));
        return lookups.vpcs().stream().map(v -> toRecord(v, subnets.getOrDefault(v.vpcId(), List.of())))
                .sorted(Comparator.comparing(Vpc::name)).toList();
    }

    @Override
    public Optional<Vpc> find(String name) {
        return lookups.vpc(name).map(this::toRecord);
    }

    @Override
    public Vpc create(VpcRequest request) {
        String name = request.name();
        if (lookups.vpc(name).isPresent()) {
            throw new AlreadyExistsException(context(name), "a VPC of this name exists");
        }
        var vpc = ctx.errors().call(KIND, name, () -> ec2().createVpc(r -> r.cidrBlock(request.cidr())
                .tagSpecifications(Ec2Tags.spec(ResourceType.VPC, name, request.tags()))).vpc());
        try {
            for (SubnetRequest subnet : request.subnets()) {
                createSubnet(vpc.vpcId(), subnet);
            }
        } catch (RuntimeException e) {
            // A VPC without the subnets asked for is not what the user wanted: take it away again.
            LOG.warn("creating VPC '{}' failed; removing it", name);
            try {
                deleteParts(name, vpc.vpcId());
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return toRecord(lookups.requireVpc(name));
    }

    @Override
    public void delete(String name) {
        var vpc = lookups.requireVpc(name);
        if (!lookups.instances(Ec2Tags.filter("vpc-id", vpc.vpcId())).isEmpty()) {
            throw new ConflictException(context(name), "the VPC still holds VMs");
        }
        deleteParts(name, vpc.vpcId());
    }

    @Override
    public Vpc addSubnet(String vpc, SubnetRequest subnet) {
        var found = lookups.requireVpc(vpc);
        if (lookups.subnet(found.vpcId(), subnet.name()).isPresent()) {
            throw new AlreadyExistsException(ErrorContext.of(ctx.config().name(), ResourceKind.SUBNET, subnet.name()),
                    "VPC '" + vpc + "' has a subnet of this name");
        }
        createSubnet(found.vpcId(), subnet);
        return toRecord(lookups.requireVpc(vpc));
    }

    @Override
    public Vpc removeSubnet(String vpc, String subnet) {
        var found = lookups.requireSubnet(vpc, subnet, null);
        if (!lookups.instances(Ec2Tags.filter("subnet-id", found.subnetId())).isEmpty()) {
            throw new ConflictException(ErrorContext.of(ctx.config().name(), ResourceKind.SUBNET, subnet),
                    "the subnet still holds VMs");
        }
        ctx.errors().run(ResourceKind.SUBNET, subnet, () -> ec2().deleteSubnet(r -> r.subnetId(found.subnetId())));
        return toRecord(lookups.requireVpc(vpc));
    }

    private void createSubnet(String vpcId, SubnetRequest subnet) {
        String zone = subnet.zone() != null ? subnet.zone() : ctx.defaultZone();
        ctx.errors().run(ResourceKind.SUBNET, subnet.name(), () -> ec2().createSubnet(r -> r.vpcId(vpcId)
                .cidrBlock(subnet.cidr()).availabilityZone(zone)
                .tagSpecifications(Ec2Tags.spec(ResourceType.SUBNET, subnet.name(), subnet.tags()))));
    }

    private void deleteParts(String name, String vpcId) {
        for (var s : lookups.subnets(vpcId)) {
            ctx.errors().run(ResourceKind.SUBNET, Ec2Lookups.name(s),
                    () -> ec2().deleteSubnet(r -> r.subnetId(s.subnetId())));
        }
        ctx.errors().run(KIND, name, () -> ec2().deleteVpc(r -> r.vpcId(vpcId)));
    }

    private Vpc toRecord(software.amazon.awssdk.services.ec2.model.Vpc vpc) {
        return toRecord(vpc, lookups.subnets(vpc.vpcId()));
    }

    private Vpc toRecord(software.amazon.awssdk.services.ec2.model.Vpc vpc,
                         List<software.amazon.awssdk.services.ec2.model.Subnet> subnets) {
        List<Subnet> own = subnets.stream()
                .map(s -> new Subnet(Ec2Lookups.name(s), s.subnetId(), s.cidrBlock(), s.availabilityZone(), Ec2Tags.user(s.tags())))
                .sorted(Comparator.comparing(Subnet::name)).toList();
        return new Vpc(Ec2Lookups.name(vpc), vpc.vpcId(), vpc.cidrBlock(), own, Ec2Tags.user(vpc.tags()));
    }

    private ErrorContext context(String name) {
        return ErrorContext.of(ctx.config().name(), KIND, name);
    }
}
