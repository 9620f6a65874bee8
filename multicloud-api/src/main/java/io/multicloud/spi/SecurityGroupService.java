package io.multicloud.spi;

import io.multicloud.api.SecurityGroup;
import io.multicloud.api.SecurityGroupRequest;
import io.multicloud.api.SecurityRule;
import java.util.List;

/** Security groups and their rules. */
public interface SecurityGroupService extends ResourceService<SecurityGroup, SecurityGroupRequest> {
    /** Adds rules; rules already present stay once. */
    SecurityGroup addRules(String group, List<SecurityRule> rules);

    /** Removes rules; a rule the group lacks is NotFound. */
    SecurityGroup removeRules(String group, List<SecurityRule> rules);
}
