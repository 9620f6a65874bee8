package io.multicloud.core.cloud;

import io.multicloud.api.ResourceKind;
import io.multicloud.api.SecurityGroup;
import io.multicloud.api.SecurityGroupRequest;
import io.multicloud.api.SecurityGroups;
import io.multicloud.api.SecurityRule;
import io.multicloud.api.Validate;
import io.multicloud.spi.SecurityGroupService;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/** Security groups and their rules. */
final class SecurityGroupCollection extends ResourceCollection<SecurityGroup, SecurityGroupRequest, SecurityGroupService>
        implements SecurityGroups {

    SecurityGroupCollection(CloudContext context, Supplier<SecurityGroupService> service) {
        super(context, ResourceKind.SECURITY_GROUP, service);
    }

    @Override
    public SecurityGroup addRules(String group, SecurityRule... rules) {
        return service().addRules(Validate.notBlank("security group name", group), rules("rules", rules));
    }

    @Override
    public SecurityGroup removeRules(String group, SecurityRule... rules) {
        return service().removeRules(Validate.notBlank("security group name", group), rules("rules", rules));
    }

    private static List<SecurityRule> rules(String field, SecurityRule... rules) {
        List<SecurityRule> list = Validate.notEmpty(field, rules == null ? null : Arrays.asList(rules));
        list.forEach(r -> Validate.required("rule", r));
        return List.copyOf(list);
    }
}
