package io.multicloud.driver.aws;

import io.multicloud.api.ErrorContext;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.ResourceKind;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * EC2 look-ups between the user's names ({@code Name} tags) and AWS ids, for the services that
 * refer to EC2 resources without owning them (load balancers, clusters).
 */
final class AwsLookups {
    /** Every instance state but {@code terminated}: a terminated VM no longer holds its name. */
    private static final List<String> LIVE_STATES = List.of("pending", "running", "stopping", "stopped", "shutting-down");

    private final AwsContext ctx;

    AwsLookups(AwsContext ctx) {
        this.ctx = ctx;
    }

    /** The id of the VPC of that name. */
    String vpcId(String name) {
        return ctx.errors().call(ResourceKind.VPC, name, () -> ctx.clients().ec2()
                        .describeVpcs(r -> r.filters(filter("tag:Name", name))).vpcs())
                .stream().findFirst().map(v -> v.vpcId())
                .orElseThrow(() -> notFound(ResourceKind.VPC, name, "no VPC has this Name tag"));
    }

    /** The name of a VPC by its id (its id when it has no Name tag). */
    String vpcName(String id) {
        if (id == null) {
            return null;
        }
        return ctx.errors().call(ResourceKind.VPC, id, () -> ctx.clients().ec2().describeVpcs(r -> r.vpcIds(id)).vpcs())
                .stream().findFirst().map(v -> nameTag(v.tags()).orElse(id)).orElse(id);
    }

    /** The subnets of a VPC. */
    List<Subnet> subnets(String vpcId) {
        return ctx.errors().call(ResourceKind.SUBNET, null, () -> ctx.clients().ec2()
                .describeSubnets(r -> r.filters(filter("vpc-id", vpcId))).subnets());
    }

    /** Subnet ids by the subnets' names, in the order asked. */
    List<String> subnetIds(String vpcId, List<String> names) {
        List<Subnet> all = subnets(vpcId);
        return names.stream().map(n -> all.stream().filter(s -> n.equals(nameTag(s.tags()).orElse(null))).findFirst()
                .map(Subnet::subnetId)
                .orElseThrow(() -> notFound(ResourceKind.SUBNET, n, "the VPC has no subnet with this Name tag"))).toList();
    }

    /** The VPC id of the first of these subnets, or null when there is none. */
    String vpcIdOfSubnets(List<String> subnetIds) {
        if (subnetIds.isEmpty()) {
            return null;
        }
        return ctx.errors().call(ResourceKind.SUBNET, null, () -> ctx.clients().ec2()
                        .describeSubnets(r -> r.subnetIds(subnetIds.get(0))).subnets())
                .stream().findFirst().map(Subnet::vpcId).orElse(null);
    }

    /** Subnet names by their ids (the id for a subnet without Name tag). */
    List<String> subnetNames(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, String> byId = new LinkedHashMap<>();
        ctx.errors().call(ResourceKind.SUBNET, null, () -> ctx.clients().ec2().describeSubnets(r -> r.subnetIds(ids)).subnets())
                .forEach(s -> byId.put(s.subnetId(), nameTag(s.tags()).orElse(s.subnetId())));
        return ids.stream().map(id -> byId.getOrDefault(id, id)).toList();
    }

    /** Security group ids by their names (group name, else Name tag) in a VPC. */
    List<String> securityGroupIds(String vpcId, List<String> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        List<SecurityGroup> all = ctx.errors().call(ResourceKind.SECURITY_GROUP, null, () -> ctx.clients().ec2()
                .describeSecurityGroups(r -> r.filters(filter("vpc-id", vpcId))).securityGroups());
        return names.stream().map(n -> all.stream().filter(g -> n.equals(g.groupName())
                        || n.equals(nameTag(g.tags()).orElse(null))).findFirst().map(SecurityGroup::groupId)
                .orElseThrow(() -> notFound(ResourceKind.SECURITY_GROUP, n, "the VPC has no security group of this name")))
                .toList();
    }

    /** Security group names by their ids (Name tag, else group name). */
    List<String> securityGroupNames(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, String> byId = new LinkedHashMap<>();
        ctx.errors().call(ResourceKind.SECURITY_GROUP, null, () -> ctx.clients().ec2()
                        .describeSecurityGroups(r -> r.groupIds(ids)).securityGroups())
                .forEach(g -> byId.put(g.groupId(), nameTag(g.tags()).orElse(g.groupName())));
        return ids.stream().map(id -> byId.getOrDefault(id, id)).toList();
    }

    /** The live instance of each VM name, in the order asked. */
    Map<String, Instance> instances(List<String> names) {
        Map<String, Instance> found = new LinkedHashMap<>();
        if (names.isEmpty()) {
            return found;
        }
        ctx.errors().call(ResourceKind.VM, null, () -> ctx.clients().ec2().describeInstancesPaginator(r -> r.filters(
                        filter("tag:Name", names), filter("instance-state-name", LIVE_STATES))).reservations()
                .stream().flatMap(res -> res.instances().stream()).toList())
                .forEach(i -> nameTag(i.tags()).ifPresent(n -> found.putIfAbsent(n, i)));
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

    /** VM names by instance id (the id for an instance without Name tag). */
    Map<String, String> instanceNames(Collection<String> ids) {
        Map<String, String> byId = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return byId;
        }
        ctx.errors().call(ResourceKind.VM, null, () -> ctx.clients().ec2().describeInstancesPaginator(r -> r.instanceIds(ids))
                        .reservations().stream().flatMap(res -> res.instances().stream()).toList())
                .forEach(i -> byId.put(i.instanceId(), nameTag(i.tags()).orElse(i.instanceId())));
        ids.forEach(id -> byId.putIfAbsent(id, id));
        return byId;
    }

    static Optional<String> nameTag(List<Tag> tags) {
        return tags.stream().filter(t -> AwsTagNames.NAME.equals(t.key())).map(Tag::value).findFirst();
    }

    static Filter filter(String name, String value) {
        return Filter.builder().name(name).values(value).build();
    }

    static Filter filter(String name, Collection<String> values) {
        return Filter.builder().name(name).values(values).build();
    }

    private NotFoundException notFound(ResourceKind kind, String name, String reason) {
        return new NotFoundException(ErrorContext.of(ctx.config().name(), kind, name), reason);
    }
}
