package io.multicloud.driver.azure;

import com.azure.resourcemanager.network.fluent.models.NetworkSecurityGroupInner;
import com.azure.resourcemanager.network.fluent.models.SecurityRuleInner;
import com.azure.resourcemanager.network.models.SecurityRuleAccess;
import com.azure.resourcemanager.network.models.SecurityRuleDirection;
import com.azure.resourcemanager.network.models.SecurityRuleProtocol;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Security groups as network security groups (NSGs). Every rule of the common model is an
 * {@code Allow} rule; its priority is given by the driver (100, 110, 120, ... per direction, the
 * first free one), its name is {@code mc-in-<priority>} or {@code mc-out-<priority>}. Inbound rules
 * take the CIDR as source, outbound ones as destination; protocols are Tcp, Udp, Icmp or * (ALL);
 * all ports are {@code *}. Azure's default rules (and any Deny rule) are not shown. An NSG is not
 * tied to a virtual network in Azure: the VPC it was made for is kept in a tag (and checked to
 * exist). One NSG attaches to a VM's NIC; an NSG a NIC uses cannot be deleted
 * ({@code InUseNetworkSecurityGroupCannotBeDeleted}, a conflict).
 */
final class AzureSecurityGroups implements SecurityGroupService {
    private static final ResourceKind KIND = ResourceKind.SECURITY_GROUP;
    static final String TYPE = "Microsoft.Network/networkSecurityGroups";
    static final String VPC_TAG = AzureTagNames.OWN + "vpc";
    private static final String ANY = "*";

    private final AzureContext ctx;
    private final AzureNetworks networks;

    AzureSecurityGroups(AzureContext ctx, AzureNetworks networks) {
        this.ctx = ctx;
        this.networks = networks;
    }

    private com.azure.resourcemanager.network.fluent.NetworkManagementClient net() {
        return ctx.clients().network();
    }

    @Override
    public List<SecurityGroup> list() {
        List<SecurityGroup> all = new ArrayList<>();
        ctx.errors().call(KIND, null, () -> {
            net().getNetworkSecurityGroups().list().forEach(g -> all.add(toRecord(g)));
            return all;
        });
        all.sort(Comparator.comparing(SecurityGroup::name));
        return List.copyOf(all);
    }

    @Override
    public Optional<SecurityGroup> find(String nameOrId) {
        return raw(nameOrId).map(AzureSecurityGroups::toRecord);
    }

    Optional<NetworkSecurityGroupInner> raw(String nameOrId) {
        return ctx.lookup().find(KIND, TYPE, nameOrId, (group, name) -> net().getNetworkSecurityGroups().getByResourceGroup(group, name));
    }

    NetworkSecurityGroupInner require(String nameOrId) {
        return raw(nameOrId).orElseThrow(() -> ctx.notFound(KIND, nameOrId));
    }

    @Override
    public SecurityGroup create(SecurityGroupRequest request) {
        String name = request.name();
        if (ctx.lookup().inOwnGroup(KIND, name, (group, n) -> net().getNetworkSecurityGroups().getByResourceGroup(group, n)).isPresent()) {
            throw new AlreadyExistsException(ctx.context(KIND, name), "a network security group of this name exists in " + ctx.resourceGroup());
        }
        String vpc = networks.require(request.vpc()).name();
        ctx.ensureResourceGroup();
        List<SecurityRuleInner> rules = new ArrayList<>();
        Set<Integer> inTaken = new TreeSet<>();
        Set<Integer> outTaken = new TreeSet<>();
        for (SecurityRule rule : request.rules().stream().distinct().toList()) {
            Set<Integer> taken = rule.direction() == Direction.INBOUND ? inTaken : outTaken;
            int priority = nextPriority(taken);
            taken.add(priority);
            rules.add(toAzure(rule, priority));
        }
        NetworkSecurityGroupInner body = new NetworkSecurityGroupInner().withLocation(ctx.region())
                .withTags(AzureTagNames.forAzure(request.tags(), Map.of(VPC_TAG, vpc))).withSecurityRules(rules);
        return toRecord(ctx.await(KIND, name, () -> net().getNetworkSecurityGroups().beginCreateOrUpdate(ctx.resourceGroup(), name, body)));
    }

    @Override
    public void delete(String nameOrId) {
        NetworkSecurityGroupInner nsg = require(nameOrId);
        ctx.await(KIND, nsg.name(), () -> net().getNetworkSecurityGroups().beginDelete(AzureIds.group(nsg.id()), nsg.name()));
    }

    @Override
    public SecurityGroup addRules(String group, List<SecurityRule> rules) {
        NetworkSecurityGroupInner nsg = require(group);
        List<SecurityRuleInner> existing = nsg.securityRules() == null ? List.of() : nsg.securityRules();
        Set<Integer> inTaken = new TreeSet<>();
        Set<Integer> outTaken = new TreeSet<>();
        List<SecurityRule> present = new ArrayList<>();
        for (SecurityRuleInner r : existing) {
            (r.direction() == SecurityRuleDirection.OUTBOUND ? outTaken : inTaken).add(r.priority());
            fromAzure(r).ifPresent(present::add);
        }
        for (SecurityRule rule : rules.stream().distinct().toList()) {
            if (present.contains(rule)) {
                continue;
            }
            Set<Integer> taken = rule.direction() == Direction.INBOUND ? inTaken : outTaken;
            int priority = nextPriority(taken);
            taken.add(priority);
            SecurityRuleInner body = toAzure(rule, priority);
            ctx.await(KIND, nsg.name(), () -> net().getSecurityRules().beginCreateOrUpdate(AzureIds.group(nsg.id()), nsg.name(), body.name(), body));
        }
        return find(nsg.id()).orElseThrow(() -> ctx.notFound(KIND, group));
    }

