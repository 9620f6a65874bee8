package io.multicloud.driver.openstack;

import io.multicloud.driver.openstack.OctaviaWire.HealthMonitor;
import io.multicloud.driver.openstack.OctaviaWire.Listener;
import io.multicloud.driver.openstack.OctaviaWire.LoadBalancer;
import io.multicloud.driver.openstack.OctaviaWire.Member;
import io.multicloud.driver.openstack.OctaviaWire.Pool;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openstack4j.model.common.ActionResponse;
import org.openstack4j.openstack.octavia.internal.BaseOctaviaServices;

/**
 * The Octavia v2 calls this driver makes, on openstack4j's transport: the endpoint comes from the
 * catalog's {@code load-balancer} service with {@code /v2.0} appended (as openstack4j's own Octavia
 * services do; Octavia serves {@code /v2.0} and {@code /v2} alike), the token and errors are
 * openstack4j's. A call uses the session of the calling thread, so bind one first
 * ({@link OpenStackContext#client()}). Errors: a GET of a missing object returns null; any other
 * failure throws openstack4j's {@code ResponseException}, mapped by {@link OpenStackErrors}.
 */
final class OctaviaApi extends BaseOctaviaServices {
    private static final String LBS = "/lbaas/loadbalancers";
    private static final String LISTENERS = "/lbaas/listeners";
    private static final String POOLS = "/lbaas/pools";
    private static final String MONITORS = "/lbaas/healthmonitors";

    /** Load balancers matching these filters (e.g. {@code name}, {@code project_id}). */
    List<LoadBalancer> loadBalancers(Map<String, String> filters) {
        return list(get(OctaviaWire.LoadBalancers.class, LBS).params(filters).execute(),
                OctaviaWire.LoadBalancers::loadbalancers);
    }

    /** One load balancer, or null when Octavia does not know it (any more). */
    LoadBalancer loadBalancer(String id) {
        return get(LoadBalancer.class, uri(LBS + "/%s", id)).execute();
    }

    LoadBalancer create(LoadBalancer lb) {
        return post(LoadBalancer.class, LBS).entity(lb).execute();
    }

    /** Replaces a load balancer's tags. */
    LoadBalancer updateTags(String id, List<String> tags) {
        return put(LoadBalancer.class, uri(LBS + "/%s", id)).entity(new OctaviaWire.TagsUpdate(tags)).execute();
    }

    /** Deletes a load balancer with everything in it; Octavia finishes the job asynchronously. */
    ActionResponse cascadeDelete(String id) {
        return deleteWithResponse(uri(LBS + "/%s", id)).param("cascade", "true").execute();
    }

    /** The listeners of a load balancer. */
    List<Listener> listeners(String lbId) {
        return list(get(OctaviaWire.Listeners.class, LISTENERS).param("loadbalancer_id", lbId).execute(),
                OctaviaWire.Listeners::listeners).stream()
                .filter(l -> lbId.equals(l.loadbalancerId()) || belongs(l.loadbalancers(), lbId)).toList();
    }

    Listener create(Listener listener) {
        return post(Listener.class, LISTENERS).entity(listener).execute();
    }

    /** The pools of a load balancer. */
    List<Pool> pools(String lbId) {
        return list(get(OctaviaWire.Pools.class, POOLS).param("loadbalancer_id", lbId).execute(),
                OctaviaWire.Pools::pools).stream().filter(p -> belongs(p.loadbalancers(), lbId)).toList();
    }

    Pool create(Pool pool) {
        return post(Pool.class, POOLS).entity(pool).execute();
    }

    /** The members of a pool. */
    List<Member> members(String poolId) {
        return list(get(OctaviaWire.Members.class, uri(POOLS + "/%s/members", poolId)).execute(),
                OctaviaWire.Members::members);
    }

    Member create(String poolId, Member member) {
        return post(Member.class, uri(POOLS + "/%s/members", poolId)).entity(member).execute();
    }

    ActionResponse deleteMember(String poolId, String memberId) {
        return deleteWithResponse(uri(POOLS + "/%s/members/%s", poolId, memberId)).execute();
    }

    /** One health monitor, or null. */
    HealthMonitor healthMonitor(String id) {
        return get(HealthMonitor.class, uri(MONITORS + "/%s", id)).execute();
    }

    HealthMonitor create(HealthMonitor monitor) {
        return post(HealthMonitor.class, MONITORS).entity(monitor).execute();
    }

    private static boolean belongs(List<OctaviaWire.Ref> refs, String id) {
        return refs != null && refs.stream().anyMatch(r -> id.equals(r.id()));
    }

    /** A list answer's items; a 404 on a list (the parent is gone) reads as none. */
    private static <W, T> List<T> list(W wrapper, Function<W, List<T>> items) {
        if (wrapper == null) {
            return List.of();
        }
        List<T> list = items.apply(wrapper);
        return list == null ? List.of() : list;
    }
}
