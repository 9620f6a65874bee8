package io.multicloud.driver.alibaba;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.Direction;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Security groups (bound to one VPC) and their rules. A rule is Alibaba's permission with policy
 * {@code accept}: protocol {@code tcp}/{@code udp} with the port range {@code from/to},
 * {@code icmp} or {@code all} with {@code -1/-1}; inbound rules are AuthorizeSecurityGroup with a
 * source CIDR, outbound ones AuthorizeSecurityGroupEgress with a destination CIDR. Rules are
 * removed by their rule ids.
 */
final class AlibabaSecurityGroups implements SecurityGroupService {
    private static final ResourceKind KIND = ResourceKind.SECURITY_GROUP;
    /** The name of the group the driver makes per VPC for VMs created without one. */
    static final String VPC_DEFAULT = "multicloud-vpc-default";
    private final AlibabaContext ctx;
    private final AlibabaNetworks networks;

    AlibabaSecurityGroups(AlibabaContext ctx, AlibabaNetworks networks) {
        this.ctx = ctx;
        this.networks = networks;
    }

    private com.aliyun.ecs20140526.Client ecs() {
        return ctx.clients().ecs();
    }

    /** A group as DescribeSecurityGroups reports it. */
    record RawGroup(String id, String name, String vpcId, Map<String, String> cloudTags) {
    }

    /** Groups to the end; filtered by native name, id or VPC when given. */
    List<RawGroup> rawGroups(String name, String id, String vpcId) {
        return AlibabaContext.allByToken(token -> {
            var req = new com.aliyun.ecs20140526.models.DescribeSecurityGroupsRequest().setRegionId(ctx.region())
                    .setMaxResults(AlibabaContext.MAX_RESULTS).setNextToken(token).setSecurityGroupName(name)
                    .setSecurityGroupId(id).setVpcId(vpcId);
            var body = ctx.call(KIND, name, () -> ecs().describeSecurityGroups(req).getBody());
            List<RawGroup> items = body.getSecurityGroups() == null || body.getSecurityGroups().getSecurityGroup() == null ? List.of()
                    : body.getSecurityGroups().getSecurityGroup().stream().map(g -> {
                Map<String, String> t = new HashMap<>();
                if (g.getTags() != null && g.getTags().getTag() != null) {
                    g.getTags().getTag().forEach(x -> t.put(x.getTagKey(), x.getTagValue() == null ? "" : x.getTagValue()));
                }
                return new RawGroup(g.getSecurityGroupId(), g.getSecurityGroupName(), g.getVpcId(), t);
            }).toList();
            return new AlibabaContext.Page<>(items, body.getNextToken());
        });
    }

    Optional<RawGroup> rawGroup(String nameOrId) {
        if (AlibabaNames.looksLikeId(nameOrId, "sg-")) {
            Optional<RawGroup> byId = rawGroups(null, nameOrId, null).stream().filter(g -> g.id().equals(nameOrId)).findFirst();
            if (byId.isPresent()) {
                return byId;
            }
        }
        return rawGroups(nameOrId, null, null).stream().filter(g -> nameOrId.equals(g.name())).findFirst();
    }

    RawGroup require(String nameOrId) {
        return rawGroup(nameOrId).orElseThrow(() -> new NotFoundException(ctx.error(KIND, nameOrId), "no security group of this name"));
    }

    /** User names of groups by id, from one listing. */
    Map<String, String> names() {
        Map<String, String> out = new HashMap<>();
        rawGroups(null, null, null).forEach(g -> out.put(g.id(), AlibabaNames.of(g.name(), g.id())));
        return out;
    }

    @Override
    public List<SecurityGroup> list() {
        Map<String, String> vpcNames = networks.vpcNames();
        return rawGroups(null, null, null).stream().map(g -> toRecord(g, vpcNames)).sorted(Comparator.comparing(SecurityGroup::name)).toList();
    }

    @Override
    public Optional<SecurityGroup> find(String nameOrId) {
        return rawGroup(nameOrId).map(g -> toRecord(g, null));
    }