    @Override
    public SecurityGroup removeRules(String group, List<SecurityRule> rules) {
        NetworkSecurityGroupInner nsg = require(group);
        List<SecurityRuleInner> existing = nsg.securityRules() == null ? List.of() : nsg.securityRules();
        List<String> toDelete = new ArrayList<>();
        for (SecurityRule rule : rules) {
            List<String> matching = existing.stream().filter(r -> fromAzure(r).filter(rule::equals).isPresent())
                    .map(SecurityRuleInner::name).toList();
            if (matching.isEmpty()) {
                throw new NotFoundException(ctx.context(KIND, nsg.name()), "the group has no rule " + rule);
            }
            toDelete.addAll(matching);
        }
        for (String ruleName : toDelete) {
            ctx.await(KIND, nsg.name(), () -> net().getSecurityRules().beginDelete(AzureIds.group(nsg.id()), nsg.name(), ruleName));
        }
        return find(nsg.id()).orElseThrow(() -> ctx.notFound(KIND, group));
    }

    private static int nextPriority(Set<Integer> taken) {
        int p = 100;
        while (taken.contains(p)) {
            p += 10;
        }
        if (p > 4096) {
            throw new io.multicloud.api.InvalidRequestException("rules", "a network security group has no free priority left (100-4096)");
        }
        return p;
    }

    static SecurityRuleInner toAzure(SecurityRule rule, int priority) {
        boolean in = rule.direction() == Direction.INBOUND;
        String ports = rule.protocol().hasPorts() && !rule.ports().equals(PortRange.ALL)
                ? (rule.ports().from() == rule.ports().to() ? Integer.toString(rule.ports().from()) : rule.ports().from() + "-" + rule.ports().to())
                : ANY;
        SecurityRuleInner r = new SecurityRuleInner().withName((in ? "mc-in-" : "mc-out-") + priority).withPriority(priority)
                .withAccess(SecurityRuleAccess.ALLOW).withDirection(in ? SecurityRuleDirection.INBOUND : SecurityRuleDirection.OUTBOUND)
                .withProtocol(switch (rule.protocol()) {
                    case TCP -> SecurityRuleProtocol.TCP;
                    case UDP -> SecurityRuleProtocol.UDP;
                    case ICMP -> SecurityRuleProtocol.ICMP;
                    case ALL -> SecurityRuleProtocol.ASTERISK;
                })
                .withSourcePortRange(ANY).withDestinationPortRange(ports);
        String cidr = rule.cidr();
        return in ? r.withSourceAddressPrefix(cidr).withDestinationAddressPrefix(ANY)
                : r.withSourceAddressPrefix(ANY).withDestinationAddressPrefix(cidr);
    }

    /** The common rule of an Azure rule; empty for what the model cannot show (Deny, several prefixes). */
    static Optional<SecurityRule> fromAzure(SecurityRuleInner r) {
        if (r.access() != SecurityRuleAccess.ALLOW || r.direction() == null || r.protocol() == null) {
            return Optional.empty();
        }
        boolean in = r.direction() == SecurityRuleDirection.INBOUND;
        Protocol protocol;
        String p = r.protocol().toString().toLowerCase(java.util.Locale.ROOT);
        switch (p) {
            case "tcp" -> protocol = Protocol.TCP;
            case "udp" -> protocol = Protocol.UDP;
            case "icmp" -> protocol = Protocol.ICMP;
            case "*" -> protocol = Protocol.ALL;
            default -> {
                return Optional.empty();
            }
        }
        String prefix = in ? r.sourceAddressPrefix() : r.destinationAddressPrefix();
        if (prefix == null || prefix.equals(ANY) || prefix.equalsIgnoreCase("Internet")) {
            prefix = SecurityRule.ANYWHERE;
        }
        if (!prefix.contains("/")) {
            prefix = prefix.contains(".") ? prefix + "/32" : prefix;
        }
        try {
            PortRange ports = protocol.hasPorts() && r.destinationPortRange() != null && !ANY.equals(r.destinationPortRange())
                    ? PortRange.parse(r.destinationPortRange()) : PortRange.ALL;
            return Optional.of(new SecurityRule(in ? Direction.INBOUND : Direction.OUTBOUND, protocol, ports, prefix));
        } catch (RuntimeException e) {
            return Optional.empty(); // a service tag or a list of ranges: outside the common model
        }
    }

    static SecurityGroup toRecord(NetworkSecurityGroupInner g) {
        List<SecurityRule> rules = g.securityRules() == null ? List.of() : g.securityRules().stream()
                .sorted(Comparator.comparing(r -> r.priority() == null ? 0 : r.priority()))
                .map(AzureSecurityGroups::fromAzure).flatMap(Optional::stream).toList();
        String vpc = AzureTagNames.own(g.tags(), VPC_TAG);
        return new SecurityGroup(AzureIds.shown(g.name(), g.id()), g.id(), vpc, rules, AzureTagNames.user(g.tags()));
    }
}
