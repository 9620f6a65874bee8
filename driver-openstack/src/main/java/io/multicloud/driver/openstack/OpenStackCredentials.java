package io.multicloud.driver.openstack;

import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.ErrorContext;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Keystone v3 settings of one connection: each key from the connection's credential, else
 * from its {@code OS_*} environment variable, as the {@code openstack} command line does. Either
 * a user (name, password, user domain, project, project domain) or an application credential
 * (id and secret, which carry their own project). {@link #toString()} shows no secret.
 *
 * @param authUrl Keystone's v3 URL
 * @param username the user name, null with an application credential
 * @param password the user's password
 * @param userDomain the user's domain name
 * @param project the project name
 * @param projectDomain the project's domain name
 * @param applicationCredentialId the application credential's id, or null for a user
 * @param applicationCredentialSecret the application credential's secret
 */
record OpenStackCredentials(String authUrl, String username, Secret password, String userDomain, String project,
                            String projectDomain, String applicationCredentialId, Secret applicationCredentialSecret) {

    static final String AUTH_URL = "auth_url";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String PROJECT_NAME = "project_name";
    static final String USER_DOMAIN_NAME = "user_domain_name";
    static final String PROJECT_DOMAIN_NAME = "project_domain_name";
    static final String APPLICATION_CREDENTIAL_ID = "application_credential_id";
    static final String APPLICATION_CREDENTIAL_SECRET = "application_credential_secret";
    private static final String DEFAULT_DOMAIN = "Default";

    /**
     * Reads the settings of a connection, falling back on the environment key by key. A missing
     * setting is an InvalidRequest naming the key and its variable, before any call is made.
     */
    static OpenStackCredentials resolve(ConnectionConfig config, Map<String, String> environment) {
        Lookup lookup = new Lookup(config, environment);
        String authUrl = lookup.plain(AUTH_URL).orElse(null);
        String appId = lookup.plain(APPLICATION_CREDENTIAL_ID).orElse(null);
        List<String> missing = new ArrayList<>();
        if (authUrl == null) {
            missing.add(AUTH_URL);
        }
        if (appId != null) {
            Secret appSecret = lookup.secret(APPLICATION_CREDENTIAL_SECRET).orElse(null);
            if (appSecret == null) {
                missing.add(APPLICATION_CREDENTIAL_SECRET);
            }
            lookup.failOn(missing);
            return new OpenStackCredentials(trimSlash(authUrl), null, null, null, null, null, appId, appSecret);
        }
        String username = lookup.plain(USERNAME).orElse(null);
        Secret password = lookup.secret(PASSWORD).orElse(null);
        String project = lookup.plain(PROJECT_NAME).orElse(null);
        if (username == null) {
            missing.add(USERNAME);
        }
        if (password == null) {
            missing.add(PASSWORD);
        }
        if (project == null) {
            missing.add(PROJECT_NAME);
        }
        lookup.failOn(missing);
        return new OpenStackCredentials(trimSlash(authUrl), username, password,
                lookup.plain(USER_DOMAIN_NAME).orElse(DEFAULT_DOMAIN), project,
                lookup.plain(PROJECT_DOMAIN_NAME).orElse(DEFAULT_DOMAIN), null, null);
    }

    /** Whether this is an application credential rather than a user. */
    boolean isApplicationCredential() {
        return applicationCredentialId != null;
    }

    /** The environment variable OpenStack clients read for a key. */
    static String variable(String key) {
        return "OS_" + key.toUpperCase(Locale.ROOT);
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String toString() {
        return isApplicationCredential()
                ? "OpenStackCredentials[" + authUrl + ", application credential " + applicationCredentialId + "]"
                : "OpenStackCredentials[" + authUrl + ", user " + userDomain + "/" + username + ", project "
                        + projectDomain + "/" + project + "]";
    }

    /** Key-by-key look-up: the connection's credential first, then {@code OS_<KEY>}. */
    private record Lookup(ConnectionConfig config, Map<String, String> environment) {
        Optional<Secret> secret(String key) {
            Optional<Secret> given = config.credential().get(key).filter(s -> !s.isEmpty());
            if (given.isPresent()) {
                return given;
            }
            String fromEnvironment = environment.get(variable(key));
            return fromEnvironment == null || fromEnvironment.isBlank() ? Optional.empty()
                    : Optional.of(Secret.of(fromEnvironment));
        }

        Optional<String> plain(String key) {
            return secret(key).map(Secret::reveal).map(String::strip);
        }

        void failOn(List<String> missing) {
            if (missing.isEmpty()) {
                return;
            }
            List<String> described = missing.stream().map(k -> k + " (or " + variable(k) + ")").toList();
            throw new InvalidRequestException(ErrorContext.of(config.name(), ResourceKind.REGION, config.region()),
                    "credential", "the OpenStack connection lacks " + String.join(", ", described)
                    + "; give them in the connection's credential or source an openrc file");
        }
    }
}