    private SecurityGroup toRecord(RawGroup g, Map<String, String> vpcNames) {
        String vpc = g.vpcId();
        if (vpc != null) {
            vpc = vpcNames != null ? vpcNames.getOrDefault(vpc, vpc)
                    : networks.rawVpcs(null, vpc).stream().findFirst().map(v -> AlibabaNames.of(v.name(), v.id())).orElse(vpc);
        }
        List<SecurityRule> rules = permissions(g).stream().map(Perm::rule).distinct().toList();
        return new SecurityGroup(AlibabaNames.of(g.name(), g.id()), g.id(), vpc, rules, AlibabaTags.decode(g.cloudTags()));
    }

    /** One permission of a group, with its rule id. */
    private record Perm(String ruleId, SecurityRule rule) {
    }

    private List<Perm> permissions(RawGroup g) {
        String name = AlibabaNames.of(g.name(), g.id());
        List<Perm> out = new ArrayList<>();
        AlibabaContext.allByToken(token -> {
            var body = ctx.call(KIND, name, () -> ecs().describeSecurityGroupAttribute(
                    new com.aliyun.ecs20140526.models.DescribeSecurityGroupAttributeRequest().setRegionId(ctx.region())
                            .setSecurityGroupId(g.id()).setNextToken(token).setMaxResults(AlibabaContext.MAX_RESULTS)).getBody());
            List<Object> none = List.of();
            if (body.getPermissions() != null && body.getPermissions().getPermission() != null) {
                for (var p : body.getPermissions().getPermission()) {
                    if (p.getPolicy() != null && !"accept".equalsIgnoreCase(p.getPolicy())) {
                        continue;
                    }
                    boolean in = !"egress".equalsIgnoreCase(p.getDirection());
                    String cidr = in ? p.getSourceCidrIp() : p.getDestCidrIp();
                    if (cidr == null || cidr.isEmpty()) {
                        continue; // group-to-group and prefix-list rules have no CIDR form here
                    }
                    out.add(new Perm(p.getSecurityGroupRuleId(), new SecurityRule(in ? Direction.INBOUND : Direction.OUTBOUND,
                            protocol(p.getIpProtocol()), ports(p.getIpProtocol(), p.getPortRange()), cidr)));
                }
            }
            return new AlibabaContext.Page<>(none, body.getNextToken());
        });
        return out;
    }

    static Protocol protocol(String ipProtocol) {
        return switch (ipProtocol == null ? "all" : ipProtocol.toLowerCase(Locale.ROOT)) {
            case "tcp" -> Protocol.TCP;
            case "udp" -> Protocol.UDP;
            case "icmp" -> Protocol.ICMP;
            default -> Protocol.ALL;
        };
    }

    static PortRange ports(String ipProtocol, String range) {
        Protocol p = protocol(ipProtocol);
        if (!p.hasPorts() || range == null || range.startsWith("-1")) {
            return PortRange.ALL;
        }
        int slash = range.indexOf('/');
        return PortRange.of(Integer.parseInt(range.substring(0, slash)), Integer.parseInt(range.substring(slash + 1)));
    }

    static String ipProtocol(Protocol p) {
        return p.name().toLowerCase(Locale.ROOT);
    }

    static String portRange(SecurityRule r) {
        return r.protocol().hasPorts() ? r.ports().from() + "/" + r.ports().to() : "-1/-1";
    }

    @Override
    public SecurityGroup create(SecurityGroupRequest request) {
        String name = request.name();
        if (!rawGroups(name, null, null).isEmpty()) {
            throw new AlreadyExistsException(ctx.error(KIND, name), "a security group of this name exists");
        }
        var vpc = networks.requireVpc(request.vpc());
        List<com.aliyun.ecs20140526.models.CreateSecurityGroupRequest.CreateSecurityGroupRequestTag> tags = new ArrayList<>();
        AlibabaTags.encode(request.tags()).forEach((k, v) -> tags.add(
                new com.aliyun.ecs20140526.models.CreateSecurityGroupRequest.CreateSecurityGroupRequestTag().setKey(k).setValue(v)));
        String id = ctx.call(KIND, name, () -> ecs().createSecurityGroup(new com.aliyun.ecs20140526.models.CreateSecurityGroupRequest()
                .setRegionId(ctx.region()).setSecurityGroupName(name).setVpcId(vpc.id()).setTag(tags.isEmpty() ? null : tags)
                .setClientToken(AlibabaContext.token(null))).getBody().getSecurityGroupId());
        authorize(name, id, request.rules());
        return find(id).orElseThrow(() -> new NotFoundException(ctx.error(KIND, name), "the new security group is not listed"));
    }

