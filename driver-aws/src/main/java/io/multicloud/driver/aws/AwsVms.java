package io.multicloud.driver.aws;

/** PLACEHOLDER, being written: replace this whole file. */
final class AwsVms implements io.multicloud.spi.VmService {
    AwsVms(AwsContext ctx) {
    }

    @Override
    public java.util.List<io.multicloud.api.Vm> list() {
        throw new UnsupportedOperationException("AWS AwsVms not written yet");
    }

    @Override
    public io.multicloud.api.Vm create(io.multicloud.api.VmRequest request) {
        throw new UnsupportedOperationException("AWS AwsVms not written yet");
    }

    @Override
    public void delete(String name) {
        throw new UnsupportedOperationException("AWS AwsVms not written yet");
    }

    @Override
    public io.multicloud.api.VmStatus suspend(String name) {
        throw new UnsupportedOperationException("AWS AwsVms not written yet");
    }

    @Override
    public io.multicloud.api.VmStatus resume(String name) {
        throw new UnsupportedOperationException("AWS AwsVms not written yet");
    }

    @Override
    public io.multicloud.api.VmStatus reboot(String name) {
        throw new UnsupportedOperationException("AWS AwsVms not written yet");
    }

}
