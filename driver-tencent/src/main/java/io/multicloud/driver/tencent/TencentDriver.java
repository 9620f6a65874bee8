package io.multicloud.driver.tencent;

import io.multicloud.api.ConnectionConfig;
import io.multicloud.spi.Driver;
import io.multicloud.spi.DriverConnection;
import java.util.Set;

/**
 * The Tencent Cloud driver ({@code tencent}). This class loads no SDK class: the SDK is touched
 * only when a connection opens.
 *
 * <p>Connection settings: credential keys {@code secret_id}, {@code secret_key} (and
 * {@code token} for temporary credentials) — without them the SDK's default chain is used
 * (environment {@code TENCENTCLOUD_SECRET_ID}/{@code TENCENTCLOUD_SECRET_KEY}, the profile file,
 * the CVM role); properties {@code endpoint} (one {@code host:port} for every product: a fake or
 * a private endpoint), {@code protocol} ({@code https} by default, {@code http} for a local fake),
 * {@code max_attempts} (tries of a read or of a create that carries a client token on a throttled or
 * transient error, default 4) and {@code retry_base_ms} (first pause between tries, default 200).
 */
public final class TencentDriver implements Driver {
    /** Credential key of the SecretId. */
    public static final String SECRET_ID = "secret_id";
    /** Credential key of the SecretKey. */
    public static final String SECRET_KEY = "secret_key";
    /** Credential key of a temporary credential's token. */
    public static final String TOKEN = "token";
    /** Property: one endpoint ({@code host:port}) for every product. */
    public static final String ENDPOINT = "endpoint";
    /** Property: an HTTP proxy, {@code host:port}. */
    public static final String PROXY = "proxy";
    /** Property: {@code https} (default) or {@code http}. */
    public static final String PROTOCOL = "protocol";
    /** Property: tries of a retryable call. */
    public static final String MAX_ATTEMPTS = "max_attempts";
    /** Property: the first pause between tries, in milliseconds. */
    public static final String RETRY_BASE_MS = "retry_base_ms";

    /** The public regions, as strings so that no SDK class is loaded to know them. */
    static final Set<String> REGIONS = Set.of(
            "ap-guangzhou", "ap-shanghai", "ap-nanjing", "ap-beijing", "ap-chengdu", "ap-chongqing",
            "ap-hongkong", "ap-singapore", "ap-jakarta", "ap-seoul", "ap-tokyo", "ap-bangkok",
            "ap-mumbai", "na-siliconvalley", "na-ashburn", "sa-saopaulo", "eu-frankfurt",
            "ap-shanghai-fsi", "ap-shenzhen-fsi", "ap-beijing-fsi", "ap-guangzhou-open", "ap-shenzhen");

    @Override
    public Set<String> credentialKeys() {
        return Set.of(SECRET_ID, SECRET_KEY, TOKEN);
    }

    @Override
    public Set<String> propertyKeys() {
        return Set.of(ENDPOINT, PROXY, PROTOCOL, MAX_ATTEMPTS, RETRY_BASE_MS, "bandwidth_out_mbps", "cluster_cidr", "currency", "uin");
    }

    @Override
    public String name() {
        return "tencent";
    }

    @Override
    public Set<String> knownRegions() {
        return REGIONS;
    }

    @Override
    public DriverConnection connect(ConnectionConfig config) {
        return new TencentConnection(config);
    }
}
