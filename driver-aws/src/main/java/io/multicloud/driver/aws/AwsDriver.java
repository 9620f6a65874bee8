package io.multicloud.driver.aws;

import io.multicloud.api.ConnectionConfig;
import io.multicloud.spi.Driver;
import io.multicloud.spi.DriverConnection;
import java.util.Set;

/**
 * The AWS driver ({@code aws}). This class loads no SDK class: the SDK is touched only when a
 * connection opens.
 *
 * <p>Connection settings: credential keys {@code access_key_id}, {@code secret_access_key}
 * (and {@code session_token}) — without them the SDK's default provider chain is used
 * (environment, profile, container and instance roles); properties {@code endpoint} (an
 * endpoint override for EC2, ELBv2 and EKS: AWS-compatible clouds, emulators),
 * {@code pricing_endpoint} (the Price List API's), {@code max_attempts} (SDK retries, default 5),
 * {@code page_size} (MaxResults of each page a listing asks for; by default AWS's own page size.
 * Lists always follow NextToken to the end: the setting only makes pages smaller, as tests do to
 * make paging happen; AWS takes 5 to 1000, 500 for volumes).
 */
public final class AwsDriver implements Driver {
    /** Credential key of the access key id. */
    public static final String ACCESS_KEY_ID = "access_key_id";
    /** Credential key of the secret access key. */
    public static final String SECRET_ACCESS_KEY = "secret_access_key";
    /** Credential key of a session token. */
    public static final String SESSION_TOKEN = "session_token";
    /** Property: endpoint override for EC2, ELBv2 and EKS. */
    public static final String ENDPOINT = "endpoint";
    /** Property: endpoint override for the Price List API. */
    public static final String PRICING_ENDPOINT = "pricing_endpoint";
    /** Property: how many attempts the SDK makes for a retryable error. */
    public static final String MAX_ATTEMPTS = "max_attempts";
    /** Property: MaxResults of each page of a listing (lists follow every page whatever it is). */
    public static final String PAGE_SIZE = "page_size";

    /** The public regions, as strings so that no SDK class is loaded to know them. */
    static final Set<String> REGIONS = Set.of(
            "us-east-1", "us-east-2", "us-west-1", "us-west-2", "af-south-1", "ap-east-1", "ap-east-2",
            "ap-south-1", "ap-south-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
            "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-7",
            "ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2", "eu-west-1", "eu-west-2", "eu-west-3",
            "eu-south-1", "eu-south-2", "eu-north-1", "il-central-1", "me-south-1", "me-central-1",
            "mx-central-1", "sa-east-1", "us-gov-east-1", "us-gov-west-1", "cn-north-1", "cn-northwest-1");

    @Override
    public Set<String> credentialKeys() {
        return Set.of(ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN);
    }

    @Override
    public Set<String> propertyKeys() {
        return Set.of(ENDPOINT, PRICING_ENDPOINT, MAX_ATTEMPTS, PAGE_SIZE, AwsClusters.ROLE_ARN, AwsClusters.NODE_ROLE_ARN);
    }

    @Override
    public String name() {
        return "aws";
    }

    @Override
    public Set<String> knownRegions() {
        return REGIONS;
    }

    @Override
    public DriverConnection connect(ConnectionConfig config) {
        return new AwsConnection(config);
    }
}
