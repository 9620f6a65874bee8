package io.multicloud.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.multicloud.core.MultiCloud;
import io.multicloud.core.catalog.Recommendation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WhereToRunTest {

    @Test
    void theShippedCatalogAnswersWithoutAnyAccount() {
        try (MultiCloud mc = MultiCloud.builder().environment(Map.of()).build()) {
            Recommendation r = WhereToRun.cheapestTwoGpusNearSeoul(mc);
            assertThat(r.picks()).hasSize(5);
            assertThat(r.picks()).allSatisfy(p -> assertThat(p.distanceKm()).isLessThanOrEqualTo(1000));
            assertThat(r.snapshotDate()).isNotNull();
        }
    }

    @Test
    void theExampleRunsToTheLaunchLine() {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            WhereToRun.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("With a live mock connection in Seoul:")
                .contains("Launch on mock/mercury: spec g1.").contains("image ubuntu-22.04");
    }
}
