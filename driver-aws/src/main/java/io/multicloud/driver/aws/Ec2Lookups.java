package io.multicloud.driver.aws;

import io.multicloud.api.ErrorContext;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.ResourceKind;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Vpc;

/**
 * Look-ups between the user's names ({@code Name} tags, through {@code tag:Name} filters) and
 * EC2 objects, shared by the EC2 service classes and by the services that refer to EC2 resources
 * without owning them (load balancers, clusters). A resource without the tag has no name here.
 */
final class Ec2Lookups {
    /** Every instance state but {@code terminated}: a terminated VM no longer holds its name. */
    static final List<String> LIVE_STATES = List.of("pending", "running", "stopping", "stopped", "shutting-down");

    private final AwsContext ctx;

    Ec2Lookups(AwsContext ctx) {
        this.ctx = ctx;
    }

    Ec2Client ec2() {
        return ctx.clients().ec2();
    }

    Optional<Vpc> vpc(String name) {
        return ctx.errors().call(ResourceKind.VPC, name, () -> ec2().describeVpcs(r -> r.filters(Ec2Tags.named(name))).vpcs())
                .stream().findFirst();
    }

    Vpc requireVpc(String name) {
        return vpc(name).orElseThrow(() -> notFound(ResourceKind.VPC, name, "no VPC has this Name tag"));
    }

    /** The id of the VPC of this name. */
    String vpcId(String name) {
        return requireVpc(name).vpcId();
    }

    /** The name of a VPC by id (the id when it has no Name tag). */
    String vpcName(String id) {
        if (id == null) {
            return null;
        }
        return ctx.errors().call(ResourceKind.VPC, id, () -> ec2().describeVpcs(r -> r.vpcIds(id)).vpcs())
                .stream().findFirst().flatMap(v -> Ec2Tags.name(v.tags())).orElse(id);
    }

