package io.multicloud.driver.openstack;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRootName;
import java.util.List;
import org.openstack4j.model.ModelEntity;

/**
 * Octavia v2 objects as they travel on the wire. openstack4j 3.12's own Octavia model lacks
 * what this driver needs (tags, a member's name and operating status, the UDP protocol), so
 * these records carry the fields of the Octavia API reference; openstack4j's transport wraps
 * them in {@code {"loadbalancer": {...}}} by their {@link JsonRootName}. Null fields are left
 * out of a request, so one record serves for both the request and the answer.
 */
final class OctaviaWire {
    private OctaviaWire() {
    }

    /** An {@code {"id": ...}} reference, as Octavia lists a child's parents. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Ref(String id) implements ModelEntity {
    }

    /** A load balancer. */
    @JsonRootName("loadbalancer")
    @JsonIgnoreProperties(ignoreUnknown = true)
    record LoadBalancer(String id, String name, String description,
                        @JsonProperty("project_id") String projectId,
                        @JsonProperty("vip_subnet_id") String vipSubnetId,
                        @JsonProperty("vip_network_id") String vipNetworkId,
                        @JsonProperty("vip_address") String vipAddress,
                        @JsonProperty("provisioning_status") String provisioningStatus,
                        @JsonProperty("operating_status") String operatingStatus,
                        List<String> tags) implements ModelEntity {
    }

    /** A listener. */
    @JsonRootName("listener")
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Listener(String id, String name,
                    @JsonProperty("loadbalancer_id") String loadbalancerId,
                    List<Ref> loadbalancers,
                    String protocol,
                    @JsonProperty("protocol_port") Integer protocolPort,
                    @JsonProperty("default_pool_id") String defaultPoolId) implements ModelEntity {
    }

    /** A pool. */
    @JsonRootName("pool")
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Pool(String id, String name,
                @JsonProperty("listener_id") String listenerId,
                List<Ref> loadbalancers,
                String protocol,
                @JsonProperty("lb_algorithm") String lbAlgorithm,
                @JsonProperty("healthmonitor_id") String healthmonitorId,
                List<String> tags) implements ModelEntity {
    }

    /** A member of a pool. */
    @JsonRootName("member")
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Member(String id, String name, String address,
                  @JsonProperty("protocol_port") Integer protocolPort,
                  @JsonProperty("subnet_id") String subnetId,
                  @JsonProperty("monitor_port") Integer monitorPort,
                  @JsonProperty("operating_status") String operatingStatus) implements ModelEntity {
    }

    /** A health monitor. */
    @JsonRootName("healthmonitor")
    @JsonIgnoreProperties(ignoreUnknown = true)
    record HealthMonitor(String id, String name,
                         @JsonProperty("pool_id") String poolId,
                         String type, Integer delay, Integer timeout,
                         @JsonProperty("max_retries") Integer maxRetries,
                         @JsonProperty("max_retries_down") Integer maxRetriesDown) implements ModelEntity {
    }

    /** {@code {"loadbalancers": [...]}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record LoadBalancers(List<LoadBalancer> loadbalancers) implements ModelEntity {
    }

    /** {@code {"listeners": [...]}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Listeners(List<Listener> listeners) implements ModelEntity {
    }

    /** {@code {"pools": [...]}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Pools(List<Pool> pools) implements ModelEntity {
    }

    /** {@code {"members": [...]}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Members(List<Member> members) implements ModelEntity {
    }

    /** An update of a load balancer's tags: {@code {"loadbalancer": {"tags": [...]}}}. */
    @JsonRootName("loadbalancer")
    record TagsUpdate(List<String> tags) implements ModelEntity {
    }
}
