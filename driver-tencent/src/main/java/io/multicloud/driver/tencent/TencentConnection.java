package io.multicloud.driver.tencent;

import com.tencentcloudapi.cbs.v20170312.CbsClient;
import com.tencentcloudapi.clb.v20180317.ClbClient;
import com.tencentcloudapi.common.CommonClient;
import com.tencentcloudapi.cvm.v20170312.CvmClient;
import com.tencentcloudapi.vpc.v20170312.VpcClient;
import io.multicloud.api.Capabilities;
import io.multicloud.api.Capability;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.Image;
import io.multicloud.api.Price;
import io.multicloud.api.Region;
import io.multicloud.api.Spec;
import io.multicloud.spi.AnyCallService;
import io.multicloud.spi.CatalogService;
import io.multicloud.spi.ClusterService;
import io.multicloud.spi.DriverConnection;
import io.multicloud.spi.DiskService;
import io.multicloud.spi.KeyPairService;
import io.multicloud.spi.MyImageService;
import io.multicloud.spi.NlbService;
import io.multicloud.spi.SecurityGroupService;
import io.multicloud.spi.TagService;
import io.multicloud.spi.VmService;
import io.multicloud.spi.VpcService;
import java.util.EnumSet;
import java.util.Optional;

/**
 * A connection to one Tencent Cloud region. Holds the SDK clients (built on first use) and one
 * service object per resource family. {@link #unwrap(Class)} hands out the SDK clients:
 * {@link CvmClient}, {@link VpcClient}, {@link CbsClient}, {@link ClbClient}, and TKE's
 * {@link CommonClient}.
 */
final class TencentConnection implements DriverConnection {
    static final EnumSet<Capability> CAPABILITIES = EnumSet.of(Capability.REGIONS, Capability.IMAGES, Capability.SPECS,
            Capability.PRICES, Capability.VPCS, Capability.SECURITY_GROUPS, Capability.KEY_PAIRS, Capability.KEY_PAIR_IMPORT,
            Capability.VMS, Capability.VM_SUSPEND, Capability.DISKS, Capability.DISK_RESIZE, Capability.MY_IMAGES, Capability.NLBS, Capability.CLUSTERS, Capability.TAGS, Capability.ANY_CALL);

    private final TencentClients clients;
    private final TencentRegions regions;
    private final TencentImages images;
    private final TencentSpecs specs;
    private final TencentPrices prices;
    private final TencentNetworks networks;
    private final TencentSecurityGroups securityGroups;
    private final TencentKeyPairs keyPairs;
    private final TencentVms vms;
    private final TencentDisks disks;
    private final TencentMyImages myImages;
    private final TencentLoadBalancers loadBalancers;
    private final TencentClusters clusters;
    private final TencentTags tags;
    private final TencentAnyCall anyCall;

    TencentConnection(ConnectionConfig config) {
        this.clients = new TencentClients(config);
        TencentContext ctx = new TencentContext(config, new TencentApi(config, clients, new TencentErrors(config.name())));
        this.regions = new TencentRegions(ctx);
        this.images = new TencentImages(ctx);
        this.specs = new TencentSpecs(ctx);
        this.prices = new TencentPrices(ctx, specs, images);
        this.networks = new TencentNetworks(ctx, regions);
        this.securityGroups = new TencentSecurityGroups(ctx, networks);
        this.keyPairs = new TencentKeyPairs(ctx);
        this.vms = new TencentVms(ctx, networks, securityGroups, keyPairs, images);
        this.disks = new TencentDisks(ctx, regions, vms);
        this.myImages = new TencentMyImages(ctx, vms);
        this.loadBalancers = new TencentLoadBalancers(ctx, networks, vms);
        this.clusters = new TencentClusters(ctx, networks, keyPairs, images);
        this.tags = new TencentTags(ctx, vms, networks, securityGroups, keyPairs, disks, loadBalancers, clusters);
        this.anyCall = new TencentAnyCall(ctx, vms);
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(CAPABILITIES, TencentAnyCall.FUNCTIONS);
    }

    @Override
    public CatalogService<Region> regions() {
        return regions;
    }

    @Override
    public CatalogService<Image> images() {
        return images;
    }

    @Override
    public CatalogService<Spec> specs() {
        return specs;
    }

    @Override
    public CatalogService<Price> prices() {
        return prices;
    }

    @Override
    public VpcService vpcs() {
        return networks;
    }

    @Override
    public SecurityGroupService securityGroups() {
        return securityGroups;
    }

    @Override
    public KeyPairService keyPairs() {
        return keyPairs;
    }

    @Override
    public VmService vms() {
        return vms;
    }

    @Override
    public DiskService disks() {
        return disks;
    }

    @Override
    public MyImageService myImages() {
        return myImages;
    }

    @Override
    public NlbService nlbs() {
        return loadBalancers;
    }

    @Override
    public ClusterService clusters() {
        return clusters;
    }

    @Override
    public TagService tags() {
        return tags;
    }

    @Override
    public AnyCallService anyCall() {
        return anyCall;
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        if (type == CvmClient.class) {
            return Optional.of(type.cast(clients.cvm()));
        }
        if (type == VpcClient.class) {
            return Optional.of(type.cast(clients.vpc()));
        }
        if (type == CbsClient.class) {
            return Optional.of(type.cast(clients.cbs()));
        }
        if (type == ClbClient.class) {
            return Optional.of(type.cast(clients.clb()));
        }
        if (type == CommonClient.class) {
            return Optional.of(type.cast(clients.tke()));
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        // The SDK's clients hold no connection of their own to close (OkHttp's pool idles out).
    }
}
