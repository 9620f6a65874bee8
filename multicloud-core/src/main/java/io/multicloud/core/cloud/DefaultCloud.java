package io.multicloud.core.cloud;

import io.multicloud.api.Capabilities;
import io.multicloud.api.Capability;
import io.multicloud.api.Catalog;
import io.multicloud.api.Cloud;
import io.multicloud.api.Clusters;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.Disks;
import io.multicloud.api.Image;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.KeyPairs;
import io.multicloud.api.MyImages;
import io.multicloud.api.Nlbs;
import io.multicloud.api.Price;
import io.multicloud.api.Region;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.SecurityGroups;
import io.multicloud.api.Spec;
import io.multicloud.api.Tags;
import io.multicloud.api.Validate;
import io.multicloud.api.Vms;
import io.multicloud.api.Vpcs;
import io.multicloud.spi.DriverConnection;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A connection as users see it: one collection per resource kind over the driver's services.
 * A collection whose capability the driver lacks fails when it is asked for, before any call.
 */
public final class DefaultCloud implements Cloud {
    private final ConnectionConfig config;
    private final DriverConnection connection;
    private final CloudContext context;
    private final Consumer<Cloud> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    private final Catalog<Region> regions;
    private final Catalog<Image> images;
    private final Catalog<Spec> specs;
    private final Catalog<Price> prices;
    private final Vpcs vpcs;
    private final SecurityGroups securityGroups;
    private final KeyPairs keyPairs;
    private final Vms vms;
    private final Disks disks;
    private final MyImages myImages;
    private final Nlbs nlbs;
    private final Clusters clusters;
    private final Tags tags;

    /**
     * @param driver the driver's name
     * @param config the configuration the connection was made from
     * @param connection the driver's connection
     * @param onClose told when this connection closes
     */
    public DefaultCloud(String driver, ConnectionConfig config, DriverConnection connection, Consumer<Cloud> onClose) {
        this.config = config;
        this.connection = connection;
        this.onClose = onClose;
        this.context = new CloudContext(driver, config.name(), connection.capabilities());
        this.regions = new CatalogView<>(context, ResourceKind.REGION, connection::regions);
        this.images = new CatalogView<>(context, ResourceKind.IMAGE, connection::images);
        this.specs = new CatalogView<>(context, ResourceKind.SPEC, connection::specs);
        this.prices = new CatalogView<>(context, ResourceKind.PRICE, connection::prices);
        this.vpcs = new VpcCollection(context, connection::vpcs);
        this.securityGroups = new SecurityGroupCollection(context, connection::securityGroups);
        this.keyPairs = new KeyPairCollection(context, connection::keyPairs);
        this.vms = new VmCollection(context, connection::vms, connection::myImages);
        this.disks = new DiskCollection(context, connection::disks);
        this.myImages = new MyImageCollection(context, connection::myImages);
        this.nlbs = new NlbCollection(context, connection::nlbs);
        this.clusters = new ClusterCollection(context, connection::clusters);
        this.tags = new TagOperations(context, connection::tags);
    }

    @Override
    public ConnectionConfig config() {
        return config;
    }

    @Override
    public Capabilities capabilities() {
        return context.capabilities();
    }

    @Override
    public Catalog<Region> regions() {
        return use(Capability.REGIONS, regions);
    }

    @Override
    public Catalog<Image> images() {
        return use(Capability.IMAGES, images);
    }

    @Override
    public Catalog<Spec> specs() {
        return use(Capability.SPECS, specs);
    }

    @Override
    public Catalog<Price> prices() {
        return use(Capability.PRICES, prices);
    }

    @Override
    public Vpcs vpcs() {
        return use(Capability.VPCS, vpcs);
    }

    @Override
    public SecurityGroups securityGroups() {
        return use(Capability.SECURITY_GROUPS, securityGroups);
    }

    @Override
    public KeyPairs keyPairs() {
        return use(Capability.KEY_PAIRS, keyPairs);
    }

    @Override
    public Vms vms() {
        return use(Capability.VMS, vms);
    }

    @Override
    public Disks disks() {
        return use(Capability.DISKS, disks);
    }

    @Override
    public MyImages myImages() {
        return use(Capability.MY_IMAGES, myImages);
    }

    @Override
    public Nlbs nlbs() {
        return use(Capability.NLBS, nlbs);
    }

    @Override
    public Clusters clusters() {
        return use(Capability.CLUSTERS, clusters);
    }

    @Override
    public Tags tags() {
        return use(Capability.TAGS, tags);
    }

    @Override
    public Map<String, String> anyCall(String function, Map<String, String> params) {
        ensureOpen();
        context.require(Capability.ANY_CALL);
        Validate.notBlank("function", function);
        if (!capabilities().anyCallFunctions().contains(function)) {
            throw new InvalidRequestException(context.error(null, null), "function", "driver '" + context.driver()
                    + "' has no function '" + function + "'; known: " + new TreeSet<>(capabilities().anyCallFunctions()));
        }
        return Map.copyOf(connection.anyCall().call(function, params == null ? Map.of() : Map.copyOf(params)));
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        ensureOpen();
        return connection.unwrap(type).orElseThrow(() -> new IllegalArgumentException(
                "driver '" + context.driver() + "' has no native object of type " + type.getName()));
    }

    @Override
    public boolean isOpen() {
        return !closed.get();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                connection.close();
            } finally {
                onClose.accept(this);
            }
        }
    }

    private <T> T use(Capability capability, T collection) {
        ensureOpen();
        context.require(capability);
        return collection;
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("connection " + config.name() + " is closed");
        }
    }

    @Override
    public String toString() {
        return "Cloud[" + config.name() + ", driver=" + context.driver() + ", region=" + config.region()
                + (config.zone() == null ? "" : ", zone=" + config.zone()) + (closed.get() ? ", closed" : "") + "]";
    }
}
