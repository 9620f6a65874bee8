package io.multicloud.driver.aws;

/** PLACEHOLDER, being written: replace this whole file. */
final class AwsSecurityGroups implements io.multicloud.spi.SecurityGroupService {
    AwsSecurityGroups(AwsContext ctx) {
    }

    @Override
    public java.util.List<io.multicloud.api.SecurityGroup> list() {
        throw new UnsupportedOperationException("AWS AwsSecurityGroups not written yet");
    }

    @Override
    public io.multicloud.api.SecurityGroup create(io.multicloud.api.SecurityGroupRequest request) {
        throw new UnsupportedOperationException("AWS AwsSecurityGroups not written yet");
    }

    @Override
    public void delete(String name) {
        throw new UnsupportedOperationException("AWS AwsSecurityGroups not written yet");
    }

    @Override
    public io.multicloud.api.SecurityGroup addRules(String group, java.util.List<io.multicloud.api.SecurityRule> rules) {
        throw new UnsupportedOperationException("AWS AwsSecurityGroups not written yet");
    }

    @Override
    public io.multicloud.api.SecurityGroup removeRules(String group, java.util.List<io.multicloud.api.SecurityRule> rules) {
        throw new UnsupportedOperationException("AWS AwsSecurityGroups not written yet");
    }

}
