package io.multicloud.core.mci;

/** What a review finding is about. */
public enum ReviewCheck {
    /** Subgroup names are unique in the MCI. */
    NAME,
    /** The connection's region, and its zone when set, exist and accept resources. */
    LOCATION,
    /** The spec is offered in the connection's region. */
    SPEC,
    /** The image exists in the connection's region. */
    IMAGE,
    /** The image boots on the spec's CPU architecture. */
    ARCHITECTURE,
    /** A static subgroup's VPC and subnet exist. */
    NETWORK,
    /** The named security groups exist (in the subgroup's VPC, for a static one). */
    SECURITY_GROUP,
    /** The named key pair exists. */
    KEY_PAIR,
    /** The account's vCPU and VM quotas in the region leave room for every subgroup sharing them. */
    QUOTA,
    /** The catalog prices the spec at the subgroup's place (the connection's live prices, else the snapshot's). */
    PRICE,
    /** The subgroups' estimate fits the MCI's budget. */
    BUDGET
}
