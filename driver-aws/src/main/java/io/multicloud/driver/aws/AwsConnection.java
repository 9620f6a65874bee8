package io.multicloud.driver.aws;

import io.multicloud.api.Capabilities;
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
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.pricing.PricingClient;

/**
 * A connection to one AWS region. Holds the SDK clients (built on first use) and one service
 * object per resource family. {@link #unwrap(Class)} hands out the SDK clients:
 * {@link Ec2Client}, {@link ElasticLoadBalancingV2Client}, {@link EksClient}, {@link PricingClient}.
 */
final class AwsConnection implements DriverConnection {
    private final AwsClients clients;
    private final AwsRegions regions;
    private final AwsImages images;
    private final AwsSpecs specs;
    private final AwsPrices prices;
    private final AwsNetworks networks;
    private final AwsSecurityGroups securityGroups;
    private final AwsKeyPairs keyPairs;
    private final AwsVms vms;
    private final AwsDisks disks;
    private final AwsMyImages myImages;
    private final AwsLoadBalancers loadBalancers;
    private final AwsClusters clusters;
    private final AwsTags tags;
    private final AwsAnyCall anyCall;

    AwsConnection(ConnectionConfig config) {
        this.clients = new AwsClients(config);
        AwsContext ctx = new AwsContext(config, clients, new AwsErrors(config.name()));
        this.regions = new AwsRegions(ctx);
        this.images = new AwsImages(ctx);
        this.specs = new AwsSpecs(ctx);
        this.prices = new AwsPrices(ctx);
        this.networks = new AwsNetworks(ctx);
        this.securityGroups = new AwsSecurityGroups(ctx);
        this.keyPairs = new AwsKeyPairs(ctx);
        this.vms = new AwsVms(ctx);
        this.disks = new AwsDisks(ctx);
        this.myImages = new AwsMyImages(ctx);
        this.loadBalancers = new AwsLoadBalancers(ctx);
        this.clusters = new AwsClusters(ctx);
        this.tags = new AwsTags(ctx);
        this.anyCall = new AwsAnyCall(ctx);
    }

    @Override
    public Capabilities capabilities() {
        return Capabilities.all(AwsAnyCall.FUNCTIONS);
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
        if (type == Ec2Client.class) {
            return Optional.of(type.cast(clients.ec2()));
        }
        if (type == ElasticLoadBalancingV2Client.class) {
            return Optional.of(type.cast(clients.elb()));
        }
        if (type == EksClient.class) {
            return Optional.of(type.cast(clients.eks()));
        }
        if (type == PricingClient.class) {
            return Optional.of(type.cast(clients.pricing()));
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        clients.close();
    }
}
