package io.multicloud.driver.azure;

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
import io.multicloud.spi.NlbService;
import io.multicloud.spi.DiskService;
import io.multicloud.spi.DriverConnection;
import io.multicloud.spi.KeyPairService;
import io.multicloud.spi.MyImageService;
import io.multicloud.spi.SecurityGroupService;
import io.multicloud.spi.TagService;
import io.multicloud.spi.VmService;
import io.multicloud.spi.VpcService;
import java.util.EnumSet;
import java.util.Optional;

/**
 * A connection to one Azure region of one subscription, working in one resource group. Holds
 * the SDK clients (built on first use) and one service object per resource family.
 * {@link #unwrap(Class)} hands out the SDK's managers: {@code ComputeManager},
 * {@code NetworkManager}, {@code ContainerServiceManager}, and the {@code HttpPipeline}.
 */
final class AzureConnection implements DriverConnection {
    private final AzureClients clients;
    private final AzureRegions regions;
    private final AzureImages images;
    private final AzureSpecs specs;
    private final AzurePrices prices;
    private final AzureNetworks networks;
    private final AzureSecurityGroups securityGroups;
    private final AzureKeyPairs keyPairs;
    private final AzureVms vms;
    private final AzureDisks disks;
    private final AzureMyImages myImages;
    private final AzureLoadBalancers loadBalancers;
    private final AzureClusters clusters;
    private final AzureTags tags;
    private final AzureAnyCall anyCall;

    AzureConnection(ConnectionConfig config) {
        this.clients = new AzureClients(config);
        AzureContext ctx = new AzureContext(config, clients, new AzureErrors(config.name()));
        this.regions = new AzureRegions(ctx);
        this.images = new AzureImages(ctx);
        this.specs = new AzureSpecs(ctx);
        this.prices = new AzurePrices(ctx);
        this.networks = new AzureNetworks(ctx);
        this.securityGroups = new AzureSecurityGroups(ctx, networks);
        this.keyPairs = new AzureKeyPairs(ctx);
        AzureImageDisks imageDisks = new AzureImageDisks(ctx);
        this.vms = new AzureVms(ctx, networks, securityGroups, keyPairs, images, imageDisks);
        this.disks = new AzureDisks(ctx, vms);
        this.myImages = new AzureMyImages(ctx, vms, imageDisks);
        this.loadBalancers = new AzureLoadBalancers(ctx, networks, vms);
        this.clusters = new AzureClusters(ctx, networks);
        this.tags = new AzureTags(ctx);
        this.anyCall = new AzureAnyCall(ctx, specs, vms);
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(EnumSet.allOf(Capability.class), AzureAnyCall.FUNCTIONS);
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
        String name = type.getName();
        Object native_ = switch (name) {
            case "com.azure.resourcemanager.compute.ComputeManager" -> clients.computeManager();
            case "com.azure.resourcemanager.network.NetworkManager" -> clients.networkManager();
            case "com.azure.resourcemanager.containerservice.ContainerServiceManager" -> clients.containerServiceManager();
            case "com.azure.core.http.HttpPipeline" -> clients.pipeline();
            default -> null;
        };
        return Optional.ofNullable(native_).map(type::cast);
    }

    @Override
    public void close() {
        prices.close();
        clients.close();
    }
}
