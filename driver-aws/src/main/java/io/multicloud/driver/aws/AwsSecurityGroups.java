package io.multicloud.driver.aws;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.ConflictException;
import io.multicloud.api.Direction;
import io.multicloud.api.ErrorContext;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.PortRange;
import io.multicloud.api.Protocol;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.SecurityGroup;
import io.multicloud.api.SecurityGroupRequest;
import io.multicloud.api.SecurityRule;
import io.multicloud.spi.SecurityGroupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * Security groups and their rules: every group of the region, each VPC's {@code default} group
 * included. A group this library makes has the user's name as both GroupName and {@code Name}
 * tag; any other is named by its {@code Name} tag, else its GroupName, else its id
 * ({@link AwsNames}). Several groups named {@code default} (one per VPC) are told apart by id; by
 * name, the default VPC's is found. Rules are read back as AWS reports them, so AWS's default allow-all egress rule
 * of a new group shows as an outbound ALL rule to 0.0.0.0/0.
 */
final class AwsSecurityGroups implements SecurityGroupService {
    private static final Logger LOG = LoggerFactory.getLogger(AwsSecurityGroups.class);
    private static final ResourceKind KIND = ResourceKind.SECURITY_GROUP;

    private final AwsContext ctx;
    private final Ec2Lookups lookups;

    AwsSecurityGroups(AwsContext ctx) {
        this.ctx = ctx;
        this.lookups = new Ec2Lookups(ctx);
    }

    private Ec2Client ec2() {
        return ctx.clients().ec2();
    }

    @Override
    public List<SecurityGroup> list() {
        var groups = lookups.securityGroups();
        Map<String, String> vpcs = lookups.vpcNames(groups.stream().map(g -> g.vpcId()).filter(java.util.Objects::nonNull)
                .collect(java.util.stream.Collectors.toSet()));
        return groups.stream().map(g -> toRecord(g, vpcs)).sorted(Comparator.comparing(SecurityGroup::name)
                .thenComparing(SecurityGroup::id)).toList();
    }

    @Override
    public Optional<SecurityGroup> find(String name) {
        return lookups.securityGroup(name).map(this::toRecord);
    }

