package io.multicloud.api;

/** An IP protocol in security rules and load balancers. {@code ALL} means every protocol. */
public enum Protocol {
    TCP, UDP, ICMP, ALL;

    /** Whether rules of this protocol have ports. */
    public boolean hasPorts() {
        return this == TCP || this == UDP;
    }
}
