package io.multicloud.driver.openstack;

import io.multicloud.api.Capability;
import io.multicloud.api.ErrorContext;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.TaggedResource;
import io.multicloud.api.UnsupportedCapabilityException;
import io.multicloud.spi.TagService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openstack4j.api.types.ServiceType;
import org.openstack4j.model.compute.Server;
import org.openstack4j.model.network.Resource;
import org.openstack4j.model.network.Subnet;

/**
 * Tags on the project's resources, each kind where OpenStack keeps them:
 * <ul>
 * <li>VM: Nova server metadata (key-value). Chosen over Nova's string tags because those need
 * microversion 2.26 and openstack4j sends none, and because the VM code sets metadata in the boot
 * call itself. The {@code multicloud:managed} marker is not shown. openstack4j can only replace
 * the whole metadata, so adding reads, merges and writes it: two concurrent adds on one server
 * may lose one of them.</li>
 * <li>VPC, subnet, security group: Neutron string tags {@code key=value} ({@link NeutronTags}).
 * A subnet is found by name among the project's subnets, the first of that name (a subnet's
 * name is unique within its VPC only).</li>
 * <li>my-image: Glance image properties ({@link OpenStackMyImages}).</li>
 * <li>disk: Cinder volume metadata ({@link OpenStackDisks}); NLB: Octavia string tags
 * ({@link OpenStackLoadBalancers}). Only where the catalog offers Cinder and Octavia.</li>
 * <li>key pair: Nova key pairs carry no tags (InvalidRequest).</li>
 * </ul>
 * Keys under {@code multicloud:} are the library's own (except {@code multicloud:mci} and
 * {@code multicloud:subgroup}, which name a VM's group): neither shown nor changeable here.
 * {@link #find} asks Neutron to filter by the tag where it can ({@code tags=key=value}) and reads
 * the rest: servers and images in one listing each, each Neutron resource's tags in one call.
 */
final class OpenStackTags implements TagService {
    private final OpenStackContext ctx;
    private final OpenStackLookups lookups;
    private final NeutronTags neutron;
    private final OpenStackMyImages myImages;
    private final OpenStackDisks disks;
    private final OpenStackLoadBalancers loadBalancers;

    OpenStackTags(OpenStackContext ctx) {
        this.ctx = ctx;
        this.lookups = new OpenStackLookups(ctx);
        this.neutron = new NeutronTags(ctx);
        this.myImages = new OpenStackMyImages(ctx);
        this.disks = new OpenStackDisks(ctx);
        this.loadBalancers = new OpenStackLoadBalancers(ctx);
    }

    @Override
    public Map<String, String> list(ResourceKind kind, String name) {
        checkNotOwn(kind, name, Set.of());
        return switch (kind) {
            case VM -> userMetadata(lookups.requireServer(name).getMetadata());
            case VPC -> neutron.read(Resource.NETWORK, lookups.requireNetwork(name).getId(), kind, name);
            case SUBNET -> neutron.read(Resource.SUBNET, requireSubnet(name).getId(), kind, name);
            case SECURITY_GROUP -> neutron.read(Resource.SECURITY_GROUP, lookups.requireSecurityGroup(name).getId(), kind, name);
            case MY_IMAGE -> myImages.tagsOf(name);
            case DISK -> disksOffered(name).tagsOf(name);
            case NLB -> loadBalancersOffered(name).tagsOf(name);
            default -> throw notTaggable(kind, name);
        };
    }

    @Override
    public void add(ResourceKind kind, String name, Map<String, String> tags) {
        checkNotOwn(kind, name, tags.keySet());
        switch (kind) {
            case VM -> {
                // openstack4j only PUTs a server's whole metadata (Nova's merging POST is not offered): merge here.
                Server server = lookups.requireServer(name);
                Map<String, String> merged = new LinkedHashMap<>(server.getMetadata() == null ? Map.of() : server.getMetadata());
                merged.putAll(tags);
                ctx.errors().call(kind, name, () -> ctx.client().compute().servers().updateMetadata(server.getId(), merged));
            }
            case VPC -> neutron.add(Resource.NETWORK, lookups.requireNetwork(name).getId(), kind, name, tags);
            case SUBNET -> neutron.add(Resource.SUBNET, requireSubnet(name).getId(), kind, name, tags);
            case SECURITY_GROUP -> neutron.add(Resource.SECURITY_GROUP, lookups.requireSecurityGroup(name).getId(), kind, name, tags);
            case MY_IMAGE -> myImages.tag(name, tags);
            case DISK -> disksOffered(name).tag(name, tags);
            case NLB -> loadBalancersOffered(name).tag(name, tags);
            default -> throw notTaggable(kind, name);
        }
    }

