package io.multicloud.core.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.InvalidRequestException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionSettingsTest {
    @TempDir
    Path home;

    private Path configDir() throws IOException {
        return Files.createDirectories(home.resolve(".multicloud"));
    }

    @Test
    void aConnectionIsReadFromEnvironmentVariables() {
        ConnectionSettings settings = new ConnectionSettings(Map.of(
                "MULTICLOUD_CONN_DEV_MOCK_DRIVER", "mock",
                "MULTICLOUD_CONN_DEV_MOCK_REGION", "mars",
                "MULTICLOUD_CONN_DEV_MOCK_ZONE", "mars-z2",
                "MULTICLOUD_CONN_DEV_MOCK_CREDENTIAL_ACCOUNT", "team-a",
                "MULTICLOUD_CONN_DEV_MOCK_PROPERTY_TRANSITION_MS", "5"), home);

        ConnectionConfig config = settings.get("dev-mock");

        assertThat(config.name()).isEqualTo("dev-mock");
        assertThat(config.driver()).isEqualTo("mock");
        assertThat(config.region()).isEqualTo("mars");
        assertThat(config.zone()).isEqualTo("mars-z2");
        assertThat(config.credential().get("account")).hasValueSatisfying(s -> assertThat(s.reveal()).isEqualTo("team-a"));
        assertThat(config.property("transition_ms")).contains("5");
        assertThat(settings.names()).containsExactly("dev-mock");
    }

    @Test
    void aConnectionIsReadFromYamlInTheHomeDirectory() throws IOException {
        Files.writeString(configDir().resolve("connections.yaml"), """
                connections:
                  lab:
                    driver: mock
                    region: venus
                    credential:
                      account: lab-account
                    properties:
                      latency_ms: 3
                """);
        ConnectionConfig config = new ConnectionSettings(Map.of(), home).get("lab");

        assertThat(config.driver()).isEqualTo("mock");
        assertThat(config.region()).isEqualTo("venus");
        assertThat(config.zone()).isNull();
        assertThat(config.credential().get("account").orElseThrow().reveal()).isEqualTo("lab-account");
        assertThat(config.property("latency_ms")).contains("3");
    }

    @Test
    void aConnectionIsReadFromAPropertiesFile() throws IOException {
        Files.writeString(configDir().resolve("connections.properties"), """
                staging.driver=mock
                staging.region=saturn
                staging.zone=saturn-z3
                staging.credential.account=stage
                staging.property.transition_ms=7
                """);
        ConnectionConfig config = new ConnectionSettings(Map.of(), home).get("staging");

        assertThat(config.region()).isEqualTo("saturn");
        assertThat(config.zone()).isEqualTo("saturn-z3");
        assertThat(config.credential().get("account").orElseThrow().reveal()).isEqualTo("stage");
        assertThat(config.property("transition_ms")).contains("7");
    }

    @Test
    void theEnvironmentWinsOverTheFileAndMulticloudHomeMovesTheFile() throws IOException {
        Path elsewhere = Files.createDirectories(home.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("connections.properties"), "lab.driver=mock\nlab.region=venus\n");
        Map<String, String> env = Map.of("MULTICLOUD_HOME", elsewhere.toString(),
                "MULTICLOUD_CONN_LAB_DRIVER", "mock", "MULTICLOUD_CONN_LAB_REGION", "pluto");

        assertThat(new ConnectionSettings(env, home).get("lab").region()).isEqualTo("pluto");
        assertThat(new ConnectionSettings(Map.of("MULTICLOUD_HOME", elsewhere.toString()), home).get("lab").region())
                .isEqualTo("venus");
    }

    @Test
    void anUnknownConnectionNameFailsNamingWhereItLookedAndWhatItKnows() throws IOException {
        Files.writeString(configDir().resolve("connections.properties"), "lab.driver=mock\nlab.region=venus\n");
        assertThatThrownBy(() -> new ConnectionSettings(Map.of(), home).get("prod"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("MULTICLOUD_CONN_PROD_DRIVER")
                .hasMessageContaining("connections.yaml")
                .hasMessageContaining("[lab]");
    }

    @Test
    void aConnectionWithoutRegionIsRefused() {
        assertThatThrownBy(() -> new ConnectionSettings(Map.of("MULTICLOUD_CONN_X_DRIVER", "mock"), home).get("x"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("MULTICLOUD_CONN_X_REGION");
    }

    @Test
    void brokenYamlIsRefusedWithoutQuotingItsContent() throws IOException {
        Files.writeString(configDir().resolve("connections.yaml"), "connections:\n  a: [unclosed\n    secret: CANARY-123\n");
        assertThatThrownBy(() -> new ConnectionSettings(Map.of(), home).get("a"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("not valid YAML")
                .hasMessageNotContaining("CANARY-123");
    }
}
