package io.multicloud.driver.gcp;

import com.google.cloud.compute.v1.AggregatedListInstancesRequest;
import com.google.cloud.compute.v1.Allowed;
import com.google.cloud.compute.v1.DeleteFirewallRequest;
import com.google.cloud.compute.v1.Denied;
import com.google.cloud.compute.v1.Firewall;
import com.google.cloud.compute.v1.InsertFirewallRequest;
import com.google.cloud.compute.v1.ListFirewallsRequest;
import io.multicloud.api.ConflictException;
import io.multicloud.api.Direction;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.PortRange;
import io.multicloud.api.Protocol;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.SecurityGroup;
import io.multicloud.api.SecurityGroupRequest;
import io.multicloud.api.SecurityRule;
import io.multicloud.spi.SecurityGroupService;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Security groups as sets of firewall rules sharing one target tag, the group's name; a VM is in
 * the group when it carries that network tag. Each group has an anchor rule named as the group
 * (disabled, so it lets nothing through) that makes it exist while it has no rules; each rule is
 * one firewall rule ({@code <group>-<8 hex of the rule>}), INGRESS with source ranges or EGRESS
 * with destination ranges. Any firewall rule of the project shows up: in the group of each of its
 * target tags, or, without target tags, as a group of its own name. GCE lets a firewall rule go
 * whatever uses its tag, so delete first looks for an instance carrying the tag (one filtered
 * call) and refuses with ConflictException.
 */
final class GcpSecurityGroups implements SecurityGroupService {
    private static final ResourceKind KIND = ResourceKind.SECURITY_GROUP;
    private final GcpContext ctx;
    private final GcpProjectStore store;

    GcpSecurityGroups(GcpContext ctx) {
        this.ctx = ctx;
        this.store = new GcpProjectStore(ctx);
    }

    @Override
    public List<SecurityGroup> list() {
        return groups(firewalls(null), store.items());
    }

    @Override
    public Optional<SecurityGroup> find(String nameOrId) {
        if (!nameOrId.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
            return Optional.empty();
        }
        String filter = nameOrId.matches("\\d+") ? "id = \"" + nameOrId + "\"" : "(targetTags = \"" + nameOrId + "\") OR (name = \"" + nameOrId + "\")";
        List<Firewall> rules = firewalls(filter);
        if (rules.isEmpty()) {
            return Optional.empty();
        }
        if (nameOrId.matches("\\d+")) {
            Firewall f = rules.getFirst();
            return find(f.getTargetTagsCount() > 0 ? f.getTargetTags(0) : f.getName());
        }
        return groups(rules, store.items()).stream().filter(g -> g.name().equals(nameOrId)).findFirst();
    }

    private List<Firewall> firewalls(String filter) {
        List<Firewall> out = new ArrayList<>();
        ListFirewallsRequest.Builder request = ListFirewallsRequest.newBuilder().setProject(ctx.project());
        if (filter != null) {
            request.setFilter(filter);
        }
        ctx.errors().run(KIND, null, () -> ctx.clients().firewalls.get().list(request.build()).iterateAll().forEach(out::add));
        return out;
    }

    private List<SecurityGroup> groups(List<Firewall> firewalls, Map<String, String> items) {
        Map<String, List<Firewall>> byGroup = new LinkedHashMap<>();
        for (Firewall f : firewalls) {
            if (f.getTargetTagsCount() == 0) {
                byGroup.computeIfAbsent(f.getName(), k -> new ArrayList<>()).add(f);
            }
            f.getTargetTagsList().forEach(t -> byGroup.computeIfAbsent(t, k -> new ArrayList<>()).add(f));
        }
        List<SecurityGroup> out = new ArrayList<>();
        byGroup.forEach((name, rules) -> {
            Firewall first = rules.stream().filter(f -> f.getName().equals(name)).findFirst().orElse(rules.getFirst());
            List<SecurityRule> converted = new ArrayList<>();
            rules.stream().filter(f -> !f.getDisabled()).forEach(f -> converted.addAll(rules(f)));
            out.add(new SecurityGroup(name, Long.toUnsignedString(first.getId()), GcpContext.last(first.getNetwork()),
                    converted.stream().distinct().toList(), GcpLabels.parse(items.get(GcpProjectStore.tagsKey(KIND, name)))));
        });
        out.sort(Comparator.comparing(SecurityGroup::name));
        return out;
    }

    /** The common rules one firewall rule allows (deny rules have no common form and are left out). */
    static List<SecurityRule> rules(Firewall f) {
        boolean in = !"EGRESS".equals(f.getDirection());
        List<String> ranges = in ? f.getSourceRangesList() : f.getDestinationRangesList();
        if (ranges.isEmpty()) {
            ranges = List.of(SecurityRule.ANYWHERE);
        }
        List<SecurityRule> out = new ArrayList<>();
        for (Allowed a : f.getAllowedList()) {
            Protocol protocol = switch (a.getIPProtocol().toLowerCase(Locale.ROOT)) {
                case "tcp", "6" -> Protocol.TCP;
                case "udp", "17" -> Protocol.UDP;
                case "icmp", "1" -> Protocol.ICMP;
                case "all" -> Protocol.ALL;
                default -> null;
            };
            if (protocol == null) {
                continue;
            }
            List<PortRange> ports = !protocol.hasPorts() || a.getPortsCount() == 0 ? List.of(PortRange.ALL)
                    : a.getPortsList().stream().map(PortRange::parse).toList();
            for (String cidr : ranges) {
                for (PortRange p : ports) {
                    out.add(new SecurityRule(in ? Direction.INBOUND : Direction.OUTBOUND, protocol, p, cidr));
                }
            }
        }
        return out;
    }

