package io.multicloud.driver.mock;

import io.multicloud.api.Capabilities;
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

/**
 * A connection to one region of one mock account. It offers every capability; its
 * {@link #unwrap} hands out the {@link MockControl} of this connection and the {@link MockCatalog}.
 * After {@link #close()} every call fails with IllegalStateException.
 */
public final class MockConnection implements DriverConnection {
    private static final Capabilities CAPABILITIES = Capabilities.all(MockAnyCall.FUNCTIONS);

    private final MockContext ctx;
    private final MockControl control;
    private final CatalogService<Region> regions;
    private final CatalogService<Image> images;
    private final CatalogService<Spec> specs;
    private final CatalogService<Price> prices;
    private final VpcService vpcs;
    private final SecurityGroupService securityGroups;
    private final KeyPairService keyPairs;
    private final VmService vms;
    private final DiskService disks;
    private final MyImageService myImages;
    private final NlbService nlbs;
    private final ClusterService clusters;
    private final TagService tags;
    private final AnyCallService anyCall;

    MockConnection(MockContext ctx) {
        this.ctx = ctx;
        this.control = new MockControl(ctx);
        MockCatalog catalog = ctx.catalog;
        String region = ctx.regionName();
        this.regions = new MockCatalogService<>(ctx, "region", catalog::regions, catalog::region);
        this.images = new MockCatalogService<>(ctx, "image", () -> catalog.images(region), n -> catalog.image(region, n));
        this.specs = new MockCatalogService<>(ctx, "spec", () -> catalog.specs(region), n -> catalog.spec(region, n));
        this.prices = new MockCatalogService<>(ctx, "price", () -> catalog.prices(region), n -> catalog.price(region, n));
        this.vpcs = new MockNetworks(ctx);
        this.securityGroups = new MockSecurityGroups(ctx);
        this.keyPairs = new MockKeyPairs(ctx);
        this.vms = new MockVms(ctx);
        this.disks = new MockDisks(ctx);
        this.myImages = new MockImages(ctx);
        this.nlbs = new MockNlbs(ctx);
        this.clusters = new MockClusters(ctx);
        this.tags = new MockTags(ctx);
        this.anyCall = new MockAnyCall(ctx);
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
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
        return vpcs;
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
        return nlbs;
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

    /** This connection's {@link MockControl}, or the driver's {@link MockCatalog}. */
    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        if (type.isInstance(control)) {
            return Optional.of(type.cast(control));
        }
        if (type.isInstance(ctx.catalog)) {
            return Optional.of(type.cast(ctx.catalog));
        }
        return Optional.empty();
    }

    /** The control of this connection (the same as {@code unwrap(MockControl.class)}). */
    public MockControl control() {
        return control;
    }

    @Override
    public void close() {
        ctx.close();
    }

    @Override
    public String toString() {
        return "MockConnection[" + ctx.connection + ", zone=" + ctx.zone + "]";
    }
}
