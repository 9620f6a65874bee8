package io.multicloud.driver.aws;

/** PLACEHOLDER, being written: replace this whole file. */
final class AwsKeyPairs implements io.multicloud.spi.KeyPairService {
    AwsKeyPairs(AwsContext ctx) {
    }

    @Override
    public java.util.List<io.multicloud.api.KeyPair> list() {
        throw new UnsupportedOperationException("AWS AwsKeyPairs not written yet");
    }

    @Override
    public io.multicloud.api.KeyPair create(io.multicloud.api.KeyPairRequest request) {
        throw new UnsupportedOperationException("AWS AwsKeyPairs not written yet");
    }

    @Override
    public void delete(String name) {
        throw new UnsupportedOperationException("AWS AwsKeyPairs not written yet");
    }

}
