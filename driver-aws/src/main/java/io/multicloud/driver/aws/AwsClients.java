package io.multicloud.driver.aws;

import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.pricing.PricingClient;

/**
 * The SDK clients of one connection, each built on first use and closed with the connection.
 * Retries are the SDK's standard retry mode (throttling and 5xx retried with jittered backoff,
 * other errors not).
 */
final class AwsClients implements AutoCloseable {
    /** The Price List API lives in a few regions only; us-east-1 serves every region's prices. */
    private static final Region PRICING_REGION = Region.US_EAST_1;

    private final ConnectionConfig config;
    private final AwsCredentialsProvider credentials;
    private final List<AutoCloseable> built = new ArrayList<>();
    private final Supplier<Ec2Client> ec2;
    private final Supplier<ElasticLoadBalancingV2Client> elb;
    private final Supplier<EksClient> eks;
    private final Supplier<PricingClient> pricing;
    /** One HTTP client for the connection's SDK clients (the SDK does not close a client it was given). */
    private final Supplier<JdkHttpClient> http = lazy(() -> new JdkHttpClient(Duration.ofSeconds(10), Duration.ofSeconds(60)));

    AwsClients(ConnectionConfig config) {
        this.config = config;
        this.credentials = credentials(config);
        Region region = Region.of(config.region());
        this.ec2 = lazy(() -> configure(Ec2Client.builder(), region, AwsDriver.ENDPOINT).build());
        this.elb = lazy(() -> configure(ElasticLoadBalancingV2Client.builder(), region, AwsDriver.ENDPOINT).build());
        this.eks = lazy(() -> configure(EksClient.builder(), region, AwsDriver.ENDPOINT).build());
        this.pricing = lazy(() -> configure(PricingClient.builder(), PRICING_REGION, AwsDriver.PRICING_ENDPOINT).build());
    }

    Ec2Client ec2() {
        return ec2.get();
    }

    ElasticLoadBalancingV2Client elb() {
        return elb.get();
    }

    EksClient eks() {
        return eks.get();
    }

    PricingClient pricing() {
        return pricing.get();
    }

    private static AwsCredentialsProvider credentials(ConnectionConfig config) {
        var key = config.credential().get(AwsDriver.ACCESS_KEY_ID);
        var secret = config.credential().get(AwsDriver.SECRET_ACCESS_KEY);
        if (key.isEmpty() && secret.isEmpty()) {
            return DefaultCredentialsProvider.builder().build();
        }
        if (key.isEmpty() || secret.isEmpty()) {
            throw new InvalidRequestException("credential", "give both " + AwsDriver.ACCESS_KEY_ID + " and "
                    + AwsDriver.SECRET_ACCESS_KEY + ", or neither to use the default provider chain");
        }
        var token = config.credential().get(AwsDriver.SESSION_TOKEN);
        return StaticCredentialsProvider.create(token.isPresent()
                ? AwsSessionCredentials.create(key.get().reveal(), secret.get().reveal(), token.map(Secret::reveal).get())
                : AwsBasicCredentials.create(key.get().reveal(), secret.get().reveal()));
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder, Region region,
                                                                                          String endpointProperty) {
        builder.httpClient(http.get());
        builder.region(region).credentialsProvider(credentials)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(b -> b.maxAttempts(maxAttempts())).build());
        config.property(endpointProperty).or(() -> config.property(AwsDriver.ENDPOINT))
                .ifPresent(url -> builder.endpointOverride(URI.create(url)));
        return builder;
    }

    private int maxAttempts() {
        String value = config.property(AwsDriver.MAX_ATTEMPTS).orElse("5");
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= 20) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InvalidRequestException(AwsDriver.MAX_ATTEMPTS, "'" + value + "' is not a number 1..20");
    }

    private <T extends AutoCloseable> Supplier<T> lazy(Supplier<T> factory) {
        return new Supplier<>() {
            private T client;

            @Override
            public synchronized T get() {
                if (client == null) {
                    client = factory.get();
                    synchronized (built) {
                        built.add(client);
                    }
                }
                return client;
            }
        };
    }

    @Override
    public void close() {
        synchronized (built) {
            for (AutoCloseable c : built) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing is best effort
                }
            }
            built.clear();
        }
    }
}
