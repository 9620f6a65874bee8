package io.multicloud.driver.openstack;

/** Placeholder: being written. */
final class OpenStackLoadBalancers implements io.multicloud.spi.NlbService {
    private final OpenStackContext ctx;

    OpenStackLoadBalancers(OpenStackContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public java.util.List<io.multicloud.api.Nlb> list() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public io.multicloud.api.Nlb create(io.multicloud.api.NlbRequest request) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void delete(String name) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public io.multicloud.api.Nlb addVms(String nlb, java.util.List<String> vms) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public io.multicloud.api.Nlb removeVms(String nlb, java.util.List<String> vms) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public io.multicloud.api.NlbHealth health(String nlb) {
        throw new UnsupportedOperationException("not yet");
    }
}
