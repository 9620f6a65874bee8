package io.multicloud.api;

/** The network load balancers of a connection. */
public interface Nlbs extends Resources<Nlb, NlbRequest> {
    /** Puts more VMs behind the load balancer. */
    Nlb addVms(String nlb, String... vms);

    /** Takes VMs from behind the load balancer. */
    Nlb removeVms(String nlb, String... vms);

    /** Which VMs pass the health check now. */
    NlbHealth health(String nlb);
}