    @Override
    public void remove(ResourceKind kind, String name, Set<String> keys) {
        checkNotOwn(kind, name, keys);
        switch (kind) {
            case VM -> {
                Server server = lookups.requireServer(name);
                Map<String, String> present = server.getMetadata() == null ? Map.of() : server.getMetadata();
                // Nova answers 404 for a key the server lacks; the contract ignores such keys.
                keys.stream().filter(present::containsKey).forEach(key -> ctx.errors().check(ctx.errors().call(kind, name,
                        () -> ctx.client().compute().servers().deleteMetadataItem(server.getId(), key)), kind, name));
            }
            case VPC -> neutron.remove(Resource.NETWORK, lookups.requireNetwork(name).getId(), kind, name, keys);
            case SUBNET -> neutron.remove(Resource.SUBNET, requireSubnet(name).getId(), kind, name, keys);
            case SECURITY_GROUP -> neutron.remove(Resource.SECURITY_GROUP, lookups.requireSecurityGroup(name).getId(), kind, name, keys);
            case MY_IMAGE -> myImages.untag(name, keys);
            case DISK -> disksOffered(name).untag(name, keys);
            case NLB -> loadBalancersOffered(name).untag(name, keys);
            default -> throw notTaggable(kind, name);
        }
    }

    @Override
    public List<TaggedResource> find(String key, String value) {
        if (key == null || key.isBlank()) {
            throw new InvalidRequestException("key", "is required");
        }
        List<TaggedResource> out = new ArrayList<>();
        // Each kind is searched where the catalog offers its service.
        if (ctx.session().offers(ServiceType.COMPUTE)) {
            lookups.servers().forEach(s -> {
                Map<String, String> tags = userMetadata(s.getMetadata());
                if (carries(tags, key, value)) {
                    out.add(new TaggedResource(ResourceKind.VM, OpenStackNames.of(s.getName(), s.getId()), s.getId(), tags));
                }
            });
        }
        if (ctx.session().offers(ServiceType.NETWORK)) {
            Map<String, String> filter = neutronFilter(key, value);
            Pages.<org.openstack4j.model.network.Network>all(ctx.pageSize(), filter, params -> ctx.errors().call(ResourceKind.VPC, null,
                            () -> ctx.client().networking().network().list(params)), n -> n.getId())
                    .forEach(n -> addIfCarries(out, Resource.NETWORK, ResourceKind.VPC, n.getName(), n.getId(), key, value));
            Pages.<org.openstack4j.model.network.SecurityGroup>all(ctx.pageSize(), filter, params -> ctx.errors().call(
                            ResourceKind.SECURITY_GROUP, null, () -> ctx.client().networking().securitygroup().list(params)), g -> g.getId())
                    .forEach(g -> addIfCarries(out, Resource.SECURITY_GROUP, ResourceKind.SECURITY_GROUP, g.getName(), g.getId(), key, value));
            // openstack4j's subnet listing takes no filters: the project's subnets are read one by one.
            projectSubnets().forEach(s -> addIfCarries(out, Resource.SUBNET, ResourceKind.SUBNET, s.getName(), s.getId(), key, value));
        }
        if (ctx.session().offers(ServiceType.IMAGE)) {
            myImages.managed(null).forEach(i -> {
                Map<String, String> tags = OpenStackMyImages.userTags(i);
                if (carries(tags, key, value)) {
                    out.add(new TaggedResource(ResourceKind.MY_IMAGE, i.getName(), i.getId(), tags));
                }
            });
        }
        if (ctx.session().offers(ServiceType.BLOCK_STORAGE)) {
            disks.list().stream().filter(d -> carries(d.tags(), key, value))
                    .forEach(d -> out.add(new TaggedResource(ResourceKind.DISK, d.name(), d.id(), d.tags())));
        }
        if (ctx.session().offers(ServiceType.OCTAVIA)) {
            loadBalancers.list().stream().filter(n -> carries(n.tags(), key, value))
                    .forEach(n -> out.add(new TaggedResource(ResourceKind.NLB, n.name(), n.id(), n.tags())));
        }
        out.sort(Comparator.comparing((TaggedResource t) -> t.kind()).thenComparing(TaggedResource::name));
        return List.copyOf(out);
    }

