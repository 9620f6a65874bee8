package io.multicloud.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.multicloud.api.Cloud;
import io.multicloud.core.MultiCloud;
import io.multicloud.driver.tencent.fake.TencentFake;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The quickstart ({@link Quickstart#run}) with only its connection line changed, to the Tencent
 * fake: it picks the fake's smallest x86_64 type with 2 GiB and the ubuntu-22.04 alias, runs every
 * step and leaves nothing behind.
 */
class QuickstartOnTencentTest {

    @Test
    void theQuickstartRunsOnTencentByChangingOnlyTheConnectionLine() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (TencentFake fake = TencentFake.start();
             MultiCloud multiCloud = MultiCloud.builder().environment(Map.of()).build()) {
            Cloud cloud = multiCloud.connect(fake.config("ap-guangzhou"));   // was: multiCloud.connect("mock", "mars")
            Quickstart.run(multiCloud, cloud);
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        original.print(output);
        assertThat(output).contains("1. Connected to Cloud[tencent/", "5. Creating VMs [vm-1, vm-2] (ubuntu-22.04 on S5.SMALL2)",
                "9. Nothing left");
        assertThat(output).containsPattern("vm-1 +Suspended").containsPattern("vm-2 +Running");
        assertThat(output).doesNotContain("PRIVATE KEY");
    }
}
