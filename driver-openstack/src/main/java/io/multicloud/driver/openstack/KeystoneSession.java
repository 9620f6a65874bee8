package io.multicloud.driver.openstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.api.AuthenticationFailedException;
import io.multicloud.api.ErrorContext;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.TransientCloudException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openstack4j.api.OSClient.OSClientV3;
import org.openstack4j.api.exceptions.AuthenticationException;
import org.openstack4j.api.exceptions.ResponseException;
import org.openstack4j.api.types.Facing;
import org.openstack4j.api.types.ServiceType;
import org.openstack4j.core.transport.Config;
import org.openstack4j.core.transport.ObjectMapperSingleton;
import org.openstack4j.model.common.Identifier;
import org.openstack4j.model.identity.v3.Endpoint;
import org.openstack4j.model.identity.v3.Service;
import org.openstack4j.model.identity.v3.Token;
import org.openstack4j.openstack.OSFactory;
import org.openstack4j.openstack.identity.v3.domain.KeystoneToken;
import org.openstack4j.openstack.internal.OSClientSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Keystone login shared by every thread of a connection.
 *
 * <p>openstack4j keeps its session in a {@code ThreadLocal}: a client made on one thread does not
 * work on another, and a virtual thread starts with none. So the token is held here, and
 * {@link #client()} binds a fresh client to the calling thread from it, which costs no call. The
 * token is renewed {@code renewBefore} ahead of its expiry, by one thread while the others wait;
 * when openstack4j re-authenticates by itself after a 401 (a revoked token), {@link #adopt()}
 * takes its new token so that the other threads use it too.
 */
final class KeystoneSession {
    private static final Logger LOG = LoggerFactory.getLogger(KeystoneSession.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String connection;
    private final OpenStackCredentials credentials;
    private final String region;
    private final Facing facing;
    private final Config config;
    private final Duration renewBefore;
    private final Clock clock;
    private volatile Token token;

    KeystoneSession(String connection, OpenStackCredentials credentials, String region, Facing facing,
                    Duration timeout, Duration renewBefore, Clock clock) {
        this.connection = connection;
        this.credentials = credentials;
        this.region = region;
        this.facing = facing;
        int millis = Math.toIntExact(timeout.toMillis());
        this.config = Config.newConfig().withConnectionTimeout(millis).withReadTimeout(millis);
        this.renewBefore = renewBefore;
        this.clock = clock;
    }

    /** A client for the calling thread, in this connection's region, with a token that is not about to expire. */
    OSClientV3 client() {
        OSClientV3 client = OSFactory.clientFromToken(token(), facing, config);
        return client.useRegion(region);
    }

    /** The current token, renewed first when it expires within {@code renewBefore}. */
    Token token() {
        Token current = token;
        if (current == null || expiresSoon(current)) {
            synchronized (this) {
                current = token;
                if (current == null || expiresSoon(current)) {
                    current = authenticate();
                    token = current;
                }
            }
        }
        return current;
    }

    /** Takes the token openstack4j got by itself on this thread after a 401, if it is newer than ours. */
    void adopt() {
        if (!(OSClientSession.getCurrent() instanceof OSClientSession.OSClientSessionV3 session)) {
            return;
        }
        Token renewed = session.getToken();
        Token current = token;
        if (renewed != null && current != null && renewed != current && renewed.getId() != null
                && !renewed.getId().equals(current.getId()) && renewed.getExpires() != null
                && renewed.getExpires().after(current.getExpires())) {
            synchronized (this) {
                if (token == current) {
                    token = renewed;
                }
            }
        }
    }

    /** Forgets the token, so that the next call logs in again (after Keystone refused it). */
    synchronized void invalidate(Token refused) {
        if (token == refused) {
            token = null;
        }
    }

    /**
     * Whether the catalog offers, in this region, a service that openstack4j will find as this
     * type: it matches a service by the pattern of its catalog type or name ({@code volumev3} and a
     * service named {@code cinder} are block storage; {@code block-storage} named otherwise is not).
     */
    boolean offers(ServiceType wanted) {
        List<? extends Service> catalog = token().getCatalog();
        if (catalog == null) {
            return false;
        }
        return catalog.stream()
                .filter(s -> ServiceType.forName(s.getType()) == wanted || ServiceType.forName(s.getName()) == wanted)
                .flatMap(s -> s.getEndpoints() == null ? java.util.stream.Stream.<Endpoint>empty() : s.getEndpoints().stream())
                .anyMatch(e -> region.equals(e.getRegion()) || region.equals(e.getRegionId()));
    }

    /** The endpoint URL of the first of these service types that the catalog offers in this region. */
    Optional<String> endpoint(String... serviceTypes) {
        List<? extends Service> catalog = token().getCatalog();
        if (catalog == null) {
            return Optional.empty();
        }
        for (String type : serviceTypes) {
            for (Service service : catalog) {
                if (!type.equals(service.getType()) || service.getEndpoints() == null) {
                    continue;
                }
                for (Endpoint endpoint : service.getEndpoints()) {
                    if (region.equals(endpoint.getRegion()) || region.equals(endpoint.getRegionId())) {
                        if (endpoint.getIface() == null || endpoint.getIface() == facing) {
                            return Optional.of(endpoint.getUrl().toString());
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The region ids that the catalog has endpoints in. */
    List<String> catalogRegions() {
        List<? extends Service> catalog = token().getCatalog();
        return catalog == null ? List.of() : catalog.stream()
                .flatMap(s -> s.getEndpoints() == null ? java.util.stream.Stream.<Endpoint>empty() : s.getEndpoints().stream())
                .map(e -> e.getRegionId() != null ? e.getRegionId() : e.getRegion())
                .filter(Objects::nonNull).distinct().sorted().toList();
    }

    /** The region this session works in. */
    String region() {
        return region;
    }

    private boolean expiresSoon(Token candidate) {
        return candidate.getExpires() == null
                || !Instant.now(clock).plus(renewBefore).isBefore(candidate.getExpires().toInstant());
    }

    private Token authenticate() {
        LOG.debug("{}: logging in to Keystone at {}", connection, credentials.authUrl());
        try {
            return credentials.isApplicationCredential() ? applicationCredentialToken() : passwordToken();
        } catch (AuthenticationException e) {
            throw refused(e.getStatus(), e.getMessage(), e);
        } catch (ResponseException e) {
            if (e.getStatus() == 401 || e.getStatus() == 403) {
                throw refused(e.getStatus(), e.getMessage(), e);
            }
            throw new TransientCloudException(context().provider(String.valueOf(e.getStatus()), e.getMessage()),
                    "Keystone at " + credentials.authUrl() + " did not answer: " + e.getMessage(), e);
        }
    }

    private Token passwordToken() {
        return OSFactory.builderV3().endpoint(credentials.authUrl()).withConfig(config).perspective(facing)
                .credentials(credentials.username(), credentials.password().reveal(),
                        Identifier.byName(credentials.userDomain()))
                .scopeToProject(Identifier.byName(credentials.project()), Identifier.byName(credentials.projectDomain()))
                .authenticate().getToken();
    }

    /** openstack4j 3.12 has no application-credential login: the token is asked for here and read with its model. */
    private Token applicationCredentialToken() {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode identity = body.putObject("auth").putObject("identity");
        identity.putArray("methods").add("application_credential");
        identity.putObject("application_credential").put("id", credentials.applicationCredentialId())
                .put("secret", credentials.applicationCredentialSecret().reveal());
        HttpRequest request = HttpRequest.newBuilder(URI.create(credentials.authUrl() + "/auth/tokens"))
                .timeout(Duration.ofMillis(config.getReadTimeout()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(config.getConnectTimeout())).build()) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 401 || response.statusCode() == 403 || response.statusCode() == 404) {
                throw refused(response.statusCode(), response.body(), null);
            }
            if (response.statusCode() >= 300) {
                throw new TransientCloudException(context().provider(String.valueOf(response.statusCode()), response.body()),
                        "Keystone answered " + response.statusCode() + " to the application credential login", null);
            }
            KeystoneToken parsed = ObjectMapperSingleton.getContext(KeystoneToken.class)
                    .readerFor(KeystoneToken.class).readValue(response.body());
            parsed.setId(response.headers().firstValue("X-Subject-Token").orElseThrow(
                    () -> new TransientCloudException(context(), "Keystone answered without X-Subject-Token", null)));
            parsed.setEndpoint(credentials.authUrl());
            return parsed;
        } catch (IOException e) {
            throw new TransientCloudException(context(), "Keystone at " + credentials.authUrl() + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientCloudException(context(), "interrupted while logging in to Keystone", e);
        }
    }

    private AuthenticationFailedException refused(int status, String message, Throwable cause) {
        // Keystone's message names the user at most, never the password or secret.
        return new AuthenticationFailedException(context().provider(String.valueOf(status), message),
                "Keystone at " + credentials.authUrl() + " refused the login of " + who(), cause);
    }

    private String who() {
        return credentials.isApplicationCredential() ? "application credential " + credentials.applicationCredentialId()
                : "user " + credentials.userDomain() + "/" + credentials.username() + " to project " + credentials.project();
    }

    private ErrorContext context() {
        return ErrorContext.of(connection, ResourceKind.REGION, region);
    }
}
