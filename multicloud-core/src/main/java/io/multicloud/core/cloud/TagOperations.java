package io.multicloud.core.cloud;

import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.TaggedResource;
import io.multicloud.api.Tags;
import io.multicloud.api.Validate;
import io.multicloud.spi.TagService;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** Tags on the kinds a user creates. */
final class TagOperations implements Tags {
    /** The kinds that carry tags: those a user creates. */
    static final Set<ResourceKind> TAGGABLE = EnumSet.of(ResourceKind.VPC, ResourceKind.SUBNET, ResourceKind.SECURITY_GROUP,
            ResourceKind.KEY_PAIR, ResourceKind.VM, ResourceKind.DISK, ResourceKind.MY_IMAGE, ResourceKind.NLB, ResourceKind.CLUSTER);

    private final CloudContext context;
    private final Supplier<TagService> service;

    TagOperations(CloudContext context, Supplier<TagService> service) {
        this.context = context;
        this.service = service;
    }

    @Override
    public Map<String, String> list(ResourceKind kind, String name) {
        return Map.copyOf(service.get().list(taggable(kind), Validate.notBlank("name", name)));
    }

    @Override
    public void add(ResourceKind kind, String name, Map<String, String> tags) {
        taggable(kind);
        Validate.notBlank("name", name);
        Validate.notEmpty("tags", tags == null ? null : tags.keySet());
        service.get().add(kind, name, Validate.tags("tags", tags));
    }

    @Override
    public void remove(ResourceKind kind, String name, String... keys) {
        taggable(kind);
        Validate.notBlank("name", name);
        Validate.notEmpty("tag keys", keys == null ? null : List.of(keys));
        service.get().remove(kind, name, new LinkedHashSet<>(List.of(keys)));
    }

    @Override
    public List<TaggedResource> find(String key, String value) {
        return List.copyOf(service.get().find(Validate.notBlank("tag key", key), value));
    }

    private ResourceKind taggable(ResourceKind kind) {
        if (!TAGGABLE.contains(Validate.required("kind", kind))) {
            throw new InvalidRequestException(context.error(kind, null), "kind",
                    kind.label() + " carries no tags; taggable kinds: " + TAGGABLE);
        }
        return kind;
    }
}
