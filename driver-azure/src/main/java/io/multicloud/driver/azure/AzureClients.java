package io.multicloud.driver.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.AddDatePolicy;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.http.policy.ExponentialBackoff;
import com.azure.core.http.policy.HttpLogDetailLevel;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.http.policy.HttpLoggingPolicy;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RequestIdPolicy;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.policy.UserAgentPolicy;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.identity.ClientCertificateCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.resourcemanager.compute.ComputeManager;
import com.azure.resourcemanager.compute.fluent.ComputeManagementClient;
import com.azure.resourcemanager.containerservice.ContainerServiceManager;
import com.azure.resourcemanager.containerservice.fluent.ContainerServiceManagementClient;
import com.azure.resourcemanager.network.NetworkManager;
import com.azure.resourcemanager.network.fluent.NetworkManagementClient;
import com.azure.resourcemanager.resources.ResourceManager;
import com.azure.resourcemanager.resources.fluent.ResourceManagementClient;
import com.azure.resourcemanager.resources.fluent.SubscriptionClient;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.Credential;
import io.multicloud.api.ErrorContext;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.Secret;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * The SDK clients of one connection, each built on first use: one HTTP pipeline (the JDK HTTP
 * client, the SDK's retry policy, the credential) shared by the Resource Manager clients of
 * compute, network, container service and resources. The driver uses the SDK's generated service
 * clients ({@code manager.serviceClient()}): each call is one REST call, with the SDK's pollers for
 * long-running operations and its pagers following {@code nextLink}.
 *
 * <p>Credentials: a service principal ({@code tenant_id}, {@code client_id} and
 * {@code client_secret} or {@code client_certificate_path}), a ready {@code access_token}, or else
 * {@code DefaultAzureCredential}. A plain-http endpoint (a local fake; loopback only) gets the
 * bearer header from a fixed-header policy, since the SDK's token policy refuses plain http.
 */
final class AzureClients implements AutoCloseable {
    private final ConnectionConfig config;
    /** What was built, by name. Built inside {@link #once}: no lambda that names an SDK type exists before the first call. */
    private final java.util.Map<String, Object> made = new java.util.HashMap<>();

    AzureClients(ConnectionConfig config) {
        this.config = config;
    }

    @SuppressWarnings("unchecked")
    private synchronized <T> T once(String key, Supplier<T> make) {
        Object value = made.get(key);
        if (value == null) {
            value = make.get();
            made.put(key, value);
        }
        return (T) value;
    }

    ComputeManagementClient compute() {
        return computeManager().serviceClient();
    }

    NetworkManagementClient network() {
        return networkManager().serviceClient();
    }

    ContainerServiceManagementClient containers() {
        return containerServiceManager().serviceClient();
    }

    ResourceManagementClient resources() {
        return resourceManager().serviceClient();
    }

    SubscriptionClient subscriptions() {
        return resourceManager().subscriptionClient();
    }

    String subscription() {
        return once("subscription", this::findSubscription);
    }

    ComputeManager computeManager() {
        return once("compute", () -> ComputeManager.authenticate(pipeline(), profile()));
    }

    NetworkManager networkManager() {
        return once("network", () -> NetworkManager.authenticate(pipeline(), profile()));
    }

    ContainerServiceManager containerServiceManager() {
        return once("containers", () -> ContainerServiceManager.authenticate(pipeline(), profile()));
    }

    private ResourceManager.Authenticated authenticated() {
        return once("resources", () -> ResourceManager.authenticate(pipeline(), new AzureProfile(environment())));
    }

    private ResourceManager resourceManager() {
        return once("resourceManager", () -> authenticated().withSubscription(subscription()));
    }

    private AzureProfile profile() {
        return once("profile", () -> new AzureProfile(null, subscription(), environment()));
    }

    HttpPipeline pipeline() {
        return once("pipeline", this::buildPipeline);
    }

    /** The Resource Manager endpoint, without a trailing slash. */
    String endpoint() {
        return config.property(AzureDriver.ENDPOINT).map(e -> e.endsWith("/") ? e.substring(0, e.length() - 1) : e)
                .orElse("https://management.azure.com");
    }

    private AzureEnvironment environment() {
        if (config.property(AzureDriver.ENDPOINT).isEmpty()) {
            return AzureEnvironment.AZURE;
        }
        AzureEnvironment base = AzureEnvironment.AZURE;
        java.util.Map<String, String> endpoints = new java.util.HashMap<>(base.getEndpoints());
        endpoints.put("resourceManagerEndpointUrl", endpoint() + "/");
        endpoints.put("managementEndpointUrl", endpoint() + "/");
        return new AzureEnvironment(endpoints);
    }

    private String findSubscription() {
        return config.property(AzureDriver.SUBSCRIPTION)
                .or(() -> java.util.Optional.ofNullable(System.getenv("AZURE_SUBSCRIPTION_ID")).filter(s -> !s.isBlank()))
                .orElseGet(() -> {
                    List<String> ids = new ArrayList<>();
                    authenticated().subscriptions().list().forEach(s -> ids.add(s.subscriptionId()));
                    if (ids.size() != 1) {
                        throw new InvalidRequestException(ErrorContext.NONE.connectionIfAbsent(config.name()), "subscription",
                                "the credential sees " + ids.size() + " subscriptions: name one with the property '"
                                        + AzureDriver.SUBSCRIPTION + "' or AZURE_SUBSCRIPTION_ID");
                    }
                    return ids.getFirst();
                });
    }

    private HttpPipeline buildPipeline() {
        HttpClient http = new JdkHttpClientBuilder().build();
        int maxRetries = intProperty(AzureDriver.MAX_RETRIES, 3);
        long delayMs = intProperty(AzureDriver.RETRY_DELAY_MS, 800);
        List<HttpPipelinePolicy> policies = new ArrayList<>();
        policies.add(new UserAgentPolicy("multicloud-azure"));
        policies.add(new RequestIdPolicy());
        // ExponentialBackoff needs a positive delay; the policy honours Retry-After (and the ms variants) first.
        policies.add(new RetryPolicy(new ExponentialBackoff(maxRetries, Duration.ofMillis(Math.max(1, delayMs)),
                Duration.ofMillis(Math.max(1, delayMs) * 32))));
        policies.add(new AddDatePolicy());
        policies.add(authentication());
        policies.add(new HttpLoggingPolicy(new HttpLogOptions().setLogLevel(logLevel())));
        return new HttpPipelineBuilder().httpClient(http).policies(policies.toArray(HttpPipelinePolicy[]::new)).build();
    }

    private HttpPipelinePolicy authentication() {
        URI uri = URI.create(endpoint());
        Credential credential = config.credential();
        if ("http".equalsIgnoreCase(uri.getScheme())) {
            String host = uri.getHost() == null ? "" : uri.getHost();
            if (!host.equals("127.0.0.1") && !host.equals("localhost") && !host.equals("[::1]")) {
                throw new InvalidRequestException(ErrorContext.NONE.connectionIfAbsent(config.name()), AzureDriver.ENDPOINT,
                        "plain http is allowed only on the loopback address (a local fake); use https");
            }
            String token = credential.get(AzureDriver.ACCESS_TOKEN).map(Secret::reveal).orElse("local-fake");
            HttpPipelinePolicy fixed = (context, next) -> {
                context.getHttpRequest().getHeaders().set(HttpHeaderName.AUTHORIZATION, "Bearer " + token);
                return next.process();
            };
            return fixed;
        }
        String scope = endpoint() + "/.default";
        return new BearerTokenAuthenticationPolicy(tokenCredential(credential), scope);
    }

    private static TokenCredential tokenCredential(Credential credential) {
        var token = credential.get(AzureDriver.ACCESS_TOKEN);
        if (token.isPresent()) {
            Secret value = token.get();
            return request -> Mono.just(new AccessToken(value.reveal(), OffsetDateTime.now().plusYears(1)));
        }
        var tenant = credential.get(AzureDriver.TENANT_ID).map(Secret::reveal);
        var client = credential.get(AzureDriver.CLIENT_ID).map(Secret::reveal);
        var secret = credential.get(AzureDriver.CLIENT_SECRET);
        var certificate = credential.get(AzureDriver.CLIENT_CERTIFICATE_PATH).map(Secret::reveal);
        if (tenant.isPresent() && client.isPresent() && secret.isPresent()) {
            return new ClientSecretCredentialBuilder().tenantId(tenant.get()).clientId(client.get())
                    .clientSecret(secret.get().reveal()).build();
        }
        if (tenant.isPresent() && client.isPresent() && certificate.isPresent()) {
            return new ClientCertificateCredentialBuilder().tenantId(tenant.get()).clientId(client.get())
                    .pemCertificate(certificate.get()).build();
        }
        return new DefaultAzureCredentialBuilder().build();
    }

    private HttpLogDetailLevel logLevel() {
        String level = config.property(AzureDriver.HTTP_LOG).orElse("NONE").toUpperCase(Locale.ROOT);
        return switch (level) {
            case "BASIC" -> HttpLogDetailLevel.BASIC;
            case "HEADERS" -> HttpLogDetailLevel.HEADERS;
            default -> HttpLogDetailLevel.NONE; // bodies are never logged: a VM's custom data or a key may be in them
        };
    }

    int intProperty(String key, int fallback) {
        return config.property(key).map(v -> {
            try {
                return Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                throw new InvalidRequestException(ErrorContext.NONE.connectionIfAbsent(config.name()), key, "'" + v + "' is not a number");
            }
        }).orElse(fallback);
    }

    @Override
    public void close() {
        // The JDK HTTP client holds no resource that needs closing; the managers hold none either.
    }
}
