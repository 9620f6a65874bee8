package io.multicloud.driver.azure;

import io.multicloud.api.ConnectionConfig;
import io.multicloud.driver.azure.fake.AzureFake;

/** Connection settings that point the driver at an {@link AzureFake} (plain http, a fixed bearer token). */
final class AzureFakeConnections {
    static final String REGION = "eastus";
    static final String ZONE = "1";

    private AzureFakeConnections() {
    }

    /** The connection line of the tests: region, zone, subscription, the fake as every endpoint; short retries and polls. */
    static ConnectionConfig config(AzureFake fake) {
        return ConnectionConfig.of("azure", REGION).zone(ZONE)
                .property(AzureDriver.SUBSCRIPTION, AzureFake.SUBSCRIPTION)
                .property(AzureDriver.ENDPOINT, fake.url())
                .property(AzureDriver.PRICES_ENDPOINT, fake.url() + "/api/retail/prices")
                .property(AzureDriver.RETRY_DELAY_MS, "1")
                .property(AzureDriver.POLL_INTERVAL_MS, "5")
                .credential(AzureDriver.ACCESS_TOKEN, "fake-token-not-a-secret");
    }
}
