package io.multicloud.api;

/** The kinds of resource a cloud connection manages; used in errors, tags and capabilities. */
public enum ResourceKind {
    REGION("region"), ZONE("zone"), IMAGE("image"), SPEC("spec"), PRICE("price"),
    VPC("VPC"), SUBNET("subnet"), SECURITY_GROUP("security group"), KEY_PAIR("key pair"),
    VM("VM"), DISK("disk"), MY_IMAGE("my-image"), NLB("NLB"), CLUSTER("cluster"), NODE_GROUP("node group");

    private final String label;

    ResourceKind(String label) {
        this.label = label;
    }

    /** A human-readable name used in messages, such as {@code "security group"}. */
    public String label() {
        return label;
    }
}