    private void authorize(String name, String id, List<SecurityRule> rules) {
        for (SecurityRule r : new LinkedHashMap<SecurityRule, Boolean>(rulesMap(rules)).keySet()) {
            if (r.direction() == Direction.INBOUND) {
                ctx.call(KIND, name, () -> ecs().authorizeSecurityGroup(new com.aliyun.ecs20140526.models.AuthorizeSecurityGroupRequest()
                        .setRegionId(ctx.region()).setSecurityGroupId(id).setIpProtocol(ipProtocol(r.protocol()))
                        .setPortRange(portRange(r)).setSourceCidrIp(r.cidr()).setPolicy("accept")));
            } else {
                ctx.call(KIND, name, () -> ecs().authorizeSecurityGroupEgress(
                        new com.aliyun.ecs20140526.models.AuthorizeSecurityGroupEgressRequest().setRegionId(ctx.region())
                                .setSecurityGroupId(id).setIpProtocol(ipProtocol(r.protocol())).setPortRange(portRange(r))
                                .setDestCidrIp(r.cidr()).setPolicy("accept")));
            }
        }
    }

    private static Map<SecurityRule, Boolean> rulesMap(List<SecurityRule> rules) {
        Map<SecurityRule, Boolean> m = new LinkedHashMap<>();
        rules.forEach(r -> m.put(r, true));
        return m;
    }

    /**
     * The id of the VPC's default group (no rules: nothing comes in, everything goes out), made on
     * first use for VMs created without a security group; {@link AlibabaNetworks#delete} removes it
     * with the VPC.
     */
    synchronized String vpcDefault(String vpcId) {
        return rawGroups(VPC_DEFAULT, null, vpcId).stream().filter(g -> VPC_DEFAULT.equals(g.name())).findFirst().map(RawGroup::id)
                .orElseGet(() -> ctx.call(KIND, VPC_DEFAULT, () -> ecs().createSecurityGroup(
                        new com.aliyun.ecs20140526.models.CreateSecurityGroupRequest().setRegionId(ctx.region())
                                .setSecurityGroupName(VPC_DEFAULT).setVpcId(vpcId).setDescription("multicloud: default group of the VPC")
                                .setClientToken(AlibabaContext.token(null))).getBody().getSecurityGroupId()));
    }

    @Override
    public void delete(String name) {
        RawGroup g = require(name);
        ctx.call(KIND, name, () -> ecs().deleteSecurityGroup(new com.aliyun.ecs20140526.models.DeleteSecurityGroupRequest()
                .setRegionId(ctx.region()).setSecurityGroupId(g.id())));
    }

    @Override
    public SecurityGroup addRules(String group, List<SecurityRule> rules) {
        RawGroup g = require(group);
        List<SecurityRule> present = permissions(g).stream().map(Perm::rule).toList();
        authorize(group, g.id(), rules.stream().filter(r -> !present.contains(r)).toList());
        return toRecord(g, null);
    }

    @Override
    public SecurityGroup removeRules(String group, List<SecurityRule> rules) {
        RawGroup g = require(group);
        List<Perm> perms = permissions(g);
        for (SecurityRule r : rules) {
            if (perms.stream().noneMatch(p -> p.rule().equals(r))) {
                throw new NotFoundException(ctx.error(KIND, group), "the group has no rule " + r);
            }
        }
        for (SecurityRule r : rules) {
            List<String> ids = perms.stream().filter(p -> p.rule().equals(r)).map(Perm::ruleId).toList();
            if (r.direction() == Direction.INBOUND) {
                ctx.call(KIND, group, () -> ecs().revokeSecurityGroup(new com.aliyun.ecs20140526.models.RevokeSecurityGroupRequest()
                        .setRegionId(ctx.region()).setSecurityGroupId(g.id()).setSecurityGroupRuleId(ids)));
            } else {
                ctx.call(KIND, group, () -> ecs().revokeSecurityGroupEgress(
                        new com.aliyun.ecs20140526.models.RevokeSecurityGroupEgressRequest().setRegionId(ctx.region())
                                .setSecurityGroupId(g.id()).setSecurityGroupRuleId(ids)));
            }
        }
        return toRecord(g, null);
    }
}
