package io.multicloud.driver.aws;

import io.multicloud.api.ErrorContext;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.ResourceKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.Vpc;

/**
 * Look-ups between the user's names and EC2 objects, shared by the EC2 service classes and by
 * the services that refer to EC2 resources without owning them (load balancers, clusters).
 * Names follow {@link AwsNames}; every look-up takes the cloud id as well as the name (the name
 * first). Listings go through the SDK's paginators, so they follow NextToken to the end, with
 * the connection's {@code page_size} as MaxResults when it is set.
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

    // --- names ---------------------------------------------------------------------------------

    /** A VPC's name: its Name tag, else {@code default} for the default VPC, else its id. */
    static String name(Vpc v) {
        return AwsNames.of(v.vpcId(), Ec2Tags.name(v.tags()).orElse(null),
                Boolean.TRUE.equals(v.isDefault()) ? AwsNames.DEFAULT : null);
    }

    /** A subnet's name: its Name tag, else its id. */
    static String name(Subnet s) {
        return AwsNames.of(s.subnetId(), Ec2Tags.name(s.tags()).orElse(null));
    }

    /** A security group's name: its Name tag, else its GroupName, else its id. */
    static String name(SecurityGroup g) {
        return AwsNames.of(g.groupId(), Ec2Tags.name(g.tags()).orElse(null), g.groupName());
    }

    /** An instance's name: its Name tag, else its id. */
    static String name(Instance i) {
        return AwsNames.of(i.instanceId(), Ec2Tags.name(i.tags()).orElse(null));
    }

    /** A volume's name: its Name tag, else its id. */
    static String name(Volume v) {
        return AwsNames.of(v.volumeId(), Ec2Tags.name(v.tags()).orElse(null));
    }

    // --- listings, every page ------------------------------------------------------------------

    List<Vpc> vpcs(Filter... filters) {
        return ctx.errors().call(ResourceKind.VPC, null, () -> ec2().describeVpcsPaginator(r -> {
            r.filters(filters);
            pageSize(r::maxResults);
        }).vpcs().stream().toList());
    }

    List<Subnet> allSubnets(Filter... filters) {
        return ctx.errors().call(ResourceKind.SUBNET, null, () -> ec2().describeSubnetsPaginator(r -> {
            r.filters(filters);
            pageSize(r::maxResults);
        }).subnets().stream().toList());
    }

    List<SecurityGroup> securityGroups(Filter... filters) {
        return ctx.errors().call(ResourceKind.SECURITY_GROUP, null, () -> ec2().describeSecurityGroupsPaginator(r -> {
            r.filters(filters);
            pageSize(r::maxResults);
        }).securityGroups().stream().toList());
    }

    List<Volume> volumes(Filter... filters) {
        return ctx.errors().call(ResourceKind.DISK, null, () -> ec2().describeVolumesPaginator(r -> {
            r.filters(filters);
            pageSize(n -> r.maxResults(Math.min(n, 500)));
        }).volumes().stream().toList());
    }

    /** Live instances matching these filters. */
    List<Instance> instances(Filter... filters) {
        List<Filter> all = new ArrayList<>(List.of(filters));
        all.add(Ec2Tags.filter("instance-state-name", LIVE_STATES));
        return ctx.errors().call(ResourceKind.VM, null, () -> ec2().describeInstancesPaginator(r -> {
            r.filters(all);
            pageSize(r::maxResults);
        }).reservations().stream().flatMap(res -> res.instances().stream()).toList());
    }

    private void pageSize(java.util.function.IntConsumer set) {
        Integer size = ctx.pageSize();
        if (size != null) {
            set.accept(size);
        }
    }

    // --- VPCs and subnets ----------------------------------------------------------------------

    Optional<Vpc> vpc(String nameOrId) {
        if (AwsNames.valid(nameOrId)) {
            Optional<Vpc> named = vpcs(Ec2Tags.named(nameOrId)).stream().filter(v -> nameOrId.equals(name(v))).findFirst();
            if (named.isPresent()) {
                return named;
            }
            if (AwsNames.DEFAULT.equals(nameOrId)) {
                return vpcs(Ec2Tags.filter("is-default", "true")).stream().findFirst();
            }
        }
        return nameOrId.startsWith("vpc-") ? vpcs(Ec2Tags.filter("vpc-id", nameOrId)).stream().findFirst() : Optional.empty();
    }

    Vpc requireVpc(String nameOrId) {
        return vpc(nameOrId).orElseThrow(() -> notFound(ResourceKind.VPC, nameOrId, "no VPC has this name or id"));
    }

    /** The id of the VPC of this name or id. */
    String vpcId(String nameOrId) {
        return requireVpc(nameOrId).vpcId();
    }

    /** The name of a VPC by id (the id when the VPC is gone). */
    String vpcName(String id) {
        return id == null ? null : vpcNames(List.of(id)).getOrDefault(id, id);
    }

    /** VPC names by id, in one listing. */
    Map<String, String> vpcNames(Collection<String> ids) {
        Map<String, String> byId = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            vpcs(Ec2Tags.filter("vpc-id", ids)).forEach(v -> byId.put(v.vpcId(), name(v)));
        }
        return byId;
    }

    /** Subnet names by id, in one listing. */
    Map<String, String> subnetNames(Collection<String> ids) {
        Map<String, String> byId = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            allSubnets(Ec2Tags.filter("subnet-id", ids)).forEach(s -> byId.put(s.subnetId(), name(s)));
        }
        return byId;
    }

    List<Subnet> subnets(String vpcId) {
        return allSubnets(Ec2Tags.filter("vpc-id", vpcId));
    }

    /** Subnet ids of a VPC by the subnets' names or ids, in the order asked. */
    List<String> subnetIds(String vpcId, List<String> names) {
        List<Subnet> all = subnets(vpcId);
        return names.stream().map(n -> pick(all, n, null).map(Subnet::subnetId)
                .orElseThrow(() -> notFound(ResourceKind.SUBNET, n, "the VPC has no subnet of this name or id"))).toList();
    }

    /** The VPC id of the first of these subnets, or null when there is none. */
    String vpcIdOfSubnets(List<String> subnetIds) {
        if (subnetIds.isEmpty()) {
            return null;
        }
        return allSubnets(Ec2Tags.filter("subnet-id", subnetIds.get(0))).stream().findFirst().map(Subnet::vpcId).orElse(null);
    }

    /** The subnet of a VPC with this name or id. */
    Optional<Subnet> subnet(String vpcId, String nameOrId) {
        return pick(subnets(vpcId), nameOrId, null);
    }

    /**
     * The subnet of this name or id in the VPC of this name or id. In a VPC without a subnet
     * named {@code default}, {@code default} is the VPC's default subnet of the zone asked (else
     * of the connection's zone, else the first zone): how {@code subnet("default", "default")}
     * reaches the default VPC of a fresh account.
     */
    Subnet requireSubnet(String vpcName, String name, String zone) {
        Vpc vpc = requireVpc(vpcName);
        return pick(subnets(vpc.vpcId()), name, zone).orElseThrow(() -> notFound(ResourceKind.SUBNET, name,
                "VPC '" + vpcName + "' has no subnet of this name or id"));
    }

    private Optional<Subnet> pick(List<Subnet> subnets, String nameOrId, String zone) {
        Optional<Subnet> found = subnets.stream().filter(s -> nameOrId.equals(name(s))).findFirst()
                .or(() -> subnets.stream().filter(s -> nameOrId.equals(s.subnetId())).findFirst());
        if (found.isPresent() || !AwsNames.DEFAULT.equals(nameOrId)) {
            return found;
        }
        String wanted = zone != null ? zone : ctx.defaultZone();
        List<Subnet> defaults = subnets.stream().filter(s -> Boolean.TRUE.equals(s.defaultForAz()))
                .sorted(Comparator.comparing(s -> s.availabilityZone() == null ? "" : s.availabilityZone())).toList();
        return defaults.stream().filter(s -> wanted != null && wanted.equals(s.availabilityZone())).findFirst()
                .or(() -> wanted == null ? defaults.stream().findFirst() : Optional.empty());
    }

    // --- security groups -----------------------------------------------------------------------

    /**
     * The security group of this name or id. Each VPC has a group named {@code default}; asked
     * for a name that several groups carry, the one in the default VPC is taken, else the
     * first by id (a VM request looks its groups up in its own VPC instead).
     */
    Optional<SecurityGroup> securityGroup(String nameOrId) {
        if (AwsNames.valid(nameOrId)) {
            Map<String, SecurityGroup> byId = new LinkedHashMap<>();
            securityGroups(Ec2Tags.named(nameOrId)).forEach(g -> byId.put(g.groupId(), g));
            securityGroups(Ec2Tags.filter("group-name", nameOrId)).forEach(g -> byId.putIfAbsent(g.groupId(), g));
            List<SecurityGroup> named = byId.values().stream().filter(g -> nameOrId.equals(name(g)))
                    .sorted(Comparator.comparing(SecurityGroup::groupId)).toList();
            if (named.size() > 1) {
                Optional<String> defaultVpc = vpcs(Ec2Tags.filter("is-default", "true")).stream().findFirst().map(Vpc::vpcId);
                return named.stream().filter(g -> defaultVpc.isPresent() && defaultVpc.get().equals(g.vpcId())).findFirst()
                        .or(() -> named.stream().findFirst());
            }
            if (!named.isEmpty()) {
                return Optional.of(named.getFirst());
            }
        }
        return nameOrId.startsWith("sg-") ? securityGroups(Ec2Tags.filter("group-id", nameOrId)).stream().findFirst()
                : Optional.empty();
    }

    SecurityGroup requireSecurityGroup(String nameOrId) {
        return securityGroup(nameOrId).orElseThrow(() -> notFound(ResourceKind.SECURITY_GROUP, nameOrId,
                "no security group has this name or id"));
    }

    /**
     * Security group ids of a VPC by the groups' names (name, GroupName or id), in the order
     * asked: {@code default} is the VPC's own default group.
     */
    List<String> securityGroupIds(String vpcId, List<String> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        List<SecurityGroup> all = securityGroups(Ec2Tags.filter("vpc-id", vpcId));
        return names.stream().map(n -> all.stream().filter(g -> n.equals(name(g))).findFirst()
                        .or(() -> all.stream().filter(g -> n.equals(g.groupName()) || n.equals(g.groupId())).findFirst())
                        .map(SecurityGroup::groupId)
                        .orElseThrow(() -> notFound(ResourceKind.SECURITY_GROUP, n, "the VPC has no security group of this name or id")))
                .toList();
    }

    /** Security group names by id, in the order given (the id for a group gone). */
    List<String> securityGroupNames(Collection<String> ids) {
        Map<String, String> byId = securityGroupNamesById(ids);
        return ids.stream().map(id -> byId.getOrDefault(id, id)).toList();
    }

    /** Security group names by id, in one listing. */
    Map<String, String> securityGroupNamesById(Collection<String> ids) {
        Map<String, String> byId = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            securityGroups(Ec2Tags.filter("group-id", ids)).forEach(g -> byId.put(g.groupId(), name(g)));
        }
        return byId;
    }

    // --- instances -----------------------------------------------------------------------------

    /** The live instance of this name or id. */
    Optional<Instance> instance(String nameOrId) {
        if (AwsNames.valid(nameOrId)) {
            Optional<Instance> named = instances(Ec2Tags.named(nameOrId)).stream().filter(i -> nameOrId.equals(name(i)))
                    .findFirst();
            if (named.isPresent()) {
                return named;
            }
        }
        return nameOrId.startsWith("i-") ? instances(Ec2Tags.filter("instance-id", nameOrId)).stream().findFirst()
                : Optional.empty();
    }

    Instance requireInstance(String nameOrId) {
        return instance(nameOrId).orElseThrow(() -> notFound(ResourceKind.VM, nameOrId, "no live instance has this name or id"));
    }

    /** The live instance of each VM name or id, in the order asked; NotFound for one without. */
    Map<String, Instance> instancesByName(List<String> names) {
        Map<String, Instance> found = new LinkedHashMap<>();
        if (names.isEmpty()) {
            return found;
        }
        instances(Ec2Tags.filter("tag:" + AwsTagNames.NAME, names)).forEach(i -> found.putIfAbsent(name(i), i));
        List<String> ids = names.stream().filter(n -> !found.containsKey(n) && n.startsWith("i-")).toList();
        if (!ids.isEmpty()) {
            instances(Ec2Tags.filter("instance-id", ids)).forEach(i -> found.putIfAbsent(i.instanceId(), i));
        }
        Map<String, Instance> ordered = new LinkedHashMap<>();
        for (String name : names) {
            Instance i = found.get(name);
            if (i == null) {
                throw notFound(ResourceKind.VM, name, "no live instance has this name or id");
            }
            ordered.put(name, i);
        }
        return ordered;
    }

    /** VM names by instance id, in one listing (the id for an instance gone). */
    Map<String, String> instanceNames(Collection<String> ids) {
        Map<String, String> byId = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return byId;
        }
        // A filter, unlike InstanceIds, answers without an error when an instance is long gone.
        ctx.errors().call(ResourceKind.VM, null, () -> ec2().describeInstancesPaginator(r -> r.filters(
                        Ec2Tags.filter("instance-id", ids))).reservations().stream().flatMap(res -> res.instances().stream()).toList())
                .forEach(i -> byId.put(i.instanceId(), name(i)));
        ids.forEach(id -> byId.putIfAbsent(id, id));
        return byId;
    }

    /** The VM name of an instance id (the id when it is gone). */
    String instanceName(String id) {
        return instanceNames(List.of(id)).get(id);
    }

    NotFoundException notFound(ResourceKind kind, String name, String reason) {
        return new NotFoundException(ErrorContext.of(ctx.config().name(), kind, name), reason);
    }
}
