package io.multicloud.driver.alibaba;

import io.multicloud.api.ResourceKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * TagResources, UntagResources and ListTagResources of the product that holds a kind of
 * resource: ECS (instance, disk, securitygroup, keypair, image), VPC (VPC, VSWITCH), SLB
 * (instance) or ACK (CLUSTER, through the CS API's {@code /tags}). Tags go through
 * {@link AlibabaTags} both ways, by the product's rules.
 */
final class AlibabaTagApi {
    /** The products that keep tags. */
    enum Product {
        ECS(AlibabaTags.ECS), VPC(AlibabaTags.ECS), SLB(AlibabaTags.SLB), CS(AlibabaTags.CS);

        final AlibabaTags.Rules rules;

        Product(AlibabaTags.Rules rules) {
            this.rules = rules;
        }
    }

    /** Where a kind's tags live. */
    record Place(Product product, String type) {
    }

    static final Map<ResourceKind, Place> PLACES = Map.of(
            ResourceKind.VM, new Place(Product.ECS, "instance"),
            ResourceKind.DISK, new Place(Product.ECS, "disk"),
            ResourceKind.SECURITY_GROUP, new Place(Product.ECS, "securitygroup"),
            ResourceKind.KEY_PAIR, new Place(Product.ECS, "keypair"),
            ResourceKind.MY_IMAGE, new Place(Product.ECS, "image"),
            ResourceKind.VPC, new Place(Product.VPC, "VPC"),
            ResourceKind.SUBNET, new Place(Product.VPC, "VSWITCH"),
            ResourceKind.NLB, new Place(Product.SLB, "instance"),
            ResourceKind.CLUSTER, new Place(Product.CS, "CLUSTER"));

    /** One tag of one resource, as ListTagResources reports it. */
    record Entry(String resourceId, String key, String value) {
    }

    private final AlibabaContext ctx;

    AlibabaTagApi(AlibabaContext ctx) {
        this.ctx = ctx;
    }

    static AlibabaTags.Rules rules(ResourceKind kind) {
        return PLACES.get(kind).product().rules;
    }

    /** Adds cloud tags (already encoded) to a resource. */
    void tag(ResourceKind kind, String name, String id, Map<String, String> cloudTags) {
        if (cloudTags.isEmpty()) {
            return;
        }
        Place p = PLACES.get(kind);
        switch (p.product()) {
            case VPC -> {
                List<com.aliyun.vpc20160428.models.TagResourcesRequest.TagResourcesRequestTag> tags = new ArrayList<>();
                cloudTags.forEach((k, v) -> tags.add(new com.aliyun.vpc20160428.models.TagResourcesRequest.TagResourcesRequestTag().setKey(k).setValue(v)));
                ctx.call(kind, name, () -> ctx.clients().vpc().tagResources(new com.aliyun.vpc20160428.models.TagResourcesRequest()
                        .setRegionId(ctx.region()).setResourceType(p.type()).setResourceId(List.of(id)).setTag(tags)));
            }
            case ECS -> {
                List<com.aliyun.ecs20140526.models.TagResourcesRequest.TagResourcesRequestTag> tags = new ArrayList<>();
                cloudTags.forEach((k, v) -> tags.add(new com.aliyun.ecs20140526.models.TagResourcesRequest.TagResourcesRequestTag().setKey(k).setValue(v)));
                ctx.call(kind, name, () -> ctx.clients().ecs().tagResources(new com.aliyun.ecs20140526.models.TagResourcesRequest()
                        .setRegionId(ctx.region()).setResourceType(p.type()).setResourceId(List.of(id)).setTag(tags)));
            }
            case SLB -> {
                List<com.aliyun.slb20140515.models.TagResourcesRequest.TagResourcesRequestTag> tags = new ArrayList<>();
                cloudTags.forEach((k, v) -> tags.add(new com.aliyun.slb20140515.models.TagResourcesRequest.TagResourcesRequestTag().setKey(k).setValue(v)));
                ctx.call(kind, name, () -> ctx.clients().slb().tagResources(new com.aliyun.slb20140515.models.TagResourcesRequest()
                        .setRegionId(ctx.region()).setResourceType(p.type()).setResourceId(List.of(id)).setTag(tags)));
            }
            case CS -> {
                List<com.aliyun.cs20151215.models.Tag> tags = new ArrayList<>();
                cloudTags.forEach((k, v) -> tags.add(new com.aliyun.cs20151215.models.Tag().setKey(k).setValue(v)));
                ctx.call(kind, name, () -> ctx.clients().cs().tagResources(new com.aliyun.cs20151215.models.TagResourcesRequest()
                        .setRegionId(ctx.region()).setResourceType(p.type()).setResourceIds(List.of(id)).setTags(tags)));
            }
        }
    }

    /** Removes cloud tag keys from a resource. */
    void untag(ResourceKind kind, String name, String id, List<String> cloudKeys) {
        if (cloudKeys.isEmpty()) {
            return;
        }
        Place p = PLACES.get(kind);
        switch (p.product()) {
            case VPC -> ctx.call(kind, name, () -> ctx.clients().vpc().unTagResources(new com.aliyun.vpc20160428.models.UnTagResourcesRequest()
                    .setRegionId(ctx.region()).setResourceType(p.type()).setResourceId(List.of(id)).setTagKey(cloudKeys)));
            case ECS -> ctx.call(kind, name, () -> ctx.clients().ecs().untagResources(new com.aliyun.ecs20140526.models.UntagResourcesRequest()
                    .setRegionId(ctx.region()).setResourceType(p.type()).setResourceId(List.of(id)).setTagKey(cloudKeys)));
            case SLB -> ctx.call(kind, name, () -> ctx.clients().slb().untagResources(new com.aliyun.slb20140515.models.UntagResourcesRequest()
                    .setRegionId(ctx.region()).setResourceType(p.type()).setResourceId(List.of(id)).setTagKey(cloudKeys)));
            case CS -> ctx.call(kind, name, () -> ctx.clients().cs().untagResources(new com.aliyun.cs20151215.models.UntagResourcesRequest()
                    .setRegionId(ctx.region()).setResourceType(p.type()).setResourceIds(List.of(id)).setTagKeys(cloudKeys)));
        }
    }

    /** The cloud tags of one resource. */
    Map<String, String> cloudTags(ResourceKind kind, String name, String id) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Entry e : list(kind, name, List.of(id), null, null)) {
            out.put(e.key(), e.value());
        }
        return out;
    }

    /**
     * ListTagResources to the end: the tags of the given resources, or (with {@code key}) of the
     * resources carrying that cloud tag (and value, unless null).
     */
    List<Entry> list(ResourceKind kind, String name, List<String> ids, String key, String value) {
        Place p = PLACES.get(kind);
        return switch (p.product()) {
            case VPC -> AlibabaContext.allByToken(token -> {
                var req = new com.aliyun.vpc20160428.models.ListTagResourcesRequest().setRegionId(ctx.region())
                        .setResourceType(p.type()).setNextToken(token).setMaxResults(50);
                if (ids != null) {
                    req.setResourceId(ids);
                }
                if (key != null) {
                    req.setTag(List.of(new com.aliyun.vpc20160428.models.ListTagResourcesRequest.ListTagResourcesRequestTag()
                            .setKey(key).setValue(value)));
                }
                var body = ctx.call(kind, name, () -> ctx.clients().vpc().listTagResources(req).getBody());
                List<Entry> items = body.getTagResources() == null || body.getTagResources().getTagResource() == null ? List.of()
                        : body.getTagResources().getTagResource().stream()
                        .map(t -> new Entry(t.getResourceId(), t.getTagKey(), t.getTagValue())).toList();
                return new AlibabaContext.Page<>(items, body.getNextToken());
            });
            case ECS -> AlibabaContext.allByToken(token -> {
                var req = new com.aliyun.ecs20140526.models.ListTagResourcesRequest().setRegionId(ctx.region())
                        .setResourceType(p.type()).setNextToken(token);
                if (ids != null) {
                    req.setResourceId(ids);
                }
                if (key != null) {
                    req.setTag(List.of(new com.aliyun.ecs20140526.models.ListTagResourcesRequest.ListTagResourcesRequestTag()
                            .setKey(key).setValue(value)));
                }
                var body = ctx.call(kind, name, () -> ctx.clients().ecs().listTagResources(req).getBody());
                List<Entry> items = body.getTagResources() == null || body.getTagResources().getTagResource() == null ? List.of()
                        : body.getTagResources().getTagResource().stream()
                        .map(t -> new Entry(t.getResourceId(), t.getTagKey(), t.getTagValue())).toList();
                return new AlibabaContext.Page<>(items, body.getNextToken());
            });
            case SLB -> AlibabaContext.allByToken(token -> {
                var req = new com.aliyun.slb20140515.models.ListTagResourcesRequest().setRegionId(ctx.region())
                        .setResourceType(p.type()).setNextToken(token);
                if (ids != null) {
                    req.setResourceId(ids);
                }
                if (key != null) {
                    req.setTag(List.of(new com.aliyun.slb20140515.models.ListTagResourcesRequest.ListTagResourcesRequestTag()
                            .setKey(key).setValue(value)));
                }
                var body = ctx.call(kind, name, () -> ctx.clients().slb().listTagResources(req).getBody());
                List<Entry> items = body.getTagResources() == null || body.getTagResources().getTagResource() == null ? List.of()
                        : body.getTagResources().getTagResource().stream()
                        .map(t -> new Entry(t.getResourceId(), t.getTagKey(), t.getTagValue())).toList();
                return new AlibabaContext.Page<>(items, body.getNextToken());
            });
            case CS -> AlibabaContext.allByToken(token -> {
                var req = new com.aliyun.cs20151215.models.ListTagResourcesRequest().setRegionId(ctx.region())
                        .setResourceType(p.type()).setNextToken(token);
                if (ids != null) {
                    req.setResourceIds(ids);
                }
                if (key != null) {
                    req.setTags(List.of(new com.aliyun.cs20151215.models.Tag().setKey(key).setValue(value)));
                }
                var body = ctx.call(kind, name, () -> ctx.clients().cs().listTagResources(req).getBody());
                List<Entry> items = body.getTagResources() == null || body.getTagResources().getTagResource() == null ? List.of()
                        : body.getTagResources().getTagResource().stream()
                        .map(t -> new Entry(t.getResourceId(), t.getTagKey(), t.getTagValue())).toList();
                return new AlibabaContext.Page<>(items, body.getNextToken());
            });
        };
    }

    /** Replaces the user tags of these keys by new values (their old pieces go first). */
    void put(ResourceKind kind, String name, String id, Map<String, String> current, Map<String, String> userTags) {
        untag(kind, name, id, AlibabaTags.cloudKeys(current, userTags.keySet()));
        tag(kind, name, id, AlibabaTags.encode(userTags, rules(kind)));
    }

    /** Removes user tags. */
    void remove(ResourceKind kind, String name, String id, Map<String, String> current, Set<String> userKeys) {
        untag(kind, name, id, AlibabaTags.cloudKeys(current, userKeys));
    }
}