    /**
     * Neutron's filter for the search: the project, and the exact string tag when the value is
     * known (and holds no comma, Neutron's list separator). A search by key alone reads the
     * project's resources (Neutron cannot match a tag by its key), so that resources this library
     * did not make are found too.
     */
    private Map<String, String> neutronFilter(String key, String value) {
        String exact = value == null ? null : TagStrings.encode(key, value);
        return exact != null && !exact.contains(",") ? Map.of("project_id", ctx.projectId(), "tags", exact)
                : Map.of("project_id", ctx.projectId());
    }

    private void addIfCarries(List<TaggedResource> out, Resource type, ResourceKind kind, String ownName, String id,
                              String key, String value) {
        String name = OpenStackNames.of(ownName, id);
        Map<String, String> tags = neutron.read(type, id, kind, name);
        if (carries(tags, key, value)) {
            out.add(new TaggedResource(kind, name, id, tags));
        }
    }

    private List<Subnet> projectSubnets() {
        String project = ctx.projectId();
        return lookups.subnets(Map.of("project_id", project)).stream().filter(s -> project.equals(s.getTenantId())).toList();
    }

    /** The first of the project's subnets with this name, else with this id. */
    private Subnet requireSubnet(String name) {
        List<Subnet> all = projectSubnets();
        return all.stream().filter(s -> name.equals(OpenStackNames.of(s.getName(), s.getId()))).findFirst()
                .or(() -> all.stream().filter(s -> name.equals(s.getId())).findFirst())
                .orElseThrow(() -> ctx.errors().notFound(ResourceKind.SUBNET, name));
    }

    private static boolean carries(Map<String, String> tags, String key, String value) {
        return tags.containsKey(key) && (value == null || value.equals(tags.get(key)));
    }

    /** A server's metadata without the library's own keys. */
    static Map<String, String> userMetadata(Map<String, String> metadata) {
        Map<String, String> out = new LinkedHashMap<>();
        if (metadata != null) {
            metadata.forEach((k, v) -> {
                if (!isOwn(k)) {
                    out.put(k, v);
                }
            });
        }
        return out;
    }

    /** Whether a key is the library's own (hidden from the user's tags). */
    static boolean isOwn(String key) {
        return TagStrings.isOwn(key);
    }

    private void checkNotOwn(ResourceKind kind, String name, Set<String> keys) {
        if (kind == null) {
            throw new InvalidRequestException("kind", "is required");
        }
        for (String key : keys) {
            if (isOwn(key)) {
                throw new InvalidRequestException(ErrorContext.of(ctx.config().name(), kind, name), "tags",
                        "'" + key + "' belongs to the library");
            }
        }
    }

    /** The disks, where the catalog offers Cinder; UnsupportedCapability otherwise. */
    private OpenStackDisks disksOffered(String name) {
        if (!ctx.session().offers(ServiceType.BLOCK_STORAGE)) {
            throw new UnsupportedCapabilityException(ErrorContext.of(ctx.config().name(), ResourceKind.DISK, name),
                    OpenStackDriver.NAME, Capability.DISKS);
        }
        return disks;
    }

    /** The load balancers, where the catalog offers Octavia; UnsupportedCapability otherwise. */
    private OpenStackLoadBalancers loadBalancersOffered(String name) {
        if (!ctx.session().offers(ServiceType.OCTAVIA)) {
            throw new UnsupportedCapabilityException(ErrorContext.of(ctx.config().name(), ResourceKind.NLB, name),
                    OpenStackDriver.NAME, Capability.NLBS);
        }
        return loadBalancers;
    }

    private InvalidRequestException notTaggable(ResourceKind kind, String name) {
        ErrorContext where = ErrorContext.of(ctx.config().name(), kind, name);
        return switch (kind) {
            case KEY_PAIR -> new InvalidRequestException(where, "kind", "Nova key pairs cannot carry tags");
            default -> new InvalidRequestException(where, "kind", "OpenStack has no tags on a " + kind.label());
        };
    }
}
