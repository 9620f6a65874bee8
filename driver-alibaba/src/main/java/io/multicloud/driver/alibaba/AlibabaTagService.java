package io.multicloud.driver.alibaba;

import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.Named;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.TaggedResource;
import io.multicloud.spi.CatalogService;
import io.multicloud.spi.TagService;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Tags on VMs, disks, security groups, key pairs and images (ECS), on VPCs and subnets (VPC), on
 * load balancers (SLB) and on ACK clusters (CS), through {@link AlibabaTags}' reversible encoding
 * by each product's rules. {@link #find(String, String)} asks each kind's ListTagResources with
 * the tag as a server-side filter, then reads the matches' whole tags to decode and check them.
 */
final class AlibabaTagService implements TagService {
    private final AlibabaContext ctx;
    private final AlibabaTagApi api;
    private final Map<ResourceKind, CatalogService<? extends Named>> services;
    private final Map<ResourceKind, Function<Set<String>, Map<String, String>>> namers;

    AlibabaTagService(AlibabaContext ctx, Map<ResourceKind, CatalogService<? extends Named>> services,
                      Map<ResourceKind, Function<Set<String>, Map<String, String>>> namers) {
        this.ctx = ctx;
        this.api = new AlibabaTagApi(ctx);
        this.services = services;
        this.namers = namers;
    }

    private Named require(ResourceKind kind, String name) {
        if (!AlibabaTagApi.PLACES.containsKey(kind) || !services.containsKey(kind)) {
            throw new InvalidRequestException(ctx.error(kind, name), "kind", "Alibaba Cloud resources of kind " + kind.label()
                    + " are not taggable here; taggable: VM, disk, security group, key pair, my-image, VPC, subnet, NLB, cluster");
        }
        return services.get(kind).find(name).orElseThrow(() -> new NotFoundException(ctx.error(kind, name), "no " + kind.label() + " of this name"));
    }

    /** The user's tags in a resource's cloud tags (without ACK's own tag on its clusters). */
    private static Map<String, String> userTags(ResourceKind kind, String id, Map<String, String> cloud) {
        return kind == ResourceKind.CLUSTER ? AlibabaClusters.userTags(cloud, id) : AlibabaTags.decode(cloud);
    }

    @Override
    public Map<String, String> list(ResourceKind kind, String name) {
        Named resource = require(kind, name);
        return userTags(kind, resource.id(), api.cloudTags(kind, name, resource.id()));
    }

    @Override
    public void add(ResourceKind kind, String name, Map<String, String> tags) {
        Named resource = require(kind, name);
        api.put(kind, name, resource.id(), api.cloudTags(kind, name, resource.id()), tags);
    }

    @Override
    public void remove(ResourceKind kind, String name, Set<String> keys) {
        Named resource = require(kind, name);
        api.remove(kind, name, resource.id(), api.cloudTags(kind, name, resource.id()), keys);
    }

    @Override
    public List<TaggedResource> find(String key, String value) {
        List<TaggedResource> out = new ArrayList<>();
        for (ResourceKind kind : AlibabaTagApi.PLACES.keySet().stream().sorted().toList()) {
            AlibabaTags.Filter filter = AlibabaTags.filter(key, value, AlibabaTagApi.rules(kind));
            Set<String> ids = new LinkedHashSet<>();
            api.list(kind, null, null, filter.key(), filter.value()).forEach(e -> ids.add(e.resourceId()));
            if (ids.isEmpty()) {
                continue;
            }
            Map<String, Map<String, String>> tags = new LinkedHashMap<>();
            List<String> all = List.copyOf(ids);
            for (int from = 0; from < all.size(); from += 50) {
                api.list(kind, null, all.subList(from, Math.min(all.size(), from + 50)), null, null)
                        .forEach(e -> tags.computeIfAbsent(e.resourceId(), x -> new HashMap<>()).put(e.key(), e.value()));
            }
            Map<String, String> names = namers.getOrDefault(kind, x -> Map.of()).apply(ids);
            tags.forEach((id, cloud) -> {
                Map<String, String> user = userTags(kind, id, cloud);
                if (filter.check().test(user)) {
                    out.add(new TaggedResource(kind, names.getOrDefault(id, id), id, user));
                }
            });
        }
        out.sort(Comparator.comparing(TaggedResource::kind).thenComparing(TaggedResource::name));
        return List.copyOf(out);
    }
}
