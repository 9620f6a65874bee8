package io.multicloud.driver.alibaba;

import io.multicloud.api.ConnectionConfig;
import io.multicloud.spi.Driver;
import io.multicloud.spi.DriverConnection;

import java.util.Set;

/**
 * The Alibaba Cloud driver ({@code alibaba}). This class loads no SDK class: the SDK is touched
 * only when a connection makes its first call.
 *
 * <p>Connection settings: credential keys {@code access_key_id} and {@code access_key_secret}
 * (and {@code security_token} for STS) — without them the SDK's default credential chain is used
 * (environment {@code ALIBABA_CLOUD_ACCESS_KEY_ID}/{@code _SECRET}, the profile file
 * {@code ~/.alibabacloud/credentials}, the instance's RAM role); properties {@code endpoint} (one
 * endpoint for ECS, VPC, SLB and ACK, {@code host:port} or a URL, for emulators and fakes),
 * {@code protocol} ({@code https}, the default, or {@code http}), {@code poll_max_ms} (the longest pause
 * between polls while waiting, default 2000), {@code nlb_address_type} ({@code internet}, the
 * default, or {@code intranet}), {@code slb_spec}, {@code ack_cluster_spec}, {@code ack_pod_cidr},
 * {@code ack_service_cidr}.
 */
public final class AlibabaDriver implements Driver {
    /** Credential key of the access key id. */
    public static final String ACCESS_KEY_ID = "access_key_id";
    /** Credential key of the access key secret. */
    public static final String ACCESS_KEY_SECRET = "access_key_secret";
    /** Credential key of an STS security token. */
    public static final String SECURITY_TOKEN = "security_token";
    /** Property: one endpoint for every product ({@code 127.0.0.1:8080} or {@code http://127.0.0.1:8080}). */
    public static final String ENDPOINT = "endpoint";
    /** Property: {@code https} (the default) or {@code http}. */
    public static final String PROTOCOL = "protocol";
    /** Property: the longest pause in milliseconds between polls of a state the cloud reaches by itself (default 2000). */
    public static final String POLL_MAX_MS = "poll_max_ms";

    /** The public regions (those with a regional ECS endpoint), as strings so that no SDK class is loaded to know them. */
    static final Set<String> REGIONS = Set.of(
            "cn-qingdao", "cn-beijing", "cn-zhangjiakou", "cn-huhehaote", "cn-wulanchabu", "cn-hangzhou", "cn-shanghai",
            "cn-nanjing", "cn-fuzhou", "cn-shenzhen", "cn-heyuan", "cn-guangzhou", "cn-chengdu", "cn-wuhan-lr",
            "cn-zhengzhou-jva", "cn-hongkong", "cn-hangzhou-finance", "cn-shanghai-finance-1", "cn-shenzhen-finance-1",
            "cn-beijing-finance-1", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-5",
            "ap-southeast-6", "ap-southeast-7", "ap-south-1", "ap-northeast-1", "ap-northeast-2", "us-west-1",
            "us-east-1", "eu-central-1", "eu-west-1", "me-east-1", "me-central-1");

    @Override
    public Set<String> credentialKeys() {
        return Set.of(ACCESS_KEY_ID, ACCESS_KEY_SECRET, SECURITY_TOKEN);
    }

    @Override
    public Set<String> propertyKeys() {
        return Set.of(ENDPOINT, PROTOCOL, POLL_MAX_MS, AlibabaLoadBalancers.ADDRESS_TYPE, AlibabaLoadBalancers.SPEC, AlibabaClusters.SPEC, AlibabaClusters.POD_CIDR, AlibabaClusters.SERVICE_CIDR);
    }

    @Override
    public String name() {
        return "alibaba";
    }

    @Override
    public Set<String> knownRegions() {
        return REGIONS;
    }

    @Override
    public DriverConnection connect(ConnectionConfig config) {
        return new AlibabaConnection(config);
    }
}
