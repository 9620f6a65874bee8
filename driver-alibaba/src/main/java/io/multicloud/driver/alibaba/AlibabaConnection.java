package io.multicloud.driver.alibaba;

import io.multicloud.api.Capabilities;
import io.multicloud.api.Capability;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.Image;
import io.multicloud.api.KeyPair;
import io.multicloud.api.Named;
import io.multicloud.api.Price;
import io.multicloud.api.Region;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Spec;
import io.multicloud.api.Subnet;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A connection to one Alibaba Cloud region. Holds the SDK clients (built on first use) and one
 * service object per resource family. {@link #unwrap(Class)} hands out the SDK clients:
 * {@code com.aliyun.ecs20140526.Client}, {@code com.aliyun.vpc20160428.Client},
 * {@code com.aliyun.slb20140515.Client}, {@code com.aliyun.cs20151215.Client}.
 */
final class AlibabaConnection implements DriverConnection {
    /** What this driver offers. */
    static final Set<Capability> SUPPORTED = EnumSet.of(Capability.REGIONS, Capability.IMAGES, Capability.SPECS,
            Capability.PRICES, Capability.VPCS, Capability.SECURITY_GROUPS, Capability.KEY_PAIRS, Capability.KEY_PAIR_IMPORT,
            Capability.VMS, Capability.VM_SUSPEND, Capability.DISKS, Capability.DISK_RESIZE, Capability.MY_IMAGES,
            Capability.NLBS, Capability.CLUSTERS, Capability.TAGS, Capability.ANY_CALL);

    private final AlibabaClients clients;
    private final AlibabaRegions regions;
    private final AlibabaImages images;
    private final AlibabaSpecs specs;
    private final AlibabaPrices prices;
    private final AlibabaNetworks networks;
    private final AlibabaSecurityGroups securityGroups;
    private final AlibabaKeyPairs keyPairs;
    private final AlibabaVms vms;
    private final AlibabaDisks disks;
    private final AlibabaMyImages myImages;
    private final AlibabaLoadBalancers loadBalancers;
    private final AlibabaClusters clusters;
    private final AlibabaTagService tags;
    private final AlibabaAnyCall anyCall;

    AlibabaConnection(ConnectionConfig config) {
        this.clients = new AlibabaClients(config);
        AlibabaContext ctx = new AlibabaContext(config, clients, new AlibabaErrors(config.name()));
        AlibabaZones zones = new AlibabaZones(ctx);
        this.regions = new AlibabaRegions(ctx, zones);
        this.images = new AlibabaImages(ctx);
        this.specs = new AlibabaSpecs(ctx, zones);
        this.prices = new AlibabaPrices(ctx, specs, zones);
        this.networks = new AlibabaNetworks(ctx, zones);
        this.securityGroups = new AlibabaSecurityGroups(ctx, networks);
        this.keyPairs = new AlibabaKeyPairs(ctx);
        this.vms = new AlibabaVms(ctx, networks, securityGroups, images);
        this.disks = new AlibabaDisks(ctx, zones, vms);
        this.myImages = new AlibabaMyImages(ctx, images, vms);
        this.loadBalancers = new AlibabaLoadBalancers(ctx, networks, vms);
        this.clusters = new AlibabaClusters(ctx, networks, securityGroups, images);
        this.anyCall = new AlibabaAnyCall(ctx, zones, vms);
        Map<ResourceKind, CatalogService<? extends Named>> services = new HashMap<>();
        services.put(ResourceKind.VM, vms);
        services.put(ResourceKind.DISK, disks);
        services.put(ResourceKind.SECURITY_GROUP, securityGroups);
        services.put(ResourceKind.KEY_PAIR, keyPairs);
        services.put(ResourceKind.MY_IMAGE, myImages);
        services.put(ResourceKind.VPC, networks);
        services.put(ResourceKind.SUBNET, new SubnetsByName(networks));
        services.put(ResourceKind.NLB, loadBalancers);
        services.put(ResourceKind.CLUSTER, clusters);
        Map<ResourceKind, Function<Set<String>, Map<String, String>>> namers = new HashMap<>();
        namers.put(ResourceKind.VM, vms::namesOf);
        namers.put(ResourceKind.VPC, ids -> networks.vpcNames());
        namers.put(ResourceKind.SUBNET, ids -> networks.switchNames());
        namers.put(ResourceKind.SECURITY_GROUP, ids -> securityGroups.names());
        namers.put(ResourceKind.DISK, ids -> byId(disks.list()));
        namers.put(ResourceKind.MY_IMAGE, ids -> byId(myImages.list()));
        namers.put(ResourceKind.NLB, ids -> loadBalancers.names());
        namers.put(ResourceKind.CLUSTER, clusters::names);
        this.tags = new AlibabaTagService(ctx, services, namers);
    }

    private static Map<String, String> byId(List<? extends Named> all) {
        Map<String, String> out = new HashMap<>();
        all.forEach(n -> out.put(n.id(), n.name()));
        return out;
    }

    /** Subnets found by their name in any VPC (for tags). */
    private record SubnetsByName(AlibabaNetworks networks) implements CatalogService<Subnet> {
        @Override
        public List<Subnet> list() {
            return networks.list().stream().flatMap(v -> v.subnets().stream()).toList();
        }
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(SUPPORTED, AlibabaAnyCall.FUNCTIONS);
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
        return switch (type.getName()) {
            case "com.aliyun.ecs20140526.Client" -> Optional.of(type.cast(clients.ecs()));
            case "com.aliyun.vpc20160428.Client" -> Optional.of(type.cast(clients.vpc()));
            case "com.aliyun.slb20140515.Client" -> Optional.of(type.cast(clients.slb()));
            case "com.aliyun.cs20151215.Client" -> Optional.of(type.cast(clients.cs()));
            default -> Optional.empty();
        };
    }

    @Override
    public void close() {
        clients.close();
    }
}
