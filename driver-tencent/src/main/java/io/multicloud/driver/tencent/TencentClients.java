package io.multicloud.driver.tencent;

import com.tencentcloudapi.cbs.v20170312.CbsClient;
import com.tencentcloudapi.clb.v20180317.ClbClient;
import com.tencentcloudapi.common.AbstractClient;
import com.tencentcloudapi.common.CommonClient;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import com.tencentcloudapi.common.provider.DefaultCredentialsProvider;
import com.tencentcloudapi.cvm.v20170312.CvmClient;
import com.tencentcloudapi.vpc.v20170312.VpcClient;
import io.multicloud.api.AuthenticationFailedException;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.ErrorContext;
import io.multicloud.api.InvalidRequestException;
import java.util.function.Supplier;

/**
 * The SDK clients of one connection, each built on first use. The SDK's debug logging (which
 * prints whole requests) stays off, so no credential or private key reaches a log.
 */
final class TencentClients {
    /** The products this driver speaks to, with their API versions. */
    enum Product {
        CVM("cvm", "2017-03-12"), VPC("vpc", "2017-03-12"), CBS("cbs", "2017-03-12"),
        CLB("clb", "2018-03-17"), TKE("tke", "2018-05-25"), TAG("tag", "2018-08-13");

        final String service;
        final String version;

        Product(String service, String version) {
            this.service = service;
            this.version = version;
        }
    }

    private final ConnectionConfig config;
    private final Supplier<Credential> credential;
    private final Supplier<CvmClient> cvm;
    private final Supplier<VpcClient> vpc;
    private final Supplier<CbsClient> cbs;
    private final Supplier<ClbClient> clb;
    private final Supplier<CommonClient> tke;
    private final Supplier<CommonClient> tag;

    TencentClients(ConnectionConfig config) {
        this.config = config;
        this.credential = lazy(this::credential);
        String region = config.region();
        this.cvm = lazy(() -> new CvmClient(credential.get(), region, profile()));
        this.vpc = lazy(() -> new VpcClient(credential.get(), region, profile()));
        this.cbs = lazy(() -> new CbsClient(credential.get(), region, profile()));
        this.clb = lazy(() -> new ClbClient(credential.get(), region, profile()));
        this.tke = lazy(() -> new CommonClient(Product.TKE.service, Product.TKE.version, credential.get(), region, profile()));
        this.tag = lazy(() -> new CommonClient(Product.TAG.service, Product.TAG.version, credential.get(), region, profile()));
    }

    CvmClient cvm() {
        return cvm.get();
    }

    VpcClient vpc() {
        return vpc.get();
    }

    CbsClient cbs() {
        return cbs.get();
    }

    ClbClient clb() {
        return clb.get();
    }

    /** TKE through the SDK's common client (no per-product TKE artifact resolves here). */
    CommonClient tke() {
        return tke.get();
    }

    /** The tag service through the SDK's common client. */
    CommonClient tag() {
        return tag.get();
    }

    AbstractClient client(Product product) {
        return switch (product) {
            case CVM -> cvm();
            case VPC -> vpc();
            case CBS -> cbs();
            case CLB -> clb();
            case TKE -> tke();
            case TAG -> tag();
        };
    }

    private Credential credential() {
        var id = config.credential().get(TencentDriver.SECRET_ID);
        var key = config.credential().get(TencentDriver.SECRET_KEY);
        if (id.isEmpty() && key.isEmpty()) {
            try {
                return new DefaultCredentialsProvider().getCredentials();
            } catch (TencentCloudSDKException e) {
                throw new AuthenticationFailedException(ErrorContext.of(config.name(), null, null),
                        "no Tencent Cloud credential: give " + TencentDriver.SECRET_ID + " and " + TencentDriver.SECRET_KEY
                                + ", or set TENCENTCLOUD_SECRET_ID/TENCENTCLOUD_SECRET_KEY, a profile or a CVM role");
            }
        }
        if (id.isEmpty() || key.isEmpty()) {
            throw new InvalidRequestException("credential", "give both " + TencentDriver.SECRET_ID + " and "
                    + TencentDriver.SECRET_KEY + ", or neither to use the SDK's default chain");
        }
        var token = config.credential().get(TencentDriver.TOKEN);
        return token.isPresent() ? new Credential(id.get().reveal(), key.get().reveal(), token.get().reveal())
                : new Credential(id.get().reveal(), key.get().reveal());
    }

    private ClientProfile profile() {
        HttpProfile http = new HttpProfile();
        config.property(TencentDriver.ENDPOINT).ifPresent(http::setEndpoint);
        config.property(TencentDriver.PROXY).ifPresent(proxy -> {
            int colon = proxy.lastIndexOf(':');
            try {
                http.setProxyHost(proxy.substring(0, colon));
                http.setProxyPort(Integer.parseInt(proxy.substring(colon + 1)));
            } catch (RuntimeException e) {
                throw new InvalidRequestException(TencentDriver.PROXY, "'" + proxy + "' is not host:port");
            }
        });
        String protocol = config.property(TencentDriver.PROTOCOL).orElse("https");
        if (!protocol.equals("https") && !protocol.equals("http")) {
            throw new InvalidRequestException(TencentDriver.PROTOCOL, "'" + protocol + "' is neither https nor http");
        }
        http.setProtocol(protocol + "://");
        http.setConnTimeout(30);
        http.setReadTimeout(60);
        ClientProfile profile = new ClientProfile(ClientProfile.SIGN_TC3_256, http);
        profile.setDebug(false);
        return profile;
    }

    private static <T> Supplier<T> lazy(Supplier<T> factory) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = factory.get();
                }
                return value;
            }
        };
    }
}
