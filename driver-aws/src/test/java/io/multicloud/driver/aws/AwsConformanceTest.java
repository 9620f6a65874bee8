package io.multicloud.driver.aws;

import io.multicloud.api.Cloud;
import io.multicloud.core.MultiCloud;
import io.multicloud.testkit.ConformanceProfile;
import io.multicloud.testkit.DriverConformanceTest;
import java.time.Duration;
import java.util.Map;

/** The driver conformance kit against moto server on 127.0.0.1 (prices against {@link PriceListFake}). */
@RequiresMoto
class AwsConformanceTest extends DriverConformanceTest {
    private MultiCloud multiCloud;

    @Override
    protected Cloud openCloud() {
        // moto serves no Price List API: prices come from a fake in AWS's wire format.
        var config = MotoServer.get().config().property(AwsDriver.PRICING_ENDPOINT,
                PriceListFake.start(MotoServer.REGION, "t3.micro", "0.0104000000"));
        multiCloud = MultiCloud.builder().environment(Map.of()).build();
        return multiCloud.connect(config);
    }

    @Override
    protected void closeCloud(Cloud connection) {
        try {
            connection.close();
        } finally {
            multiCloud.close();
        }
    }

    @Override
    protected ConformanceProfile profile() {
        // amazon-linux-2023 resolves on moto too: moto ships al2023 AMIs owned by "amazon".
        return ConformanceProfile.defaults().image("amazon-linux-2023").spec("t3.micro").nodeGroupSpec("t3.medium")
                .disk("gp3", 10, 20).clusterVersion("1.31")
                .vmTimeout(Duration.ofMinutes(1)).resourceTimeout(Duration.ofMinutes(1));
    }
}
