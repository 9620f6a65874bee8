package io.multicloud.driver.aws;

/** PLACEHOLDER, being written: replace this whole file. */
final class AwsImages implements io.multicloud.spi.CatalogService<io.multicloud.api.Image> {
    AwsImages(AwsContext ctx) {
    }

    @Override
    public java.util.List<io.multicloud.api.Image> list() {
        throw new UnsupportedOperationException("AWS AwsImages not written yet");
    }

}