    /** The firewall rule of one common rule. */
    Firewall firewall(String group, String networkLink, SecurityRule rule) {
        Allowed.Builder allowed = Allowed.newBuilder().setIPProtocol(rule.protocol().name().toLowerCase(Locale.ROOT));
        if (rule.protocol().hasPorts() && !rule.ports().equals(PortRange.ALL)) {
            allowed.addPorts(rule.ports().toString());
        }
        Firewall.Builder f = Firewall.newBuilder().setName(ruleName(group, rule)).setNetwork(networkLink).addAllowed(allowed)
                .addTargetTags(group).setPriority(1000).setDescription("{\"multicloud\":{\"group\":\"" + group + "\"}}");
        if (rule.direction() == Direction.INBOUND) {
            f.setDirection("INGRESS").addSourceRanges(rule.cidr());
        } else {
            f.setDirection("EGRESS").addDestinationRanges(rule.cidr());
        }
        return f.build();
    }

    static String ruleName(String group, SecurityRule rule) {
        String text = rule.direction() + "|" + rule.protocol() + "|" + rule.ports() + "|" + rule.cidr();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            String prefix = group.length() > 54 ? group.substring(0, 54).replaceAll("-+$", "") : group;
            return prefix + "-" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public SecurityGroup create(SecurityGroupRequest request) {
        String name = request.name();
        String network = new GcpNetworks(ctx).requireNetwork(request.vpc()).getSelfLink();
        Firewall anchor = Firewall.newBuilder().setName(name).setNetwork(network).setDirection("INGRESS").setDisabled(true)
                .setPriority(65535).addDenied(Denied.newBuilder().setIPProtocol("all")).addSourceRanges("0.0.0.0/32")
                .addTargetTags(name).setDescription("{\"multicloud\":{\"group\":\"" + name + "\",\"anchor\":true}}").build();
        insert(name, anchor);
        for (SecurityRule rule : request.rules().stream().distinct().toList()) {
            insert(name, firewall(name, network, rule));
        }
        if (!request.tags().isEmpty()) {
            store.update(KIND, name, items -> {
                items.put(GcpProjectStore.tagsKey(KIND, name), GcpLabels.json(request.tags()));
                return items;
            });
        }
        return require(name);
    }

    private void insert(String group, Firewall f) {
        ctx.operations().await(KIND, group, () -> ctx.clients().firewalls.get().insertAsync(InsertFirewallRequest.newBuilder()
                .setProject(ctx.project()).setFirewallResource(f).setRequestId(GcpOperations.requestId()).build()));
    }

    private void remove(String group, String firewall) {
        ctx.operations().await(KIND, group, () -> ctx.clients().firewalls.get().deleteAsync(DeleteFirewallRequest.newBuilder()
                .setProject(ctx.project()).setFirewall(firewall).setRequestId(GcpOperations.requestId()).build()));
    }

    private SecurityGroup require(String name) {
        return find(name).orElseThrow(() -> new NotFoundException(ctx.error(KIND, name), "no firewall rule has this target tag"));
    }

    @Override
    public void delete(String name) {
        List<Firewall> rules = firewalls("(targetTags = \"" + name + "\") OR (name = \"" + name + "\")");
        if (rules.isEmpty()) {
            throw new NotFoundException(ctx.error(KIND, name), "no firewall rule has this target tag");
        }
        List<String> users = new ArrayList<>();
        ctx.errors().run(ResourceKind.VM, null, () -> ctx.clients().instances.get().aggregatedList(AggregatedListInstancesRequest.newBuilder()
                .setProject(ctx.project()).setFilter("tags.items = \"" + name + "\"").setMaxResults(1).build()).iteratePages()
                .forEach(page -> page.getResponse().getItemsMap().values().forEach(s -> s.getInstancesList().forEach(i -> users.add(i.getName())))));
        if (!users.isEmpty()) {
            throw new ConflictException(ctx.error(KIND, name), "VM '" + users.getFirst() + "' carries this group's network tag");
        }
        rules.stream().sorted(Comparator.comparing((Firewall f) -> f.getName().equals(name))).forEach(f -> remove(name, f.getName()));
        String key = GcpProjectStore.tagsKey(KIND, name);
        if (store.items().containsKey(key)) {
            store.update(KIND, name, items -> {
                items.remove(key);
                return items;
            });
        }
    }

    @Override
    public SecurityGroup addRules(String group, List<SecurityRule> rules) {
        SecurityGroup current = require(group);
        String network = ctx.global("networks", current.vpc());
        for (SecurityRule rule : rules.stream().distinct().toList()) {
            if (!current.rules().contains(rule)) {
                insert(group, firewall(group, network, rule));
            }
        }
        return require(group);
    }

    @Override
    public SecurityGroup removeRules(String group, List<SecurityRule> rules) {
        List<Firewall> firewalls = firewalls("targetTags = \"" + group + "\"");
        if (firewalls.isEmpty()) {
            throw new NotFoundException(ctx.error(KIND, group), "no firewall rule has this target tag");
        }
        for (SecurityRule rule : rules) {
            Firewall f = firewalls.stream().filter(x -> !x.getDisabled() && rules(x).equals(List.of(rule))).findFirst()
                    .orElseThrow(() -> new NotFoundException(ctx.error(KIND, group), "the group has no rule " + rule));
            remove(group, f.getName());
        }
        return require(group);
    }
}