    @Override
    public SecurityGroup create(SecurityGroupRequest request) {
        String name = request.name();
        if (lookups.securityGroup(name).isPresent()) {
            throw new AlreadyExistsException(context(name), "a security group of this name exists");
        }
        String vpcId = lookups.requireVpc(request.vpc()).vpcId();
        String groupId = ctx.errors().call(KIND, name, () -> ec2().createSecurityGroup(r -> r.groupName(name)
                .description("multicloud security group " + name).vpcId(vpcId)
                .tagSpecifications(Ec2Tags.spec(ResourceType.SECURITY_GROUP, name, request.tags()))).groupId());
        try {
            authorize(name, groupId, request.rules());
        } catch (RuntimeException e) {
            LOG.warn("adding the rules of security group '{}' failed; removing it", name);
            try {
                ctx.errors().run(KIND, name, () -> ec2().deleteSecurityGroup(r -> r.groupId(groupId)));
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return toRecord(lookups.requireSecurityGroup(name));
    }

    @Override
    public void delete(String name) {
        var group = lookups.requireSecurityGroup(name);
        // Checked here too: a clear refusal, whatever the endpoint says about groups in use.
        boolean used = lookups.instances(Ec2Tags.filter("vpc-id", group.vpcId())).stream()
                .anyMatch(i -> i.securityGroups().stream().anyMatch(g -> group.groupId().equals(g.groupId())));
        if (used) {
            throw new ConflictException(context(name), "a VM still uses the security group");
        }
        ctx.errors().run(KIND, name, () -> ec2().deleteSecurityGroup(r -> r.groupId(group.groupId())));
    }

    @Override
    public SecurityGroup addRules(String group, List<SecurityRule> rules) {
        var found = lookups.requireSecurityGroup(group);
        authorize(group, found.groupId(), rules);
        return toRecord(lookups.requireSecurityGroup(group));
    }

    @Override
    public SecurityGroup removeRules(String group, List<SecurityRule> rules) {
        var found = lookups.requireSecurityGroup(group);
        List<SecurityRule> present = rules(found);
        for (SecurityRule rule : rules) {
            if (!present.contains(rule)) {
                throw new NotFoundException(context(group), "has no rule " + rule);
            }
        }
        List<IpPermission> in = permissions(rules, Direction.INBOUND);
        List<IpPermission> out = permissions(rules, Direction.OUTBOUND);
        if (!in.isEmpty()) {
            ctx.errors().run(KIND, group, () -> ec2().revokeSecurityGroupIngress(r -> r.groupId(found.groupId()).ipPermissions(in)));
        }
        if (!out.isEmpty()) {
            ctx.errors().run(KIND, group, () -> ec2().revokeSecurityGroupEgress(r -> r.groupId(found.groupId()).ipPermissions(out)));
        }
        return toRecord(lookups.requireSecurityGroup(group));
    }

    private void authorize(String name, String groupId, List<SecurityRule> rules) {
        List<IpPermission> in = permissions(rules, Direction.INBOUND);
        List<IpPermission> out = permissions(rules, Direction.OUTBOUND);
        if (!in.isEmpty()) {
            ctx.errors().run(KIND, name, () -> ec2().authorizeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(in)));
        }
        if (!out.isEmpty()) {
            ctx.errors().run(KIND, name, () -> ec2().authorizeSecurityGroupEgress(r -> r.groupId(groupId).ipPermissions(out)));
        }
    }

    static List<IpPermission> permissions(List<SecurityRule> rules, Direction direction) {
        return rules.stream().filter(r -> r.direction() == direction).map(AwsSecurityGroups::permission).toList();
    }

    static IpPermission permission(SecurityRule rule) {
        IpPermission.Builder b = IpPermission.builder().ipRanges(IpRange.builder().cidrIp(rule.cidr()).build());
        switch (rule.protocol()) {
            case TCP, UDP -> b.ipProtocol(rule.protocol().name().toLowerCase(java.util.Locale.ROOT))
                    .fromPort(rule.ports().from()).toPort(rule.ports().to());
            // -1/-1: every ICMP type and code.
            case ICMP -> b.ipProtocol("icmp").fromPort(-1).toPort(-1);
            case ALL -> b.ipProtocol("-1");
        }
        return b.build();
    }

    private List<SecurityRule> rules(software.amazon.awssdk.services.ec2.model.SecurityGroup group) {
        List<SecurityRule> rules = new ArrayList<>();
        group.ipPermissions().forEach(p -> rules.addAll(rules(p, Direction.INBOUND)));
        group.ipPermissionsEgress().forEach(p -> rules.addAll(rules(p, Direction.OUTBOUND)));
        return rules;
    }

    static List<SecurityRule> rules(IpPermission p, Direction direction) {
        Protocol protocol = protocol(p.ipProtocol());
        if (protocol == null) {
            return List.of(); // a protocol the common model does not know (e.g. GRE): left out
        }
        PortRange ports = PortRange.ALL;
        if (protocol.hasPorts() && p.fromPort() != null && p.toPort() != null && p.fromPort() >= 0) {
            ports = PortRange.of(Math.max(1, p.fromPort()), Math.max(1, p.toPort()));
        }
        PortRange range = ports;
        // A rule naming another group or a prefix list has no address range: not in the common model.
        return p.ipRanges().stream().filter(ip -> ip.cidrIp() != null)
                .map(ip -> new SecurityRule(direction, protocol, range, ip.cidrIp())).toList();
    }

    private static Protocol protocol(String ipProtocol) {
        return switch (ipProtocol == null ? "-1" : ipProtocol) {
            case "tcp", "6" -> Protocol.TCP;
            case "udp", "17" -> Protocol.UDP;
            case "icmp", "1" -> Protocol.ICMP;
            case "-1", "all" -> Protocol.ALL;
            default -> null;
        };
    }

    private SecurityGroup toRecord(software.amazon.awssdk.services.ec2.model.SecurityGroup group) {
        return toRecord(group, group.vpcId() == null ? Map.of() : lookups.vpcNames(List.of(group.vpcId())));
    }

    private SecurityGroup toRecord(software.amazon.awssdk.services.ec2.model.SecurityGroup group, Map<String, String> vpcs) {
        return new SecurityGroup(Ec2Lookups.name(group), group.groupId(), vpcs.getOrDefault(group.vpcId(), group.vpcId()),
                rules(group), Ec2Tags.user(group.tags()));
    }

    private ErrorContext context(String name) {
        return ErrorContext.of(ctx.config().name(), KIND, name);
    }
}
