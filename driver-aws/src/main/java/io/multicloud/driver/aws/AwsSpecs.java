package io.multicloud.driver.aws;

/** PLACEHOLDER, being written: replace this whole file. */
final class AwsSpecs implements io.multicloud.spi.CatalogService<io.multicloud.api.Spec> {
    AwsSpecs(AwsContext ctx) {
    }

    @Override
    public java.util.List<io.multicloud.api.Spec> list() {
        throw new UnsupportedOperationException("AWS AwsSpecs not written yet");
    }

}
