package io.multicloud.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.multicloud.api.Cloud;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.KeyPair;
import io.multicloud.core.MultiCloud;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A credential value or a private key never shows in a text form, an error message or the log. */
class SecretsTest {
    private static final String CANARY = "CANARY-9f8e7d";

    @Test
    void textFormsAndErrorsNeverShowACredentialOrAPrivateKey() {
        ConnectionConfig config = ConnectionConfig.of("mock", "mars").credential("account", "secrets-in-jvm")
                .credential("secret", CANARY);
        assertThat(config.toString()).doesNotContain(CANARY).contains("secret");
        assertThat(config.credential().toString()).doesNotContain(CANARY);
        assertThat(config.credential().get("secret").orElseThrow().toString()).doesNotContain(CANARY);

        try (MultiCloud multiCloud = MultiCloud.create(); Cloud cloud = multiCloud.connect(config)) {
            assertThat(cloud.toString()).doesNotContain(CANARY);
            assertThat(cloud.config().toString()).doesNotContain(CANARY);
            KeyPair key = cloud.keyPairs().create("key-1");
            String privateKey = key.privateKey().reveal();
            assertThat(key.toString()).doesNotContain(privateKey).doesNotContain(longestLine(privateKey));

            List<Throwable> errors = List.of(
                    catchThrowable(() -> multiCloud.connect(ConnectionConfig.of("mock", "vulcan")
                            .credential("secret", CANARY))),
                    catchThrowable(() -> multiCloud.connect(ConnectionConfig.of("nimbus", "mars")
                            .credential("secret", CANARY))),
                    catchThrowable(() -> cloud.vms().get("vm-missing")),
                    catchThrowable(() -> cloud.keyPairs().create("key-1")));
            assertThat(errors).allSatisfy(e -> {
                assertThat(e).isNotNull();
                assertThat(e.getMessage()).doesNotContain(CANARY).doesNotContain(longestLine(privateKey));
                assertThat(e.toString()).doesNotContain(CANARY);
            });
        }
    }

    @Test
    void theDebugLogOfAWholeSessionNeverShowsACredentialOrAPrivateKey(@TempDir Path workDir) throws Exception {
        Path keyFile = workDir.resolve("private-key");
        ChildJvm.Result run = ChildJvm.run(workDir, SecretsScenario.class, List.of(
                        "-Dorg.slf4j.simpleLogger.defaultLogLevel=debug",
                        "-Dorg.slf4j.simpleLogger.logFile=System.err"),
                CANARY, keyFile.toString());
        String output = run.output();
        assertThat(run.exitCode()).as(output).isZero();
        assertThat(output).contains("SCENARIO-DONE");
        // the scenario really logged at DEBUG and really failed where it meant to
        assertThat(output).contains("DEBUG io.multicloud.core.MultiCloud").contains("error: ").contains("vulcan");

        String privateKey = Files.readString(keyFile);
        assertThat(privateKey).contains("PRIVATE KEY");
        assertThat(output).doesNotContain(CANARY).doesNotContain(privateKey).doesNotContain(longestLine(privateKey));
    }

    /** A line of the key's body: long and random, so finding it means part of the key leaked. */
    private static String longestLine(String text) {
        return Arrays.stream(text.split("\n")).max(Comparator.comparingInt(String::length)).orElseThrow();
    }
}
