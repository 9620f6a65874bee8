package io.multicloud.driver.openstack;

import io.multicloud.api.Capabilities;
import io.multicloud.api.Capability;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.ErrorContext;
import io.multicloud.api.Image;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.Region;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Spec;
import io.multicloud.spi.CatalogService;
import io.multicloud.spi.DiskService;
import io.multicloud.spi.DriverConnection;
import io.multicloud.spi.KeyPairService;
import io.multicloud.spi.MyImageService;
import io.multicloud.spi.NlbService;
import io.multicloud.spi.SecurityGroupService;
import io.multicloud.spi.TagService;
import io.multicloud.spi.VmService;
import io.multicloud.spi.VpcService;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openstack4j.api.OSClient.OSClientV3;
import org.openstack4j.api.types.Facing;
import org.openstack4j.api.types.ServiceType;

/**
 * A connection to one OpenStack region. Holds the Keystone session and one service object per
 * resource family. What it offers depends on the cloud: volumes when Keystone's catalog lists a
 * block-storage service in the region, load balancers when it lists Octavia; prices never
 * (OpenStack has no price API). {@link #unwrap(Class)} hands out an {@link OSClientV3} bound to
 * the calling thread.
 */
final class OpenStackConnection implements DriverConnection {
    private final KeystoneSession session;
    private final OpenStackRegions regions;
    private final OpenStackImages images;
    private final OpenStackSpecs specs;
    private final OpenStackNetworks networks;
    private final OpenStackSecurityGroups securityGroups;
    private final OpenStackKeyPairs keyPairs;
    private final OpenStackVms vms;
    private final OpenStackDisks disks;
    private final OpenStackMyImages myImages;
    private final OpenStackLoadBalancers loadBalancers;
    private final OpenStackTags tags;
    private volatile Capabilities capabilities;

    OpenStackConnection(ConnectionConfig config, Map<String, String> environment) {
        this(config, environment, Clock.systemUTC());
    }

    OpenStackConnection(ConnectionConfig config, Map<String, String> environment, Clock clock) {
        OpenStackCredentials credentials = OpenStackCredentials.resolve(config, environment);
        OpenStack4jFixes.apply();
        this.session = new KeystoneSession(config.name(), credentials, config.region(), facing(config),
                Duration.ofSeconds(seconds(config, "timeout_s", 60)),
                Duration.ofSeconds(seconds(config, "token_renew_before_s", 300)), clock);
        OpenStackContext ctx = new OpenStackContext(config, session, new OpenStackErrors(config.name(), session));
        this.regions = new OpenStackRegions(ctx);
        this.images = new OpenStackImages(ctx);
        this.specs = new OpenStackSpecs(ctx);
        this.networks = new OpenStackNetworks(ctx);
        this.securityGroups = new OpenStackSecurityGroups(ctx);
        this.keyPairs = new OpenStackKeyPairs(ctx);
        this.vms = new OpenStackVms(ctx, images, specs);
        this.disks = new OpenStackDisks(ctx);
        this.myImages = new OpenStackMyImages(ctx);
        this.loadBalancers = new OpenStackLoadBalancers(ctx);
        this.tags = new OpenStackTags(ctx);
    }

    /** The Keystone session (for tests of token renewal). */
    KeystoneSession session() {
        return session;
    }

    @Override
    public Capabilities capabilities() {
        Capabilities known = capabilities;
        if (known == null) {
            Set<Capability> offered = EnumSet.of(Capability.REGIONS, Capability.IMAGES, Capability.SPECS,
                    Capability.VPCS, Capability.SECURITY_GROUPS, Capability.KEY_PAIRS, Capability.KEY_PAIR_IMPORT,
                    Capability.VMS, Capability.VM_SUSPEND, Capability.MY_IMAGES, Capability.TAGS);
            if (session.offers(ServiceType.BLOCK_STORAGE)) {
                offered.add(Capability.DISKS);
                offered.add(Capability.DISK_RESIZE);
            }
            if (session.offers(ServiceType.OCTAVIA)) {
                offered.add(Capability.NLBS);
            }
            known = new Capabilities(offered, Set.of());
            capabilities = known;
        }
        return known;
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
    public TagService tags() {
        return tags;
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        if (type == OSClientV3.class) {
            return Optional.of(type.cast(session.client()));
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        // openstack4j's OkHttp connector shares its pool across clients: nothing of ours to release.
    }

    private static Facing facing(ConnectionConfig config) {
        String value = config.property("interface").orElse("public").toLowerCase(Locale.ROOT);
        return switch (value) {
            case "public" -> Facing.PUBLIC;
            case "internal" -> Facing.INTERNAL;
            case "admin" -> Facing.ADMIN;
            default -> throw new InvalidRequestException(ErrorContext.of(config.name(), ResourceKind.REGION, config.region()),
                    "interface", "interface must be public, internal or admin, not '" + value + "'");
        };
    }

    private static long seconds(ConnectionConfig config, String key, long fallback) {
        String value = config.property(key).orElse(null);
        if (value == null) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.strip());
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(ErrorContext.of(config.name(), ResourceKind.REGION, config.region()),
                    key, key + " must be a whole number of seconds, not '" + value + "'");
        }
    }
}
