package io.multicloud.driver.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import io.multicloud.api.AuthenticationFailedException;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.ErrorContext;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.Secret;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The credentials of a connection: a service-account key (its content or its path), else
 * Application Default Credentials, else none when the {@code credentials} property says so.
 * A class of its own so that the auth library is loaded only on a connection's first call. The
 * key is read once; neither it nor a parser's message quoting it reaches a log or an exception.
 */
final class GcpCredentials {
    private static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";

    private GcpCredentials() {
    }

    /** The service-account key the credential gives (content or path), parsed, if any. */
    static Optional<JsonNode> serviceAccountKey(ConnectionConfig config) {
        Optional<Secret> content = config.credential().get(GcpDriver.SERVICE_ACCOUNT_JSON);
        Optional<Secret> path = config.credential().get(GcpDriver.SERVICE_ACCOUNT_FILE);
        if (content.isEmpty() && path.isEmpty()) {
            return Optional.empty();
        }
        String json;
        try {
            json = content.isPresent() ? content.get().reveal()
                    : Files.readString(Path.of(path.get().reveal()), StandardCharsets.UTF_8);
            return Optional.of(new ObjectMapper().readTree(json));
        } catch (IOException | RuntimeException e) {
            // Never the content or the exception's text (it may quote the key).
            throw new InvalidRequestException(ErrorContext.of(config.name(), null, null), "credential",
                    "the service-account key " + (content.isPresent() ? "given" : "file") + " cannot be read as JSON");
        }
    }

    static CredentialsProvider provider(ConnectionConfig config, Optional<JsonNode> key) {
        if ("none".equalsIgnoreCase(config.property(GcpDriver.CREDENTIALS).orElse(""))) {
            return NoCredentialsProvider.create();
        }
        try {
            if (key.isPresent()) {
                try (InputStream in = new ByteArrayInputStream(key.get().toString().getBytes(StandardCharsets.UTF_8))) {
                    return FixedCredentialsProvider.create(ServiceAccountCredentials.fromStream(in).createScoped(SCOPE));
                }
            }
            return FixedCredentialsProvider.create(GoogleCredentials.getApplicationDefault().createScoped(SCOPE));
        } catch (IOException | RuntimeException e) {
            throw new AuthenticationFailedException(ErrorContext.of(config.name(), null, null),
                    key.isPresent() ? "the service-account key was refused by the client library"
                            : "no Application Default Credentials (run 'gcloud auth application-default login' or give a service-account key)");
        }
    }

}
