package io.multicloud.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The quickstart runs every step on the mock cloud and leaves nothing behind. */
class QuickstartTest {

    @Test
    void theQuickstartWalksThroughEveryStepAndCleansUp() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Quickstart.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        original.print(output);

        assertThat(output).contains("1. Connected to Cloud[mock/mars", "2. Created VPC vpc-1", "3. Created security group sg-ssh",
                "4. Created key pair key-1", "5. Creating VMs [vm-1, vm-2]", "6. Suspending", "7. Resuming",
                "8. Deleting everything", "9. Nothing left");
        assertThat(output).containsPattern("vm-1 +Suspended").containsPattern("vm-2 +Running");
        assertThat(output).doesNotContain("PRIVATE KEY");
    }
}
