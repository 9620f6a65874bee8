package io.multicloud.driver.alibaba;

import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.Secret;
import io.multicloud.api.TransientCloudException;
import io.multicloud.api.ErrorContext;

import java.util.Locale;
import java.util.Optional;

/**
 * The SDK clients of one connection, each built on first use: ECS, VPC, SLB and CS (ACK).
 * Credentials are the connection's access key when given, else the SDK's default credential
 * chain. The tea SDK keeps no wire log of its own (only model cast notes), so no request and no
 * signature reaches a log through it.
 */
final class AlibabaClients implements AutoCloseable {
    private final ConnectionConfig config;
    private volatile com.aliyun.ecs20140526.Client ecs;
    private volatile com.aliyun.vpc20160428.Client vpc;
    private volatile com.aliyun.slb20140515.Client slb;
    private volatile com.aliyun.cs20151215.Client cs;

    AlibabaClients(ConnectionConfig config) {
        this.config = config;
    }

    com.aliyun.ecs20140526.Client ecs() {
        com.aliyun.ecs20140526.Client c = ecs;
        if (c == null) {
            synchronized (this) {
                if (ecs == null) {
                    ecs = build("ecs", com.aliyun.ecs20140526.Client::new);
                }
                c = ecs;
            }
        }
        return c;
    }

    com.aliyun.vpc20160428.Client vpc() {
        com.aliyun.vpc20160428.Client c = vpc;
        if (c == null) {
            synchronized (this) {
                if (vpc == null) {
                    vpc = build("vpc", com.aliyun.vpc20160428.Client::new);
                }
                c = vpc;
            }
        }
        return c;
    }

    com.aliyun.slb20140515.Client slb() {
        com.aliyun.slb20140515.Client c = slb;
        if (c == null) {
            synchronized (this) {
                if (slb == null) {
                    slb = build("slb", com.aliyun.slb20140515.Client::new);
                }
                c = slb;
            }
        }
        return c;
    }

    com.aliyun.cs20151215.Client cs() {
        com.aliyun.cs20151215.Client c = cs;
        if (c == null) {
            synchronized (this) {
                if (cs == null) {
                    cs = build("cs", com.aliyun.cs20151215.Client::new);
                }
                c = cs;
            }
        }
        return c;
    }

    /** Whether a client has been built (for the lazy-loading tests). */
    synchronized boolean anyBuilt() {
        return ecs != null || vpc != null || slb != null || cs != null;
    }

    @FunctionalInterface
    private interface Factory<T> {
        T create(com.aliyun.teaopenapi.models.Config config) throws Exception;
    }

    private <T> T build(String product, Factory<T> factory) {
        com.aliyun.teaopenapi.models.Config c = new com.aliyun.teaopenapi.models.Config();
        c.setRegionId(config.region());
        Optional<Secret> id = config.credential().get(AlibabaDriver.ACCESS_KEY_ID);
        Optional<Secret> secret = config.credential().get(AlibabaDriver.ACCESS_KEY_SECRET);
        if (id.isPresent() && secret.isPresent()) {
            c.setAccessKeyId(id.get().reveal());
            c.setAccessKeySecret(secret.get().reveal());
            config.credential().get(AlibabaDriver.SECURITY_TOKEN).map(Secret::reveal).ifPresent(c::setSecurityToken);
        } else {
            // The default chain: environment, profile file, the instance's RAM role.
            c.setCredential(new com.aliyun.credentials.Client());
        }
        config.property(AlibabaDriver.ENDPOINT).ifPresent(endpoint -> {
            String e = endpoint.trim();
            int scheme = e.indexOf("://");
            if (scheme > 0) {
                c.setProtocol(e.substring(0, scheme).toUpperCase(Locale.ROOT));
                e = e.substring(scheme + 3);
            }
            c.setEndpoint(e.endsWith("/") ? e.substring(0, e.length() - 1) : e);
        });
        config.property(AlibabaDriver.PROTOCOL).map(p -> p.toUpperCase(Locale.ROOT)).ifPresent(c::setProtocol);
        c.setConnectTimeout(10_000);
        c.setReadTimeout(60_000);
        try {
            return factory.create(c);
        } catch (Exception e) {
            throw new TransientCloudException(ErrorContext.of(config.name(), null, null),
                    "cannot set up the Alibaba Cloud " + product + " client: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public void close() {
        // The tea clients share one OkHttp pool per SDK and hold no resource of their own.
    }
}
