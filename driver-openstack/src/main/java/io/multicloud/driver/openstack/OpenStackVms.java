package io.multicloud.driver.openstack;

/** Placeholder: being written. */
final class OpenStackVms implements io.multicloud.spi.VmService {
    private final OpenStackContext ctx;

    OpenStackVms(OpenStackContext ctx, OpenStackImages images, OpenStackSpecs specs) {
        this.ctx = ctx;
    }

    @Override
    public java.util.List<io.multicloud.api.Vm> list() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public io.multicloud.api.Vm create(io.multicloud.api.VmRequest request) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void delete(String name) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public io.multicloud.api.VmStatus suspend(String name) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public io.multicloud.api.VmStatus resume(String name) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public io.multicloud.api.VmStatus reboot(String name) {
        throw new UnsupportedOperationException("not yet");
    }
}
