package io.multicloud.driver.openstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.InvalidRequestException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the Keystone settings come from: the connection first, then the OS_* variables, key by key. */
class OpenStackCredentialsTest {
    private static final Map<String, String> OPENRC = Map.of(
            "OS_AUTH_URL", "http://keystone.example:5000/v3/", "OS_USERNAME", "alice", "OS_PASSWORD", "env-secret-1",
            "OS_PROJECT_NAME", "team", "OS_USER_DOMAIN_NAME", "Users", "OS_PROJECT_DOMAIN_NAME", "Projects");

    @Test
    void theOpenrcVariablesAreACompleteCredential() {
        var credentials = OpenStackCredentials.resolve(ConnectionConfig.of("openstack", "RegionOne"), OPENRC);
        assertThat(credentials.authUrl()).isEqualTo("http://keystone.example:5000/v3");
        assertThat(credentials.username()).isEqualTo("alice");
        assertThat(credentials.password().reveal()).isEqualTo("env-secret-1");
        assertThat(credentials.project()).isEqualTo("team");
        assertThat(credentials.userDomain()).isEqualTo("Users");
        assertThat(credentials.projectDomain()).isEqualTo("Projects");
    }

    @Test
    void theConnectionsOwnKeysWinOverTheVariablesOneByOne() {
        var config = ConnectionConfig.of("openstack", "RegionOne").credential("username", "bob").credential("password", "mine");
        var credentials = OpenStackCredentials.resolve(config, OPENRC);
        assertThat(credentials.username()).isEqualTo("bob");
        assertThat(credentials.password().reveal()).isEqualTo("mine");
        assertThat(credentials.project()).isEqualTo("team");
    }

    @Test
    void domainsDefaultToDefault() {
        var config = ConnectionConfig.of("openstack", "RegionOne").credential("auth_url", "http://k/v3")
                .credential("username", "u").credential("password", "p").credential("project_name", "p1");
        var credentials = OpenStackCredentials.resolve(config, Map.of());
        assertThat(credentials.userDomain()).isEqualTo("Default");
        assertThat(credentials.projectDomain()).isEqualTo("Default");
    }

    @Test
    void anApplicationCredentialNeedsNoUser() {
        var config = ConnectionConfig.of("openstack", "RegionOne").credential("auth_url", "http://k/v3")
                .credential("application_credential_id", "ac-1").credential("application_credential_secret", "s3cr3t");
        var credentials = OpenStackCredentials.resolve(config, Map.of());
        assertThat(credentials.isApplicationCredential()).isTrue();
        assertThat(credentials.toString()).contains("ac-1").doesNotContain("s3cr3t");
    }

    @Test
    void whatIsMissingIsNamedWithItsVariableBeforeAnyCall() {
        assertThatThrownBy(() -> OpenStackCredentials.resolve(ConnectionConfig.of("openstack", "RegionOne"), Map.of()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("auth_url (or OS_AUTH_URL)")
                .hasMessageContaining("password (or OS_PASSWORD)")
                .hasMessageContaining("project_name (or OS_PROJECT_NAME)");
    }

    @Test
    void noSecretShowsInToString() {
        var credentials = OpenStackCredentials.resolve(ConnectionConfig.of("openstack", "RegionOne"), OPENRC);
        assertThat(credentials.toString()).contains("alice", "team").doesNotContain("env-secret-1");
    }
}
