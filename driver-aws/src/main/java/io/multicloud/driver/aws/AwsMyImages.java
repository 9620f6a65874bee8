package io.multicloud.driver.aws;

/** PLACEHOLDER, being written: replace this whole file. */
final class AwsMyImages implements io.multicloud.spi.MyImageService {
    AwsMyImages(AwsContext ctx) {
    }

    @Override
    public java.util.List<io.multicloud.api.MyImage> list() {
        throw new UnsupportedOperationException("AWS AwsMyImages not written yet");
    }

    @Override
    public io.multicloud.api.MyImage create(io.multicloud.api.MyImageRequest request) {
        throw new UnsupportedOperationException("AWS AwsMyImages not written yet");
    }

    @Override
    public void delete(String name) {
        throw new UnsupportedOperationException("AWS AwsMyImages not written yet");
    }

}
