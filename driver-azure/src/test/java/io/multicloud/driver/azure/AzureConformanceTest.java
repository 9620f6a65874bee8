package io.multicloud.driver.azure;

import io.multicloud.api.Cloud;
import io.multicloud.core.MultiCloud;
import io.multicloud.driver.azure.fake.AzureFake;
import io.multicloud.testkit.ConformanceProfile;
import io.multicloud.testkit.DriverConformanceTest;
import java.time.Duration;
import java.util.Map;

/**
 * The driver conformance kit against the Azure Resource Manager fake (built from the swagger
 * files in ../shared/cloud-specs/azure), a fresh fake per test; every answer the fake gives is
 * checked against the swagger, and a violation fails the test when the fake closes.
 */
class AzureConformanceTest extends DriverConformanceTest {
    private AzureFake fake;
    private MultiCloud multiCloud;

    @Override
    protected Cloud openCloud() {
        fake = AzureFake.start();
        multiCloud = MultiCloud.builder().environment(Map.of()).build();
        return multiCloud.connect(AzureFakeConnections.config(fake));
    }

    @Override
    protected void closeCloud(Cloud connection) {
        try {
            connection.close();
            multiCloud.close();
        } finally {
            fake.close();
        }
    }

    @Override
    protected ConformanceProfile profile() {
        return ConformanceProfile.defaults().image("ubuntu-22.04").spec("Standard_B2s").nodeGroupSpec("Standard_D2s_v5")
                .disk("StandardSSD_LRS", 10, 20).vmTimeout(Duration.ofSeconds(30)).resourceTimeout(Duration.ofSeconds(30));
    }
}
