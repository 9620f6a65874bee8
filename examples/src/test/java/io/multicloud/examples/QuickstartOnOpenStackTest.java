package io.multicloud.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.multicloud.api.Cloud;
import io.multicloud.core.MultiCloud;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The quickstart with only its connection line changed, to {@code connect("openstack", region)}
 * with the credentials of the sourced openrc ({@code OS_*}): on the local OpenStack of
 * {@code ../shared/openstack/start.sh} it picks that cloud's own image and flavor, runs every step
 * and leaves nothing behind. Skipped, saying so, without {@code OS_AUTH_URL}.
 */
@EnabledIfEnvironmentVariable(named = "OS_AUTH_URL", matches = ".+",
        disabledReason = "no OpenStack: start one with `sudo ../shared/openstack/start.sh` and"
                + " `source /tmp/local-openstack/bin/adminrc` (.ci/run does both); OS_AUTH_URL is not set")
class QuickstartOnOpenStackTest {

    @Test
    void theQuickstartRunsOnOpenStackByChangingOnlyTheConnectionLine() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (MultiCloud multiCloud = MultiCloud.create()) {
            String region = System.getenv().getOrDefault("OS_REGION_NAME", "RegionOne");
            Cloud cloud = multiCloud.connect("openstack", region);
            Quickstart.run(multiCloud, cloud);
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        original.print(output);
        assertThat(output).contains("1. Connected to Cloud[openstack/", "5. Creating VMs [vm-1, vm-2]", "9. Nothing left");
        assertThat(output).containsPattern("vm-1 +Suspended").containsPattern("vm-2 +Running");
        assertThat(output).doesNotContain("PRIVATE KEY");
    }
}
