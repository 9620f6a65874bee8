package io.multicloud.driver.gcp.fake;

/** Regional passthrough load balancing (not served yet). */
final class ComputeLoadBalancing {
    ComputeLoadBalancing(GcpFake fake) {
    }
}
