package io.multicloud.core.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.core.MultiCloud;
import io.multicloud.core.mci.Mci;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A configuration that says something the library does not read is refused, naming the key and
 * what is read: a misspelt key never goes unnoticed. And {@code MULTICLOUD_HOME} moves everything
 * the library keeps.
 */
class StrictConfigurationTest {
    @TempDir
    Path home;

    private Path configDir() throws IOException {
        return Files.createDirectories(home.resolve(".multicloud"));
    }

    @Test
    void anUnknownKeyInAYamlFileIsRefusedNamingTheKnownOnes() throws IOException {
        Files.writeString(configDir().resolve("connections.yaml"), """
                connections:
                  lab:
                    driver: mock
                    region: venus
                    credentials: {account: team-a}
                """);
        assertThatThrownBy(() -> new ConnectionSettings(Map.of(), home).get("lab"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("'credentials'")
                .hasMessageContaining("[driver, region, zone, credential, properties]");

        Files.writeString(configDir().resolve("connections.yaml"), "connection:\n  lab: {driver: mock, region: venus}\n");
        assertThatThrownBy(() -> new ConnectionSettings(Map.of(), home).names()).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void anUnknownKeyInAPropertiesFileIsRefused() throws IOException {
        Files.writeString(configDir().resolve("connections.properties"), """
                lab.driver=mock
                lab.region=venus
                lab.credentials.account=team-a
                """);
        assertThatThrownBy(() -> new ConnectionSettings(Map.of(), home).get("lab"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("connection lab"))
                .hasMessageContaining("lab.credentials.account");

        Files.writeString(configDir().resolve("connections.properties"), "lab.region=venus\n");
        assertThatThrownBy(() -> new ConnectionSettings(Map.of(), home).names()).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("no lab.driver");
    }

    @Test
    void aCredentialKeyOrPropertyTheDriverDoesNotReadIsRefusedBeforeConnecting() {
        try (MultiCloud mc = MultiCloud.builder().environment(Map.of()).home(home).build()) {
            assertThatThrownBy(() -> mc.connect(ConnectionConfig.of("mock", "mars").credential("acount", "x")))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("credential acount"))
                    .hasMessageContaining("it reads [account, secret]");
            assertThatThrownBy(() -> mc.connect(ConnectionConfig.of("mock", "mars").property("transition", "5")))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("property transition"))
                    .hasMessageContaining("transition_ms");
            assertThat(mc.connect(ConnectionConfig.of("mock", "mars").property("transition_ms", "5")).isOpen()).isTrue();
        }
    }

    @Test
    void aConnectionGivenPartlyInTheEnvironmentTakesItOverTheFileOrIsRefused() throws IOException {
        Files.writeString(configDir().resolve("connections.yaml"), """
                connections:
                  lab: {driver: mock, region: venus, zone: venus-z1, properties: {transition_ms: 50}}
                """);
        Map<String, String> env = Map.of("MULTICLOUD_CONN_LAB_CREDENTIAL_ACCOUNT", "from-env", "MULTICLOUD_CONN_LAB_ZONE", "venus-z2");
        ConnectionConfig lab = new ConnectionSettings(env, home).get("lab");
        assertThat(lab.driver()).isEqualTo("mock");
        assertThat(lab.zone()).isEqualTo("venus-z2");
        assertThat(lab.property("transition_ms")).contains("50");
        assertThat(lab.credential().get("account")).hasValueSatisfying(s -> assertThat(s.reveal()).isEqualTo("from-env"));

        assertThatThrownBy(() -> new ConnectionSettings(Map.of("MULTICLOUD_CONN_OTHER_REGION", "mars"), home).get("other"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("MULTICLOUD_CONN_OTHER_DRIVER");
    }

    @Test
    void multicloudHomeMovesEverythingTheLibraryKeeps(@TempDir Path elsewhere) throws IOException {
        Path moved = elsewhere.resolve("mc");
        try (MultiCloud mc = MultiCloud.builder().environment(Map.of("MULTICLOUD_HOME", moved.toString())).home(home)
                .journal().build()) {
            Mci mci = mc.mci("homed").subGroup("g", mc.connect("mock", "mars"), "m1.small", "ubuntu-22.04", 1).create();
            assertThat(Files.readString(moved.resolve("owner")).trim()).isEqualTo(mc.owner());
            assertThat(mc.sshStore().directory()).isEqualTo(moved.resolve("ssh").toAbsolutePath());
            assertThat(mc.sshStore().hasPrivateKey("mock/mars", mci.vms().getFirst().vm().keyPair())).isTrue();
            assertThat(moved.resolve("journal").resolve("homed.jsonl")).exists();
            mci.delete();
        }
        assertThat(home.resolve(".multicloud")).doesNotExist();
    }
}
