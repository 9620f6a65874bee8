package io.multicloud.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The MCI example runs every step on the mock cloud, shows its progress and leaves nothing behind. */
class MciQuickstartTest {

    @Test
    void theMciExampleShowsProgressActsAsOneAndCleansUp() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            MciQuickstart.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        original.print(output);

        assertThat(output).contains("MCI review: ok", "[##############################] 5/5", "status: Running:5 (R:5/5)",
                "status: Partial-Running:3 (R:3/5)", "web-mars-5 Running on mock/mars",
                "left on the clouds: 0 VMs and VPCs; MCIs: 0");
    }
}
