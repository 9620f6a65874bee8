package io.multicloud.driver.tencent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.Direction;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.PortRange;
import io.multicloud.api.Protocol;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.SecurityGroup;
import io.multicloud.api.SecurityGroupRequest;
import io.multicloud.api.SecurityRule;
import io.multicloud.driver.tencent.TencentClients.Product;
import io.multicloud.spi.SecurityGroupService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Security groups and their ordered policy sets (VPC CreateSecurityGroupWithPolicies,
 * DescribeSecurityGroupPolicies, CreateSecurityGroupPolicies, DeleteSecurityGroupPolicies). A
 * Tencent group belongs to no VPC: the VPC it was made for is kept in a {@code multicloud:vpc} tag.
 * Rules map to ACCEPT policies ({@code TCP}/{@code UDP}/{@code ICMP}/{@code ALL}, port
 * {@code 22}, {@code 8000-8080} or {@code ALL}, an IPv4 CIDR) in the order given; new rules are
 * appended after the existing ones, so the order the user built stays the order the cloud
 * evaluates. A group made without outbound rules gets one that allows everything out (as a new
 * group on most clouds has). DROP policies made outside the library are not shown as rules.
 */
final class TencentSecurityGroups implements SecurityGroupService {
    private static final ResourceKind KIND = ResourceKind.SECURITY_GROUP;

    private final TencentContext ctx;
    private final TencentNetworks networks;

    TencentSecurityGroups(TencentContext ctx, TencentNetworks networks) {
        this.ctx = ctx;
        this.networks = networks;
    }

    @Override
    public List<SecurityGroup> list() {
        List<JsonNode> groups = ctx.api().list(Product.VPC, "DescribeSecurityGroups", TencentApi.object(),
                "SecurityGroupSet", true, KIND, null);
        Map<String, String> vpcNames = networks.names(groups.stream()
                .map(g -> TencentTagCodec.own(g.path("TagSet"), TencentTagCodec.VPC_TAG))
                .filter(v -> v != null && !v.isEmpty()).collect(Collectors.toSet()));
        return groups.stream().map(g -> toRecord(g, policies(g.path("SecurityGroupId").asText()), vpcNames)).toList();
    }

    @Override
    public Optional<SecurityGroup> find(String nameOrId) {
        return findRaw(nameOrId).map(this::toRecord);
    }

    Optional<JsonNode> findRaw(String nameOrId) {
        if (TencentTagCodec.isId(nameOrId, "sg")) {
            Optional<JsonNode> byId = describe("security-group-id", nameOrId).stream()
                    .filter(g -> nameOrId.equals(g.path("SecurityGroupId").asText())).findFirst();
            if (byId.isPresent()) {
                return byId;
            }
        }
        return describe("security-group-name", nameOrId).stream()
                .filter(g -> nameOrId.equals(g.path("SecurityGroupName").asText())).findFirst();
    }

    private List<JsonNode> describe(String filter, String value) {
        ObjectNode params = TencentApi.object();
        params.withArray("Filters").add(TencentApi.filter(filter, List.of(value)));
        return ctx.api().list(Product.VPC, "DescribeSecurityGroups", params, "SecurityGroupSet", true, KIND, value);
    }

    JsonNode requireRaw(String name) {
        return findRaw(name).orElseThrow(() -> new NotFoundException(ctx.error(KIND, name), "no security group of this name or id"));
    }

    /** Group names by id, one call for all. */
    Map<String, String> names(Set<String> ids) {
        Map<String, String> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        ObjectNode params = TencentApi.object();
        params.set("SecurityGroupIds", TencentApi.strings(ids));
        for (JsonNode g : ctx.api().list(Product.VPC, "DescribeSecurityGroups", params, "SecurityGroupSet", true, KIND, null)) {
            out.put(g.path("SecurityGroupId").asText(),
                    TencentTagCodec.nameOr(g.path("SecurityGroupName").asText(), g.path("SecurityGroupId").asText()));
        }
        return out;
    }

    @Override
    public SecurityGroup create(SecurityGroupRequest request) {
        String name = request.name();
        if (findRaw(name).isPresent()) {
            throw new AlreadyExistsException(ctx.error(KIND, name), "a security group of this name exists");
        }
        String vpcId = networks.requireRaw(request.vpc()).path("VpcId").asText();
        List<SecurityRule> rules = new ArrayList<>(request.rules());
        if (rules.stream().noneMatch(r -> r.direction() == Direction.OUTBOUND)) {
            rules.add(SecurityRule.outbound(Protocol.ALL, PortRange.ALL, SecurityRule.ANYWHERE));
        }
        ObjectNode params = TencentApi.object();
        params.put("GroupName", name);
        params.put("GroupDescription", "multicloud security group " + name);
        Map<String, String> tags = new LinkedHashMap<>(TencentTagCodec.encode(request.tags()));
        tags.put(TencentTagCodec.VPC_TAG, vpcId);
        params.set("Tags", TencentTagCodec.toJson(tags));
        params.set("SecurityGroupPolicySet", policySet(rules));
        JsonNode group = ctx.api().change(Product.VPC, "CreateSecurityGroupWithPolicies", params, KIND, name).path("SecurityGroup");
        return toRecord(group);
    }

    @Override
    public void delete(String name) {
        JsonNode group = requireRaw(name);
        ObjectNode params = TencentApi.object();
        params.put("SecurityGroupId", group.path("SecurityGroupId").asText());
        ctx.api().change(Product.VPC, "DeleteSecurityGroup", params, KIND, name);
    }

