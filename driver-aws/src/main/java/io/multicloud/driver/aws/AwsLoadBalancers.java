package io.multicloud.driver.aws;

/** PLACEHOLDER, being written: replace this whole file. */
final class AwsLoadBalancers implements io.multicloud.spi.NlbService {
    AwsLoadBalancers(AwsContext ctx) {
    }

    @Override
    public java.util.List<io.multicloud.api.Nlb> list() {
        throw new UnsupportedOperationException("AWS AwsLoadBalancers not written yet");
    }

    @Override
    public io.multicloud.api.Nlb create(io.multicloud.api.NlbRequest request) {
        throw new UnsupportedOperationException("AWS AwsLoadBalancers not written yet");
    }

    @Override
    public void delete(String name) {
        throw new UnsupportedOperationException("AWS AwsLoadBalancers not written yet");
    }

    @Override
    public io.multicloud.api.Nlb addVms(String nlb, java.util.List<String> vms) {
        throw new UnsupportedOperationException("AWS AwsLoadBalancers not written yet");
    }

    @Override
    public io.multicloud.api.Nlb removeVms(String nlb, java.util.List<String> vms) {
        throw new UnsupportedOperationException("AWS AwsLoadBalancers not written yet");
    }

    @Override
    public io.multicloud.api.NlbHealth health(String nlb) {
        throw new UnsupportedOperationException("AWS AwsLoadBalancers not written yet");
    }

}
