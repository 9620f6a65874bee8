package io.multicloud.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.multicloud.api.Cloud;
import io.multicloud.core.MultiCloud;
import io.multicloud.driver.gcp.GcpFakeConnections;
import io.multicloud.driver.gcp.fake.GcpFake;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's quickstart, its code unchanged but for the connection line: on GCP (the fake). */
class GcpQuickstartTest {

    @Test
    void theQuickstartRunsOnGcpWithOnlyItsConnectionLineChanged() {
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (GcpFake fake = GcpFake.start(); MultiCloud multiCloud = MultiCloud.builder().environment(Map.of()).build()) {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            Cloud cloud = multiCloud.connect(GcpFakeConnections.config(fake));
            Quickstart.run(multiCloud, cloud);
        } finally {
            System.setOut(out);
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        out.print(text);
        assertThat(text).contains("ubuntu-22.04 on e2-small", "Nothing left").doesNotContain("PRIVATE KEY");
    }
}
