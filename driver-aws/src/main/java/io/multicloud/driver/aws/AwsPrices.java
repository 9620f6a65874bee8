package io.multicloud.driver.aws;

/** PLACEHOLDER, being written: replace this whole file. */
final class AwsPrices implements io.multicloud.spi.CatalogService<io.multicloud.api.Price> {
    AwsPrices(AwsContext ctx) {
    }

    @Override
    public java.util.List<io.multicloud.api.Price> list() {
        throw new UnsupportedOperationException("AWS AwsPrices not written yet");
    }

}
