package io.multicloud.driver.openstack;

import io.multicloud.api.Direction;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.openstack4j.api.Builders;
import org.openstack4j.model.network.Resource;
import org.openstack4j.model.network.SecurityGroupRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Security groups and rules as Neutron's: every group of the project, its {@code default} group
 * included, named by its own name when valid, else by its id. A Neutron group belongs to the project, not to a
 * network: the VPC it was made for is kept in its {@code multicloud:vpc} tag. Rules are read back
 * as Neutron reports them, IPv4 only: a new group shows Neutron's default allow-all egress rule
 * as an outbound ALL rule to 0.0.0.0/0; IPv6 rules and rules naming a remote group (not a block)
 * are left out, as the common model has no words for them. Neutron refuses to delete a group
 * that a port still uses (409), which is the ConflictException the common model asks for.
 */
final class OpenStackSecurityGroups implements SecurityGroupService {
    private static final Logger LOG = LoggerFactory.getLogger(OpenStackSecurityGroups.class);
    private static final ResourceKind KIND = ResourceKind.SECURITY_GROUP;
    static final String VPC_TAG = "multicloud:vpc";

    private final OpenStackContext ctx;
    private final OpenStackLookups lookups;
    private final NeutronTags tags;

    OpenStackSecurityGroups(OpenStackContext ctx) {
        this.ctx = ctx;
        this.lookups = new OpenStackLookups(ctx);
        this.tags = new NeutronTags(ctx);
    }

    @Override
    public List<SecurityGroup> list() {
        return lookups.securityGroups().stream().map(this::toRecord).sorted(Comparator.comparing(SecurityGroup::name)).toList();
    }

    @Override
    public Optional<SecurityGroup> find(String name) {
        return lookups.securityGroup(name).map(this::toRecord);
    }

    @Override
    public SecurityGroup create(SecurityGroupRequest request) {
        String name = request.name();
        if (lookups.securityGroup(name).isPresent()) {
            throw ctx.errors().taken(KIND, name);
        }
        if (request.vpc() != null) {
            lookups.requireNetwork(request.vpc());
        }
        org.openstack4j.model.network.SecurityGroup group = ctx.errors().call(KIND, name,
                () -> ctx.client().networking().securitygroup().create(Builders.securityGroup().name(name)
                        .description("multicloud security group " + name).build()));
        try {
            tags.tagNew(Resource.SECURITY_GROUP, group.getId(), KIND, name, request.tags(),
                    request.vpc() == null ? Map.of() : Map.of(VPC_TAG, request.vpc()));
            List<SecurityRule> present = rules(group);
            for (SecurityRule rule : request.rules()) {
                if (!present.contains(rule)) {
                    createRule(name, group.getId(), rule);
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("{}: creating security group {} failed; deleting it", ctx.config().name(), name);
            try {
                ctx.errors().check(ctx.client().networking().securitygroup().delete(group.getId()), KIND, name);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return find(name).orElseThrow(() -> ctx.errors().notFound(KIND, name));
    }

    @Override
    public void delete(String name) {
        org.openstack4j.model.network.SecurityGroup group = lookups.requireSecurityGroup(name);
        ctx.errors().check(ctx.errors().call(KIND, name,
                () -> ctx.client().networking().securitygroup().delete(group.getId())), KIND, name);
    }

    @Override
    public SecurityGroup addRules(String group, List<SecurityRule> rules) {
        org.openstack4j.model.network.SecurityGroup found = lookups.requireSecurityGroup(group);
        List<SecurityRule> present = new ArrayList<>(rules(found));
        for (SecurityRule rule : rules) {
            if (!present.contains(rule)) {
                createRule(group, found.getId(), rule);
                present.add(rule);
            }
        }
        return find(group).orElseThrow(() -> ctx.errors().notFound(KIND, group));
    }

    @Override
    public SecurityGroup removeRules(String group, List<SecurityRule> rules) {
        org.openstack4j.model.network.SecurityGroup found = lookups.requireSecurityGroup(group);
        List<String> ids = new ArrayList<>();
        for (SecurityRule rule : rules) {
            String id = neutronRules(found).stream().filter(r -> rule.equals(toRule(r))).map(SecurityGroupRule::getId)
                    .findFirst().orElseThrow(() -> new io.multicloud.api.NotFoundException(
                            io.multicloud.api.ErrorContext.of(ctx.config().name(), KIND, group), "has no rule " + rule));
            ids.add(id);
        }
        for (String id : ids) {
            ctx.errors().run(KIND, group, () -> ctx.client().networking().securityrule().delete(id));
        }
        return find(group).orElseThrow(() -> ctx.errors().notFound(KIND, group));
    }

    private void createRule(String group, String groupId, SecurityRule rule) {
        var builder = Builders.securityGroupRule().securityGroupId(groupId).ethertype("IPv4")
                .direction(rule.direction() == Direction.INBOUND ? "ingress" : "egress")
                .remoteIpPrefix(rule.cidr());
        switch (rule.protocol()) {
            case TCP, UDP -> builder.protocol(rule.protocol().name().toLowerCase(Locale.ROOT))
                    .portRangeMin(rule.ports().from()).portRangeMax(rule.ports().to());
            case ICMP -> builder.protocol("icmp");
            case ALL -> {
                // no protocol: every protocol
            }
        }
        ctx.errors().call(KIND, group, () -> ctx.client().networking().securityrule().create(builder.build()));
    }

    private List<? extends SecurityGroupRule> neutronRules(org.openstack4j.model.network.SecurityGroup group) {
        return group.getRules() == null ? List.of() : group.getRules();
    }

    private List<SecurityRule> rules(org.openstack4j.model.network.SecurityGroup group) {
        return neutronRules(group).stream().map(OpenStackSecurityGroups::toRule).filter(r -> r != null).toList();
    }

    /** The common rule for a Neutron rule, or null when the common model cannot say it. */
    static SecurityRule toRule(SecurityGroupRule rule) {
        if (!"IPv4".equals(rule.getEtherType()) || rule.getRemoteGroupId() != null) {
            return null;
        }
        Protocol protocol = switch (rule.getProtocol() == null ? "any" : rule.getProtocol().toLowerCase(Locale.ROOT)) {
            case "tcp", "6" -> Protocol.TCP;
            case "udp", "17" -> Protocol.UDP;
            case "icmp", "1" -> Protocol.ICMP;
            case "any" -> Protocol.ALL;
            default -> null;
        };
        if (protocol == null) {
            return null;
        }
        PortRange ports = PortRange.ALL;
        if (protocol.hasPorts() && rule.getPortRangeMin() != null && rule.getPortRangeMax() != null) {
            ports = PortRange.of(rule.getPortRangeMin(), rule.getPortRangeMax());
        }
        String cidr = rule.getRemoteIpPrefix() == null ? SecurityRule.ANYWHERE : rule.getRemoteIpPrefix();
        Direction direction = "ingress".equals(rule.getDirection()) ? Direction.INBOUND : Direction.OUTBOUND;
        return new SecurityRule(direction, protocol, ports, cidr);
    }

    private SecurityGroup toRecord(org.openstack4j.model.network.SecurityGroup group) {
        String name = OpenStackNames.of(group.getName(), group.getId());
        Map<String, String> all = tags.readAll(Resource.SECURITY_GROUP, group.getId(), KIND, name);
        Map<String, String> user = new java.util.HashMap<>(all);
        user.keySet().removeIf(TagStrings::isOwn);
        return new SecurityGroup(name, group.getId(), all.get(VPC_TAG), rules(group), user);
    }

}
