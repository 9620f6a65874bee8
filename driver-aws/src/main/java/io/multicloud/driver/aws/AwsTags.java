package io.multicloud.driver.aws;

import io.multicloud.api.ErrorContext;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.TaggedResource;
import io.multicloud.spi.TagService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.TagDescription;

/**
 * Tags on EC2 resources (VPC, subnet, security group, key pair, VM, disk, my-image) through
 * CreateTags, DeleteTags and DescribeTags. The library's own tags ({@code Name},
 * {@code multicloud:*}) are neither shown nor changeable here. Load balancers (ELBv2 tags) and
 * clusters (EKS tags) are served through their own services.
 */
final class AwsTags implements TagService {
    /** EC2 resource types (as DescribeTags names them) and their kinds. */
    private static final Map<String, ResourceKind> TYPES = Map.of(
            "vpc", ResourceKind.VPC, "subnet", ResourceKind.SUBNET, "security-group", ResourceKind.SECURITY_GROUP,
            "key-pair", ResourceKind.KEY_PAIR, "instance", ResourceKind.VM, "volume", ResourceKind.DISK,
            "image", ResourceKind.MY_IMAGE);

    private final AwsContext ctx;
    private final Ec2Lookups lookups;
    private final AwsKeyPairs keyPairs;
    private final AwsDisks disks;
    private final AwsMyImages myImages;
    private final AwsLoadBalancers loadBalancers;
    private final AwsClusters clusters;

    AwsTags(AwsContext ctx) {
        this.ctx = ctx;
        this.lookups = new Ec2Lookups(ctx);
        this.keyPairs = new AwsKeyPairs(ctx);
        this.disks = new AwsDisks(ctx);
        this.myImages = new AwsMyImages(ctx);
        this.loadBalancers = new AwsLoadBalancers(ctx);
        this.clusters = new AwsClusters(ctx);
    }

    private Ec2Client ec2() {
        return ctx.clients().ec2();
    }

    @Override
    public Map<String, String> list(ResourceKind kind, String name) {
        if (kind == ResourceKind.NLB) {
            return loadBalancers.tagsOf(name);
        }
        if (kind == ResourceKind.CLUSTER) {
            return clusters.tagsOf(name);
        }
        String id = id(kind, name);
        return Ec2Tags.user(describe(kind, name, Ec2Tags.filter("resource-id", id)).stream()
                .map(d -> Ec2Tags.tag(d.key(), d.value())).toList());
    }

    @Override
    public void add(ResourceKind kind, String name, Map<String, String> tags) {
        checkNotOwn(tags.keySet());
        if (kind == ResourceKind.NLB) {
            loadBalancers.tag(name, tags);
            return;
        }
        if (kind == ResourceKind.CLUSTER) {
            clusters.tag(name, tags);
            return;
        }
        String id = id(kind, name);
        ctx.errors().run(kind, name, () -> ec2().createTags(r -> r.resources(id).tags(Ec2Tags.tags(tags))));
    }

    @Override
    public void remove(ResourceKind kind, String name, Set<String> keys) {
        checkNotOwn(keys);
        if (kind == ResourceKind.NLB) {
            loadBalancers.untag(name, keys);
            return;
        }
        if (kind == ResourceKind.CLUSTER) {
            clusters.untag(name, keys);
            return;
        }
        String id = id(kind, name);
        ctx.errors().run(kind, name, () -> ec2().deleteTags(r -> r.resources(id)
                .tags(keys.stream().map(k -> software.amazon.awssdk.services.ec2.model.Tag.builder().key(k).build()).toList())));
    }

    @Override
    public List<TaggedResource> find(String key, String value) {
        List<TaggedResource> out = new ArrayList<>(findEc2(key, value));
        // ELBv2 and EKS have no tag search of their own: read their (few) resources' tags.
        loadBalancers.list().stream().filter(n -> carries(n.tags(), key, value))
                .forEach(n -> out.add(new TaggedResource(ResourceKind.NLB, n.name(), n.id(), n.tags())));
        clusters.list().stream().filter(c -> carries(c.tags(), key, value))
                .forEach(c -> out.add(new TaggedResource(ResourceKind.CLUSTER, c.name(), c.id(), c.tags())));
        out.sort(Comparator.comparing(TaggedResource::name));
        return out;
    }

    private static boolean carries(Map<String, String> tags, String key, String value) {
        return tags.containsKey(key) && (value == null || value.equals(tags.get(key)));
    }

