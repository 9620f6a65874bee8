package io.multicloud.examples;

import io.multicloud.api.Cloud;
import io.multicloud.core.MultiCloud;
import io.multicloud.driver.alibaba.fake.AlibabaFake;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quickstart with only its connection line changed, to the Alibaba driver on the fake of
 * cloud-specs/alibaba: it picks that cloud's own image alias and smallest spec, runs every step
 * and leaves nothing behind.
 */
class QuickstartOnAlibabaTest {

    @Test
    void theQuickstartRunsOnAlibabaByChangingOnlyTheConnectionLine() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (AlibabaFake fake = AlibabaFake.start(); MultiCloud multiCloud = MultiCloud.create()) {
            Cloud cloud = multiCloud.connect(fake.config());
            Quickstart.run(multiCloud, cloud);
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        original.print(output);
        assertThat(output).contains("1. Connected to Cloud[alibaba-fake", "5. Creating VMs [vm-1, vm-2] (ubuntu-22.04 on ecs.t6-c1m1.large)",
                "9. Nothing left");
        assertThat(output).containsPattern("vm-1 +Suspended").containsPattern("vm-2 +Running");
        assertThat(output).doesNotContain("PRIVATE KEY").doesNotContain(AlibabaFake.secret());
    }
}
