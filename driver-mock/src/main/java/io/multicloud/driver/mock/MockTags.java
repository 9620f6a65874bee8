package io.multicloud.driver.mock;

import io.multicloud.api.ResourceKind;
import io.multicloud.api.TaggedResource;
import io.multicloud.api.Validate;
import io.multicloud.driver.mock.MockEntities.Entity;
import io.multicloud.spi.TagService;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tags on VPCs, subnets, security groups, key pairs, VMs, disks, my-images, NLBs and clusters;
 * any other kind is InvalidRequest. A resource holds at most {@value #MAX_TAGS} tags.
 * Removing a key the resource lacks is not an error (as on AWS).
 */
final class MockTags implements TagService {
    static final int MAX_TAGS = 50;
    private static final String KIND = "tag";

    private final MockContext ctx;

    MockTags(MockContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Map<String, String> list(ResourceKind kind, String name) {
        return ctx.read(MockOperations.of(KIND, "list"), (r, now) -> Map.copyOf(entity(r, kind, name).tags));
    }

    @Override
    public void add(ResourceKind kind, String name, Map<String, String> tags) {
        ctx.write(MockOperations.of(KIND, "add"), (r, now) -> {
            Entity e = entity(r, kind, name);
            Map<String, String> merged = new LinkedHashMap<>(e.tags);
            merged.putAll(Validate.tags("tags", tags));
            if (merged.size() > MAX_TAGS) {
                throw ctx.errors.invalid(kind, name, "tags", "a resource holds at most " + MAX_TAGS + " tags, this would make "
                        + merged.size());
            }
            e.tags = Map.copyOf(merged);
            return null;
        });
    }

    @Override
    public void remove(ResourceKind kind, String name, Set<String> keys) {
        ctx.write(MockOperations.of(KIND, "remove"), (r, now) -> {
            Entity e = entity(r, kind, name);
            Map<String, String> kept = new LinkedHashMap<>(e.tags);
            kept.keySet().removeAll(keys);
            e.tags = Map.copyOf(kept);
            return null;
        });
    }

    @Override
    public List<TaggedResource> find(String key, String value) {
        return ctx.read(MockOperations.of(KIND, "find"), (r, now) -> r.taggables().stream()
                .filter(e -> e.tags.containsKey(key) && (value == null || value.equals(e.tags.get(key))))
                .map(e -> new TaggedResource(e.kind(), e.name, e.id, e.tags))
                .toList());
    }

    private Entity entity(MockRegion r, ResourceKind kind, String name) {
        if (kind == ResourceKind.SUBNET) {
            return r.subnet(name).orElseThrow(() -> ctx.errors.notFound(kind, name)).subnet();
        }
        for (NamedStore<? extends Entity> store : r.taggableStores()) {
            if (store.kind() == kind) {
                return store.get(name, ctx.errors);
            }
        }
        throw ctx.errors.invalid(kind, name, "kind", "the mock cannot tag a " + kind.label());
    }
}
