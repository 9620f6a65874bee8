package io.multicloud.driver.mock;

import io.multicloud.api.ResourceKind;
import io.multicloud.api.SecurityGroup;
import io.multicloud.api.SecurityGroupRequest;
import io.multicloud.api.SecurityRule;
import io.multicloud.driver.mock.MockEntities.RuleData;
import io.multicloud.driver.mock.MockEntities.SecurityGroupEntity;
import io.multicloud.spi.SecurityGroupService;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Security groups of a VPC and their rules. A group used by a VM or a cluster cannot be deleted. */
final class MockSecurityGroups implements SecurityGroupService {
    private static final String KIND = "security_group";

    private final MockContext ctx;

    MockSecurityGroups(MockContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public List<SecurityGroup> list() {
        return ctx.read(MockOperations.of(KIND, "list"),
                (r, now) -> r.securityGroups.all().stream().map(SecurityGroupEntity::toRecord).toList());
    }

    @Override
    public Optional<SecurityGroup> find(String name) {
        return ctx.read(MockOperations.of(KIND, "find"), (r, now) -> r.securityGroups.find(name).map(SecurityGroupEntity::toRecord));
    }

    @Override
    public SecurityGroup create(SecurityGroupRequest request) {
        return ctx.write(MockOperations.of(KIND, "create"), (r, now) -> {
            request.requireComplete();
            r.securityGroups.requireFree(request.name(), ctx.errors);
            r.vpcs.get(request.vpc(), ctx.errors);
            SecurityGroupEntity sg = new SecurityGroupEntity();
            sg.init(request.name(), MockContext.newId("sg"), request.tags());
            sg.vpc = request.vpc();
            setRules(sg, new LinkedHashSet<>(request.rules()));
            r.securityGroups.add(sg);
            return sg.toRecord();
        });
    }

    @Override
    public void delete(String name) {
        ctx.write(MockOperations.of(KIND, "delete"), (r, now) -> {
            r.securityGroups.get(name, ctx.errors);
            new Dependents()
                    .add("VM(s)", MockNetworks.names(r.vms.where(v -> v.securityGroups.contains(name))))
                    .add("cluster(s)", MockNetworks.names(r.clusters.where(c -> c.securityGroups.contains(name))))
                    .refuse(ctx.errors, ResourceKind.SECURITY_GROUP, name, "delete the security group");
            r.securityGroups.remove(name);
            return null;
        });
    }

    @Override
    public SecurityGroup addRules(String group, List<SecurityRule> rules) {
        return ctx.write(MockOperations.of(KIND, "addRules"), (r, now) -> {
            SecurityGroupEntity sg = r.securityGroups.get(group, ctx.errors);
            Set<SecurityRule> all = new LinkedHashSet<>(sg.ruleList());
            all.addAll(rules);
            setRules(sg, all);
            return sg.toRecord();
        });
    }

    @Override
    public SecurityGroup removeRules(String group, List<SecurityRule> rules) {
        return ctx.write(MockOperations.of(KIND, "removeRules"), (r, now) -> {
            SecurityGroupEntity sg = r.securityGroups.get(group, ctx.errors);
            Set<SecurityRule> all = new LinkedHashSet<>(sg.ruleList());
            for (SecurityRule rule : rules) {
                if (!all.contains(rule)) {
                    throw ctx.errors.notFound(ResourceKind.SECURITY_GROUP, group, "has no rule " + describe(rule));
                }
            }
            rules.forEach(all::remove);
            setRules(sg, all);
            return sg.toRecord();
        });
    }

    private static void setRules(SecurityGroupEntity sg, Set<SecurityRule> rules) {
        sg.rules = rules.stream().map(RuleData::of).collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
    }

    private static String describe(SecurityRule rule) {
        return rule.direction().name().toLowerCase(Locale.ROOT) + " " + rule.protocol() + " " + rule.ports()
                + (rule.direction() == io.multicloud.api.Direction.INBOUND ? " from " : " to ") + rule.cidr();
    }
}