    private List<TaggedResource> findEc2(String key, String value) {
        List<Filter> filters = new ArrayList<>(List.of(Ec2Tags.filter("key", key),
                Ec2Tags.filter("resource-type", TYPES.keySet())));
        if (value != null) {
            filters.add(Ec2Tags.filter("value", value));
        }
        List<TagDescription> matches = describe(null, null, filters.toArray(Filter[]::new));
        if (matches.isEmpty()) {
            return List.of();
        }
        Set<String> ids = new HashSet<>();
        matches.forEach(d -> ids.add(d.resourceId()));
        // Every tag of the matching resources at once, to name them and show their tags.
        Map<String, List<software.amazon.awssdk.services.ec2.model.Tag>> all = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        describe(null, null, Ec2Tags.filter("resource-id", ids)).forEach(d -> {
            all.computeIfAbsent(d.resourceId(), k -> new ArrayList<>()).add(Ec2Tags.tag(d.key(), d.value()));
            types.put(d.resourceId(), d.resourceTypeAsString());
        });
        Set<String> liveVms = liveInstances(types);
        // Groups and VPCs have names of their own (GroupName, "default"), as their listings show.
        Map<String, String> names = new HashMap<>(lookups.securityGroupNamesById(idsOf(types, "security-group")));
        names.putAll(lookups.vpcNames(idsOf(types, "vpc")));
        List<TaggedResource> out = new ArrayList<>();
        all.forEach((id, tags) -> {
            ResourceKind kind = TYPES.get(types.get(id));
            if (kind == null || kind == ResourceKind.VM && !liveVms.contains(id)) {
                return; // a terminated VM keeps its tags for a while but is gone
            }
            out.add(new TaggedResource(kind, names.getOrDefault(id, AwsNames.of(id, Ec2Tags.name(tags).orElse(null))), id,
                    Ec2Tags.user(tags)));
        });
        return out;
    }

    private static List<String> idsOf(Map<String, String> types, String type) {
        return types.entrySet().stream().filter(e -> type.equals(e.getValue())).map(Map.Entry::getKey).toList();
    }

    private Set<String> liveInstances(Map<String, String> types) {
        List<String> ids = types.entrySet().stream().filter(e -> "instance".equals(e.getValue())).map(Map.Entry::getKey).toList();
        if (ids.isEmpty()) {
            return Set.of();
        }
        Set<String> live = new HashSet<>();
        lookups.instances(Ec2Tags.filter("instance-id", ids)).forEach(i -> live.add(i.instanceId()));
        return live;
    }

    private List<TagDescription> describe(ResourceKind kind, String name, Filter... filters) {
        return ctx.errors().call(kind, name, () -> ec2().describeTagsPaginator(r -> r.filters(filters)).tags().stream().toList());
    }

    /** The AWS id of a named resource of a kind this class serves. */
    private String id(ResourceKind kind, String name) {
        return switch (kind) {
            case VPC -> lookups.requireVpc(name).vpcId();
            case SUBNET -> lookups.allSubnets(Ec2Tags.named(name)).stream().filter(s -> name.equals(Ec2Lookups.name(s)))
                    .findFirst().or(() -> name.startsWith("subnet-") ? lookups.allSubnets(Ec2Tags.filter("subnet-id", name))
                            .stream().findFirst() : java.util.Optional.empty()).map(s -> s.subnetId())
                    .orElseThrow(() -> lookups.notFound(kind, name, "no subnet has this name or id"));
            case SECURITY_GROUP -> lookups.requireSecurityGroup(name).groupId();
            case KEY_PAIR -> keyPairs.find(name).map(k -> k.id())
                    .orElseThrow(() -> lookups.notFound(kind, name, "no key pair of this name"));
            case VM -> lookups.requireInstance(name).instanceId();
            case DISK -> disks.find(name).map(d -> d.id())
                    .orElseThrow(() -> lookups.notFound(kind, name, "no volume has this name or id"));
            case MY_IMAGE -> myImages.find(name).map(i -> i.id())
                    .orElseThrow(() -> lookups.notFound(kind, name, "no image of this account has this name or id"));
            default -> throw new InvalidRequestException(ErrorContext.of(ctx.config().name(), kind, name), "kind",
                    "the AWS driver does not tag a " + kind.label() + " yet");
        };
    }

    private void checkNotOwn(Set<String> keys) {
        for (String key : keys) {
            if (AwsTagNames.isOwn(key)) {
                throw new InvalidRequestException("tag key", "'" + key + "' belongs to the library (the Name tag is the resource's name)");
            }
        }
    }
}
