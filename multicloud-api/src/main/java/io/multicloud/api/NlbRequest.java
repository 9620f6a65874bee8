package io.multicloud.api;

import java.util.List;
import java.util.Map;

/**
 * A network load balancer to create.
 * <pre>{@code NlbRequest.named("web").vpc("vpc-1").listener(Protocol.TCP, 80)
 *     .vmGroup(Protocol.TCP, 8080, "vm-1", "vm-2").healthChecker(HealthChecker.of(Protocol.TCP, 8080))}</pre>
 *
 * @param name the load balancer's name
 * @param vpc its VPC's name
 * @param listener its front (address is ignored in a request)
 * @param vmGroup the VMs behind it
 * @param healthChecker how they are checked; null for a TCP check on the VM port
 * @param tags its tags
 */
public record NlbRequest(String name, String vpc, Listener listener, VmGroup vmGroup, HealthChecker healthChecker,
                         Map<String, String> tags) implements CreateRequest, TaggedRequest<NlbRequest> {
    public NlbRequest {
        Validate.name("nlb name", name);
        if (vpc != null) {
            Validate.name("vpc", vpc);
        }
        if (vmGroup != null) {
            vmGroup.vms().forEach(v -> Validate.name("vm", v));
        }
        tags = Validate.tags("nlb tags", tags);
    }

    /** A request with only a name. */
    public static NlbRequest named(String name) {
        return new NlbRequest(name, null, null, null, null, Map.of());
    }

    /** A copy in this VPC. */
    public NlbRequest vpc(String vpcName) {
        return new NlbRequest(name, vpcName, listener, vmGroup, healthChecker, tags);
    }

    /** A copy listening on this protocol and port. */
    public NlbRequest listener(Protocol protocol, int port) {
        return new NlbRequest(name, vpc, new Listener(protocol, port, null), vmGroup, healthChecker, tags);
    }

    /** A copy sending to these VMs on this protocol and port. */
    public NlbRequest vmGroup(Protocol protocol, int port, String... vms) {
        return new NlbRequest(name, vpc, listener, new VmGroup(protocol, port, List.of(vms)), healthChecker, tags);
    }

    /** A copy with this health checker. */
    public NlbRequest healthChecker(HealthChecker checker) {
        return new NlbRequest(name, vpc, listener, vmGroup, checker, tags);
    }

    /** A copy with one more tag. */
    public NlbRequest tag(String key, String value) {
        return new NlbRequest(name, vpc, listener, vmGroup, healthChecker, TagMaps.with(tags, key, value));
    }

    /** The health checker to use: the given one, or TCP on the VM group's port. */
    public HealthChecker effectiveHealthChecker() {
        return healthChecker != null ? healthChecker : HealthChecker.of(Protocol.TCP, vmGroup.port());
    }

    @Override
    public void requireComplete() {
        Validate.notBlank("vpc", vpc);
        Validate.required("listener", listener);
        Validate.required("vm group", vmGroup);
    }
}
