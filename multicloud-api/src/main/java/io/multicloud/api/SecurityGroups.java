package io.multicloud.api;

/** The security groups of a connection. */
public interface SecurityGroups extends Resources<SecurityGroup, SecurityGroupRequest> {
    /** Adds rules (rules already present are kept once). */
    SecurityGroup addRules(String group, SecurityRule... rules);

    /** Removes rules; throws {@link NotFoundException} for a rule the group does not have. */
    SecurityGroup removeRules(String group, SecurityRule... rules);
}
