package io.multicloud.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.multicloud.api.Cloud;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.core.MultiCloud;
import io.multicloud.driver.azure.fake.AzureFake;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The quickstart with only its connection line changed, to {@code connect(...)} an Azure
 * connection (here on the Azure Resource Manager fake): it picks Azure's own spec from the
 * region's SKUs and the {@code ubuntu-22.04} alias, runs every step (suspend = deallocate) and
 * leaves nothing behind.
 */
class QuickstartOnAzureTest {

    @Test
    void theQuickstartRunsOnAzureByChangingOnlyTheConnectionLine() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (AzureFake fake = AzureFake.start(); MultiCloud multiCloud = MultiCloud.create()) {
            Cloud cloud = multiCloud.connect(ConnectionConfig.of("azure", "eastus").property("subscription", AzureFake.SUBSCRIPTION)
                    .property("endpoint", fake.url()).property("poll_interval_ms", "5"));
            Quickstart.run(multiCloud, cloud);
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        original.print(output);
        assertThat(output).contains("1. Connected to Cloud[azure/", "5. Creating VMs [vm-1, vm-2] (ubuntu-22.04 on Standard_B2s)",
                "9. Nothing left");
        assertThat(output).containsPattern("vm-1 +Suspended").containsPattern("vm-2 +Running");
        assertThat(output).doesNotContain("PRIVATE KEY");
    }
}
