package io.multicloud.driver.gcp;

import com.google.cloud.compute.v1.ForwardingRule;
import com.google.cloud.compute.v1.Instance;
import io.multicloud.api.Listener;
import io.multicloud.api.Nlb;
import io.multicloud.api.NlbHealth;
import io.multicloud.api.Protocol;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One way GCE builds a regional external passthrough load balancer behind its forwarding rule:
 * a backend service ({@link GcpBackendServiceNlbs}, what the library creates) or a target pool
 * ({@link GcpTargetPoolNlbs}, the older way, still read).
 */
interface GcpNlbForm {
    /** Whether the forwarding rule points at this form's back end. */
    boolean owns(ForwardingRule rule);

    /** The load balancers of these rules (all owned by this form) that are passthrough NLBs, read in bulk. */
    List<Nlb> records(List<ForwardingRule> rules, Map<String, String> storeItems);

    /** The load balancer of one rule, if the rule's back end makes it one. */
    Optional<Nlb> record(ForwardingRule rule, Map<String, String> storeItems);

    /** Adds VMs (looked up, not yet members) behind the load balancer. */
    void addVms(ForwardingRule rule, List<Instance> vms);

    /** Takes members out; a name that is no member is a NotFoundException before any change. */
    void removeVms(ForwardingRule rule, List<String> vms);

    NlbHealth health(ForwardingRule rule);

    /** Deletes the rule and what is behind it. */
    void delete(ForwardingRule rule);

    /** The listener a forwarding rule makes: protocol, first port (of its port range or ports), address. */
    static Listener listener(ForwardingRule rule) {
        Protocol protocol = "UDP".equals(rule.getIPProtocol()) ? Protocol.UDP : Protocol.TCP;
        String first = !rule.getPortRange().isEmpty() ? rule.getPortRange().split("-")[0]
                : rule.getPortsCount() > 0 ? rule.getPorts(0) : "1";
        return new Listener(protocol, Integer.parseInt(first), rule.getIPAddress().isEmpty() ? null : rule.getIPAddress());
    }
}