    @Override
    public SecurityGroup addRules(String groupName, List<SecurityRule> rules) {
        JsonNode group = requireRaw(groupName);
        String id = group.path("SecurityGroupId").asText();
        List<SecurityRule> present = rules(policies(id));
        List<SecurityRule> added = rules.stream().distinct().filter(r -> !present.contains(r)).toList();
        for (Direction direction : Direction.values()) {
            List<SecurityRule> these = added.stream().filter(r -> r.direction() == direction).toList();
            if (!these.isEmpty()) {
                ObjectNode params = TencentApi.object();
                params.put("SecurityGroupId", id);
                params.set("SecurityGroupPolicySet", policySet(these));
                ctx.api().change(Product.VPC, "CreateSecurityGroupPolicies", params, KIND, groupName);
            }
        }
        return toRecord(group);
    }

    @Override
    public SecurityGroup removeRules(String groupName, List<SecurityRule> rules) {
        JsonNode group = requireRaw(groupName);
        String id = group.path("SecurityGroupId").asText();
        JsonNode policies = policies(id);
        ObjectNode set = TencentApi.object();
        ArrayNode ingress = set.putArray("Ingress");
        ArrayNode egress = set.putArray("Egress");
        for (SecurityRule rule : rules) {
            String field = rule.direction() == Direction.INBOUND ? "Ingress" : "Egress";
            JsonNode match = null;
            for (JsonNode p : policies.path(field)) {
                if (rule.equals(toRule(rule.direction(), p))) {
                    match = p;
                    break;
                }
            }
            if (match == null) {
                throw new NotFoundException(ctx.error(KIND, groupName), "the group has no rule " + rule);
            }
            (rule.direction() == Direction.INBOUND ? ingress : egress).addObject().put("PolicyIndex", match.path("PolicyIndex").asInt());
        }
        // Tencent deletes one direction per call.
        for (String field : List.of("Ingress", "Egress")) {
            if (!set.path(field).isEmpty()) {
                ObjectNode params = TencentApi.object();
                params.put("SecurityGroupId", id);
                params.putObject("SecurityGroupPolicySet").set(field, set.get(field));
                ctx.api().change(Product.VPC, "DeleteSecurityGroupPolicies", params, KIND, groupName);
            }
        }
        return toRecord(group);
    }

    JsonNode policies(String groupId) {
        ObjectNode params = TencentApi.object();
        params.put("SecurityGroupId", groupId);
        return ctx.api().read(Product.VPC, "DescribeSecurityGroupPolicies", params, KIND, groupId).path("SecurityGroupPolicySet");
    }

    static ObjectNode policySet(List<SecurityRule> rules) {
        ObjectNode set = TencentApi.object();
        for (SecurityRule r : rules) {
            ObjectNode p = (r.direction() == Direction.INBOUND ? set.withArray("Ingress") : set.withArray("Egress")).addObject();
            p.put("Protocol", r.protocol().name());
            if (r.protocol().hasPorts()) {
                p.put("Port", r.ports().equals(PortRange.ALL) ? "ALL"
                        : r.ports().from() == r.ports().to() ? Integer.toString(r.ports().from())
                        : r.ports().from() + "-" + r.ports().to());
            }
            p.put("CidrBlock", r.cidr());
            p.put("Action", "ACCEPT");
        }
        return set;
    }

    static List<SecurityRule> rules(JsonNode policySet) {
        List<SecurityRule> out = new ArrayList<>();
        policySet.path("Ingress").forEach(p -> Optional.ofNullable(toRule(Direction.INBOUND, p)).ifPresent(out::add));
        policySet.path("Egress").forEach(p -> Optional.ofNullable(toRule(Direction.OUTBOUND, p)).ifPresent(out::add));
        return out;
    }

    /** The rule of an ACCEPT policy on an IPv4 block, or null for any other policy. */
    static SecurityRule toRule(Direction direction, JsonNode p) {
        if (!"ACCEPT".equalsIgnoreCase(p.path("Action").asText()) || p.path("CidrBlock").asText("").isEmpty()) {
            return null;
        }
        Protocol protocol;
        try {
            protocol = Protocol.valueOf(p.path("Protocol").asText("ALL").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
        String port = p.path("Port").asText("ALL");
        PortRange ports = !protocol.hasPorts() || port.isEmpty() || port.equalsIgnoreCase("ALL") ? PortRange.ALL : PortRange.parse(port);
        return new SecurityRule(direction, protocol, ports, p.path("CidrBlock").asText());
    }

    private SecurityGroup toRecord(JsonNode g) {
        String vpcId = TencentTagCodec.own(g.path("TagSet"), TencentTagCodec.VPC_TAG);
        Map<String, String> vpcNames = vpcId == null ? Map.of() : networks.names(List.of(vpcId));
        return toRecord(g, policies(g.path("SecurityGroupId").asText()), vpcNames);
    }

    private static SecurityGroup toRecord(JsonNode g, JsonNode policies, Map<String, String> vpcNames) {
        String id = g.path("SecurityGroupId").asText();
        String vpcId = TencentTagCodec.own(g.path("TagSet"), TencentTagCodec.VPC_TAG);
        return new SecurityGroup(TencentTagCodec.nameOr(g.path("SecurityGroupName").asText(), id), id,
                vpcId == null ? null : vpcNames.getOrDefault(vpcId, vpcId), rules(policies), TencentTagCodec.user(g.path("TagSet")));
    }
}
