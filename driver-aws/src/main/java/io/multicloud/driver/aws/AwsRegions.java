package io.multicloud.driver.aws;

/** PLACEHOLDER, being written: replace this whole file. */
final class AwsRegions implements io.multicloud.spi.CatalogService<io.multicloud.api.Region> {
    AwsRegions(AwsContext ctx) {
    }

    @Override
    public java.util.List<io.multicloud.api.Region> list() {
        throw new UnsupportedOperationException("AWS AwsRegions not written yet");
    }

}
