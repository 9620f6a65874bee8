package io.multicloud.driver.openstack;

/** Placeholder: being written. */
final class OpenStackSecurityGroups implements io.multicloud.spi.SecurityGroupService {
    private final OpenStackContext ctx;

    OpenStackSecurityGroups(OpenStackContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public java.util.List<io.multicloud.api.SecurityGroup> list() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public io.multicloud.api.SecurityGroup create(io.multicloud.api.SecurityGroupRequest request) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void delete(String name) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public io.multicloud.api.SecurityGroup addRules(String group, java.util.List<io.multicloud.api.SecurityRule> rules) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public io.multicloud.api.SecurityGroup removeRules(String group, java.util.List<io.multicloud.api.SecurityRule> rules) {
        throw new UnsupportedOperationException("not yet");
    }
}
