package io.multicloud.driver.openstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.multicloud.api.AuthenticationFailedException;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.Spec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The Keystone session against the real local Keystone: calls from many virtual threads at once,
 * renewal before expiry, recovery from a token Keystone revoked, application credentials, and a
 * refused login that shows no password.
 */
@RequiresOpenStack
class KeystoneSessionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void callsFromManyVirtualThreadsAtOnceAllSucceed() throws Exception {
        try (OpenStackConnection connection = new OpenStackConnection(LocalOpenStack.demo(), System.getenv());
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<Spec>>> calls = new ArrayList<>();
            Set<String> carriers = ConcurrentHashMap.newKeySet();
            for (int i = 0; i < 64; i++) {
                calls.add(threads.submit(() -> {
                    carriers.add(Thread.currentThread().toString());
                    return connection.specs().list();
                }));
            }
            for (Future<List<Spec>> call : calls) {
                assertThat(call.get()).extracting(Spec::name).contains("m1.tiny", "m1.small");
            }
            assertThat(carriers).hasSize(64);
        }
    }

    @Test
    void aTokenIsRenewedBeforeItExpiresAndCallsGoOn() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        try (OpenStackConnection connection = new OpenStackConnection(LocalOpenStack.demo(), System.getenv(), clock)) {
            String first = connection.session().token().getId();
            assertThat(connection.session().token().getId()).as("a fresh token is kept").isEqualTo(first);
            Instant expires = connection.session().token().getExpires().toInstant();
            // Four minutes before expiry is inside the default five-minute margin.
            now.set(expires.minus(Duration.ofMinutes(4)));
            assertThat(connection.specs().list()).isNotEmpty();
            assertThat(connection.session().token().getId()).isNotEqualTo(first);
        }
    }

    @Test
    void aTokenRevokedInKeystoneIsReplacedOnTheNextCall() throws Exception {
        try (OpenStackConnection connection = new OpenStackConnection(LocalOpenStack.demo(), System.getenv())) {
            String revoked = connection.session().token().getId();
            revoke(revoked);
            assertThat(connection.specs().list()).isNotEmpty();
            assertThat(connection.session().token().getId()).isNotEqualTo(revoked);
            // Another thread uses the new token straight away.
            try (ExecutorService other = Executors.newVirtualThreadPerTaskExecutor()) {
                assertThat(other.submit(() -> connection.specs().list()).get()).isNotEmpty();
            }
        }
    }

    @Test
    void anApplicationCredentialLogsIn() throws Exception {
        String adminToken = adminToken();
        String userId = userId(adminToken, LocalOpenStack.DEMO_USER);
        String demoToken = token(LocalOpenStack.DEMO_USER, LocalOpenStack.DEMO_PASSWORD, LocalOpenStack.DEMO_PROJECT);
        String name = "multicloud-test-" + UUID.randomUUID();
        HttpResponse<String> created = http("POST", "/users/" + userId + "/application_credentials", demoToken,
                "{\"application_credential\": {\"name\": \"" + name + "\"}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode credential = JSON.readTree(created.body()).path("application_credential");
        try {
            ConnectionConfig config = ConnectionConfig.of(OpenStackDriver.NAME, LocalOpenStack.region())
                    .credential(OpenStackCredentials.AUTH_URL, System.getenv("OS_AUTH_URL"))
                    .credential(OpenStackCredentials.APPLICATION_CREDENTIAL_ID, credential.path("id").asText())
                    .credential(OpenStackCredentials.APPLICATION_CREDENTIAL_SECRET, credential.path("secret").asText());
            // Only the application credential: no user or password from OS_* may be used.
            try (OpenStackConnection connection = new OpenStackConnection(config, java.util.Map.of())) {
                assertThat(connection.session().token().getProject().getName()).isEqualTo(LocalOpenStack.DEMO_PROJECT);
                assertThat(connection.specs().list()).extracting(Spec::name).contains("m1.tiny");
            }
        } finally {
            http("DELETE", "/users/" + userId + "/application_credentials/" + credential.path("id").asText(), demoToken, null);
        }
    }

    @Test
    void aWrongPasswordIsAuthenticationFailedWithoutThePassword() {
        ConnectionConfig config = LocalOpenStack.demo().credential(OpenStackCredentials.PASSWORD, "not-the-password-42");
        try (OpenStackConnection connection = new OpenStackConnection(config, System.getenv())) {
            assertThatThrownBy(() -> connection.specs().list())
                    .isInstanceOf(AuthenticationFailedException.class)
                    .hasMessageContaining("demo")
                    .satisfies(e -> assertThat(e.toString()).doesNotContain("not-the-password-42"));
        }
    }

    private static void revoke(String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(System.getenv("OS_AUTH_URL") + "/auth/tokens"))
                .header("X-Auth-Token", adminToken()).header("X-Subject-Token", token).DELETE().build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            assertThat(client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(204);
        }
    }

    private static String adminToken() throws Exception {
        return token(System.getenv("OS_USERNAME"), System.getenv("OS_PASSWORD"), System.getenv("OS_PROJECT_NAME"));
    }

    private static String token(String user, String password, String project) throws Exception {
        String body = "{\"auth\": {\"identity\": {\"methods\": [\"password\"], \"password\": {\"user\": {\"name\": \""
                + user + "\", \"domain\": {\"name\": \"Default\"}, \"password\": \"" + password + "\"}}},"
                + " \"scope\": {\"project\": {\"name\": \"" + project + "\", \"domain\": {\"name\": \"Default\"}}}}}";
        HttpResponse<String> response = http("POST", "/auth/tokens", null, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return response.headers().firstValue("X-Subject-Token").orElseThrow();
    }

    private static String userId(String token, String name) throws Exception {
        HttpResponse<String> response = http("GET", "/users?name=" + name, token, null);
        return JSON.readTree(response.body()).path("users").get(0).path("id").asText();
    }

    private static HttpResponse<String> http(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(System.getenv("OS_AUTH_URL") + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("X-Auth-Token", token);
        }
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
