package io.multicloud.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FailoverOnMockTest {

    @Test
    void theSubgroupFailsOverFromTheRegionWithoutCapacity() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            FailoverOnMock.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        original.print(output);

        assertThat(output).contains("#1 mock+mars+g1.l4x1", "mock+mars+g1.l4x1+mars-z1 FAILED CapacityUnavailableException",
                "[blocked region]", "mock+venus+g1.l4x1+venus-z1 ok", "gpu runs at mock+venus+g1.l4x1+venus-z1: Running:2 (R:2/2)");
    }
}