    /** VPC names by id, in one call (the id for a VPC without Name tag). */
    Map<String, String> vpcNames(Collection<String> ids) {
        Map<String, String> byId = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            ctx.errors().call(ResourceKind.VPC, null, () -> ec2().describeVpcs(r -> r.filters(Ec2Tags.filter("vpc-id", ids))).vpcs())
                    .forEach(v -> byId.put(v.vpcId(), Ec2Tags.name(v.tags()).orElse(v.vpcId())));
        }
        return byId;
    }

    /** Subnet names by id, in one call (the id for a subnet without Name tag). */
    Map<String, String> subnetNames(Collection<String> ids) {
        Map<String, String> byId = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            ctx.errors().call(ResourceKind.SUBNET, null, () -> ec2().describeSubnets(r -> r.filters(
                    Ec2Tags.filter("subnet-id", ids))).subnets())
                    .forEach(s -> byId.put(s.subnetId(), Ec2Tags.name(s.tags()).orElse(s.subnetId())));
        }
        return byId;
    }

    List<Subnet> subnets(String vpcId) {
        return ctx.errors().call(ResourceKind.SUBNET, null, () -> ec2().describeSubnets(r -> r.filters(
                Ec2Tags.filter("vpc-id", vpcId))).subnets());
    }

    /** Subnet ids of a VPC by the subnets' names, in the order asked. */
    List<String> subnetIds(String vpcId, List<String> names) {
        List<Subnet> all = subnets(vpcId);
        return names.stream().map(n -> all.stream().filter(s -> n.equals(Ec2Tags.name(s.tags()).orElse(null))).findFirst()
                .map(Subnet::subnetId)
                .orElseThrow(() -> notFound(ResourceKind.SUBNET, n, "the VPC has no subnet with this Name tag"))).toList();
    }

    /** The VPC id of the first of these subnets, or null when there is none. */
    String vpcIdOfSubnets(List<String> subnetIds) {
        if (subnetIds.isEmpty()) {
            return null;
        }
        return ctx.errors().call(ResourceKind.SUBNET, null, () -> ec2().describeSubnets(r -> r.subnetIds(subnetIds.get(0)))
                .subnets()).stream().findFirst().map(Subnet::vpcId).orElse(null);
    }

    Optional<Subnet> subnet(String vpcId, String name) {
        return ctx.errors().call(ResourceKind.SUBNET, name, () -> ec2().describeSubnets(r -> r.filters(
                Ec2Tags.filter("vpc-id", vpcId), Ec2Tags.named(name))).subnets()).stream().findFirst();
    }

    Subnet requireSubnet(String vpcName, String name) {
        Vpc vpc = requireVpc(vpcName);
        return subnet(vpc.vpcId(), name).orElseThrow(() -> notFound(ResourceKind.SUBNET, name,
                "VPC '" + vpcName + "' has no subnet with this Name tag"));
    }

    Optional<SecurityGroup> securityGroup(String name) {
        return ctx.errors().call(ResourceKind.SECURITY_GROUP, name, () -> ec2().describeSecurityGroups(r -> r.filters(
                Ec2Tags.named(name))).securityGroups()).stream().findFirst();
    }

    SecurityGroup requireSecurityGroup(String name) {
        return securityGroup(name).orElseThrow(() -> notFound(ResourceKind.SECURITY_GROUP, name,
                "no security group has this Name tag"));
    }

    /** Security group ids of a VPC by the groups' names (group name, else Name tag), in the order asked. */
    List<String> securityGroupIds(String vpcId, List<String> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        List<SecurityGroup> all = ctx.errors().call(ResourceKind.SECURITY_GROUP, null, () -> ec2().describeSecurityGroups(
                r -> r.filters(Ec2Tags.filter("vpc-id", vpcId))).securityGroups());
        return names.stream().map(n -> all.stream().filter(g -> n.equals(g.groupName())
                        || n.equals(Ec2Tags.name(g.tags()).orElse(null))).findFirst().map(SecurityGroup::groupId)
                .orElseThrow(() -> notFound(ResourceKind.SECURITY_GROUP, n, "the VPC has no security group of this name")))
                .toList();
    }

    /** Security group names by id (Name tag, else group name), in the order given. */
    List<String> securityGroupNames(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, String> byId = new LinkedHashMap<>();
        ctx.errors().call(ResourceKind.SECURITY_GROUP, null, () -> ec2().describeSecurityGroups(r -> r.groupIds(ids))
                .securityGroups()).forEach(g -> byId.put(g.groupId(), Ec2Tags.name(g.tags()).orElse(g.groupName())));
        return ids.stream().map(id -> byId.getOrDefault(id, id)).toList();
    }

    /** The live instance of this name. */
    Optional<Instance> instance(String name) {
        return instances(Ec2Tags.named(name)).stream().findFirst();
    }

    Instance requireInstance(String name) {
        return instance(name).orElseThrow(() -> notFound(ResourceKind.VM, name, "no live instance has this Name tag"));
    }

    /** Live instances matching these filters. */
    List<Instance> instances(software.amazon.awssdk.services.ec2.model.Filter... filters) {
        List<software.amazon.awssdk.services.ec2.model.Filter> all = new java.util.ArrayList<>(List.of(filters));
        all.add(Ec2Tags.filter("instance-state-name", LIVE_STATES));
        return ctx.errors().call(ResourceKind.VM, null, () -> ec2().describeInstancesPaginator(r -> r.filters(all))
                .reservations().stream().flatMap(res -> res.instances().stream()).toList());
    }

    /** The live instance of each VM name, in the order asked; NotFound for a name without one. */
    Map<String, Instance> instancesByName(List<String> names) {
        Map<String, Instance> found = new LinkedHashMap<>();
        if (names.isEmpty()) {
            return found;
        }
        instances(Ec2Tags.filter("tag:" + AwsTagNames.NAME, names)).forEach(i -> Ec2Tags.name(i.tags())
                .ifPresent(n -> found.putIfAbsent(n, i)));
        Map<String, Instance> ordered = new LinkedHashMap<>();
        for (String name : names) {
            Instance i = found.get(name);
            if (i == null) {
                throw notFound(ResourceKind.VM, name, "no live instance has this Name tag");
            }
            ordered.put(name, i);
        }
        return ordered;
    }

    /** VM names by instance id, in one call (the id for an instance without Name tag). */
    Map<String, String> instanceNames(Collection<String> ids) {
        Map<String, String> byId = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return byId;
        }
        ctx.errors().call(ResourceKind.VM, null, () -> ec2().describeInstancesPaginator(r -> r.instanceIds(ids))
                        .reservations().stream().flatMap(res -> res.instances().stream()).toList())
                .forEach(i -> byId.put(i.instanceId(), Ec2Tags.name(i.tags()).orElse(i.instanceId())));
        ids.forEach(id -> byId.putIfAbsent(id, id));
        return byId;
    }

    /** The VM name of an instance id (the id when it has no Name tag). */
    String instanceName(String id) {
        return ctx.errors().call(ResourceKind.VM, id, () -> ec2().describeInstances(r -> r.instanceIds(id)).reservations())
                .stream().flatMap(res -> res.instances().stream()).findFirst()
                .flatMap(i -> Ec2Tags.name(i.tags())).orElse(id);
    }

    NotFoundException notFound(ResourceKind kind, String name, String reason) {
        return new NotFoundException(ErrorContext.of(ctx.config().name(), kind, name), reason);
    }
}
