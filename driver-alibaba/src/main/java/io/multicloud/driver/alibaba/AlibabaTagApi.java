package io.multicloud.driver.alibaba;

import io.multicloud.api.ResourceKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * TagResources, UntagResources and ListTagResources of the product that holds a kind of
 * resource: ECS (instance, disk, securitygroup, keypair, image) or VPC (VPC, VSWITCH). Tags go
 * through {@link AlibabaTags} both ways.
 */
final class AlibabaTagApi {
    /** Where a kind's tags live. */
    record Place(boolean vpc, String type) {
    }

    static final Map<ResourceKind, Place> PLACES = Map.of(
            ResourceKind.VM, new Place(false, "instance"),
            ResourceKind.DISK, new Place(false, "disk"),
            ResourceKind.SECURITY_GROUP, new Place(false, "securitygroup"),
            ResourceKind.KEY_PAIR, new Place(false, "keypair"),
            ResourceKind.MY_IMAGE, new Place(false, "image"),
            ResourceKind.VPC, new Place(true, "VPC"),
            ResourceKind.SUBNET, new Place(true, "VSWITCH"));

    /** One tag of one resource, as ListTagResources reports it. */
    record Entry(String resourceId, String key, String value) {
    }

    private final AlibabaContext ctx;

    AlibabaTagApi(AlibabaContext ctx) {
        this.ctx = ctx;
    }

    /** Adds cloud tags (already encoded) to a resource. */
    void tag(ResourceKind kind, String name, String id, Map<String, String> cloudTags) {
        if (cloudTags.isEmpty()) {
            return;
        }
        Place p = PLACES.get(kind);
        if (p.vpc()) {
            List<com.aliyun.vpc20160428.models.TagResourcesRequest.TagResourcesRequestTag> tags = new ArrayList<>();
            cloudTags.forEach((k, v) -> tags.add(new com.aliyun.vpc20160428.models.TagResourcesRequest.TagResourcesRequestTag().setKey(k).setValue(v)));
            ctx.call(kind, name, () -> ctx.clients().vpc().tagResources(new com.aliyun.vpc20160428.models.TagResourcesRequest()
                    .setRegionId(ctx.region()).setResourceType(p.type()).setResourceId(List.of(id)).setTag(tags)));
        } else {
            List<com.aliyun.ecs20140526.models.TagResourcesRequest.TagResourcesRequestTag> tags = new ArrayList<>();
            cloudTags.forEach((k, v) -> tags.add(new com.aliyun.ecs20140526.models.TagResourcesRequest.TagResourcesRequestTag().setKey(k).setValue(v)));
            ctx.call(kind, name, () -> ctx.clients().ecs().tagResources(new com.aliyun.ecs20140526.models.TagResourcesRequest()
                    .setRegionId(ctx.region()).setResourceType(p.type()).setResourceId(List.of(id)).setTag(tags)));
        }
    }

    /** Removes cloud tag keys from a resource. */
    void untag(ResourceKind kind, String name, String id, List<String> cloudKeys) {
        if (cloudKeys.isEmpty()) {
            return;
        }
        Place p = PLACES.get(kind);
        if (p.vpc()) {
            ctx.call(kind, name, () -> ctx.clients().vpc().unTagResources(new com.aliyun.vpc20160428.models.UnTagResourcesRequest()
                    .setRegionId(ctx.region()).setResourceType(p.type()).setResourceId(List.of(id)).setTagKey(cloudKeys)));
        } else {
            ctx.call(kind, name, () -> ctx.clients().ecs().untagResources(new com.aliyun.ecs20140526.models.UntagResourcesRequest()
                    .setRegionId(ctx.region()).setResourceType(p.type()).setResourceId(List.of(id)).setTagKey(cloudKeys)));
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
        if (p.vpc()) {
            return AlibabaContext.allByToken(token -> {
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
        }
        return AlibabaContext.allByToken(token -> {
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
    }

    /** Replaces the user tags of these keys by new values (their old pieces go first). */
    void put(ResourceKind kind, String name, String id, Map<String, String> current, Map<String, String> userTags) {
        untag(kind, name, id, AlibabaTags.cloudKeys(current, userTags.keySet()));
        tag(kind, name, id, AlibabaTags.encode(userTags));
    }

    /** Removes user tags. */
    void remove(ResourceKind kind, String name, String id, Map<String, String> current, Set<String> userKeys) {
        untag(kind, name, id, AlibabaTags.cloudKeys(current, userKeys));
    }
}
