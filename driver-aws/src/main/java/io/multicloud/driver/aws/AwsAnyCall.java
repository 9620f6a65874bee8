package io.multicloud.driver.aws;

/** PLACEHOLDER, being written: replace this whole file. */
final class AwsAnyCall implements io.multicloud.spi.AnyCallService {
    static final java.util.Set<String> FUNCTIONS = java.util.Set.of();

    AwsAnyCall(AwsContext ctx) {
    }

    @Override
    public java.util.Map<String, String> call(String function, java.util.Map<String, String> params) {
        throw new UnsupportedOperationException("AWS AwsAnyCall not written yet");
    }

}
