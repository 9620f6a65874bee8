package io.multicloud.driver.gcp;

import com.google.cloud.billing.v1.CloudCatalogClient;
import com.google.cloud.compute.v1.InstancesClient;
import com.google.cloud.container.v1.ClusterManagerClient;
import com.google.cloud.tpu.v2.TpuClient;
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
import io.multicloud.spi.DiskService;
import io.multicloud.spi.DriverConnection;
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
 * A connection to one GCP region of one project. Holds the client-library clients (built on
 * first use) and one service object per resource family. {@link #unwrap(Class)} hands out
 * {@link InstancesClient}, {@link TpuClient}, {@link ClusterManagerClient} and {@link CloudCatalogClient}.
 */
final class GcpConnection implements DriverConnection {
    static final EnumSet<Capability> CAPABILITIES = EnumSet.of(Capability.REGIONS, Capability.IMAGES, Capability.SPECS, Capability.PRICES,
            Capability.VPCS, Capability.SECURITY_GROUPS, Capability.KEY_PAIRS, Capability.KEY_PAIR_IMPORT, Capability.VMS,
            Capability.VM_SUSPEND, Capability.DISKS, Capability.DISK_RESIZE, Capability.MY_IMAGES, Capability.NLBS, Capability.CLUSTERS, Capability.TAGS, Capability.ANY_CALL);

    private final GcpClients clients;
    private final GcpRegions regions;
    private final GcpImages images;
    private final GcpSpecs specs;
    private final GcpPrices prices;
    private final GcpNetworks networks;
    private final GcpSecurityGroups securityGroups;
    private final GcpKeyPairs keyPairs;
    private final GcpVms vms;
    private final GcpDisks disks;
    private final GcpMyImages myImages;
    private final GcpLoadBalancers loadBalancers;
    private final GcpClusters clusters;
    private final GcpTags tags;
    private final GcpAnyCall anyCall;

    GcpConnection(ConnectionConfig config) {
        this.clients = new GcpClients(config);
        GcpErrors errors = new GcpErrors(config.name());
        GcpContext ctx = new GcpContext(config, clients, errors, new GcpOperations(clients, errors));
        this.regions = new GcpRegions(ctx);
        this.images = new GcpImages(ctx);
        this.specs = new GcpSpecs(ctx);
        this.prices = new GcpPrices(ctx, specs);
        this.networks = new GcpNetworks(ctx);
        this.securityGroups = new GcpSecurityGroups(ctx);
        this.keyPairs = new GcpKeyPairs(ctx);
        this.vms = new GcpVms(ctx);
        this.disks = new GcpDisks(ctx, vms);
        this.myImages = new GcpMyImages(ctx, vms);
        this.loadBalancers = new GcpLoadBalancers(ctx, vms);
        this.clusters = new GcpClusters(ctx);
        this.tags = new GcpTags(ctx, vms, this);
        this.anyCall = new GcpAnyCall(ctx, vms);
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(CAPABILITIES, GcpAnyCall.FUNCTIONS);
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
        if (type == InstancesClient.class) {
            return Optional.of(type.cast(clients.instances.get()));
        }
        if (type == TpuClient.class) {
            return Optional.of(type.cast(clients.tpu.get()));
        }
        if (type == ClusterManagerClient.class) {
            return Optional.of(type.cast(clients.container.get()));
        }
        if (type == CloudCatalogClient.class) {
            return Optional.of(type.cast(clients.billing.get()));
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        clients.close();
    }
}
