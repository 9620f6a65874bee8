package io.multicloud.driver.gcp;

import com.google.cloud.compute.v1.Instance;
import com.google.cloud.compute.v1.InstancesSetLabelsRequest;
import com.google.cloud.compute.v1.Items;
import com.google.cloud.compute.v1.Metadata;
import com.google.cloud.compute.v1.SetLabelsInstanceRequest;
import com.google.cloud.compute.v1.SetMetadataInstanceRequest;
import io.multicloud.api.ErrorContext;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.TaggedResource;
import io.multicloud.spi.TagService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tags, kept exactly: a VM's in its metadata ({@code multicloud-tags}) with labels mirroring
 * them; a key pair's in its project-metadata record; a VPC's, subnet's, security group's, disk's,
 * my-image's, NLB's and cluster's in the project store. {@link #find} costs one filtered aggregated list of
 * instances (through the mirrored labels) and one look at the project.
 */
final class GcpTags implements TagService {
    private static final Pattern STORED = Pattern.compile("multicloud-tags-(vpc|subnet|security-group|disk|my-image|nlb|cluster)-(.+)");
    private static final Set<ResourceKind> STORE_KINDS = Set.of(ResourceKind.VPC, ResourceKind.SUBNET, ResourceKind.SECURITY_GROUP,
            ResourceKind.DISK, ResourceKind.MY_IMAGE, ResourceKind.NLB, ResourceKind.CLUSTER);

    private final GcpContext ctx;
    private final GcpProjectStore store;
    private final GcpVms vms;
    private final GcpConnection connection;

    GcpTags(GcpContext ctx, GcpVms vms, GcpConnection connection) {
        this.ctx = ctx;
        this.store = new GcpProjectStore(ctx);
        this.vms = vms;
        this.connection = connection;
    }

    @Override
    public Map<String, String> list(ResourceKind kind, String name) {
        if (kind == ResourceKind.VM) {
            Instance i = vms.require(name);
            return GcpVms.tags(i, GcpVms.metadata(i));
        }
        if (kind == ResourceKind.KEY_PAIR) {
            return connection.keyPairs().find(name).orElseThrow(() -> notFound(kind, name)).tags();
        }
        requireStoreKind(kind, name);
        requireExists(kind, name);
        return GcpLabels.parse(store.items().get(GcpProjectStore.tagsKey(kind, key(kind, name))));
    }

    @Override
    public void add(ResourceKind kind, String name, Map<String, String> tags) {
        change(kind, name, current -> {
            current.putAll(tags);
            return current;
        });
    }

    @Override
    public void remove(ResourceKind kind, String name, Set<String> keys) {
        change(kind, name, current -> {
            keys.forEach(current::remove);
            return current;
        });
    }

    private void change(ResourceKind kind, String name, java.util.function.UnaryOperator<Map<String, String>> edit) {
        if (kind == ResourceKind.VM) {
            changeVm(name, edit);
            return;
        }
        if (kind == ResourceKind.KEY_PAIR) {
            var key = connection.keyPairs().find(name).orElseThrow(() -> notFound(kind, name));
            ((GcpKeyPairs) connection.keyPairs()).tag(name, edit.apply(new LinkedHashMap<>(key.tags())));
            return;
        }
        requireStoreKind(kind, name);
        requireExists(kind, name);
        String itemKey = GcpProjectStore.tagsKey(kind, key(kind, name));
        store.update(kind, name, items -> {
            Map<String, String> next = edit.apply(new LinkedHashMap<>(GcpLabels.parse(items.get(itemKey))));
            if (next.isEmpty()) {
                items.remove(itemKey);
            } else {
                items.put(itemKey, GcpLabels.json(next));
            }
            return items;
        });
    }

    private void changeVm(String name, java.util.function.UnaryOperator<Map<String, String>> edit) {
        Instance i = vms.require(name);
        Map<String, String> md = GcpVms.metadata(i);
        Map<String, String> next = edit.apply(new LinkedHashMap<>(GcpVms.tags(i, md)));
        md.put(GcpVms.TAGS_ITEM, GcpLabels.json(next));
        Metadata.Builder metadata = Metadata.newBuilder().setFingerprint(i.getMetadata().getFingerprint());
        md.forEach((k, v) -> metadata.addItems(Items.newBuilder().setKey(k).setValue(v)));
        String zone = GcpContext.last(i.getZone());
        ctx.operations().await(ResourceKind.VM, name, () -> ctx.clients().instances.get().setMetadataAsync(SetMetadataInstanceRequest.newBuilder()
                .setProject(ctx.project()).setZone(zone).setInstance(name).setMetadataResource(metadata)
                .setRequestId(GcpOperations.requestId()).build()));
        ctx.operations().await(ResourceKind.VM, name, () -> ctx.clients().instances.get().setLabelsAsync(SetLabelsInstanceRequest.newBuilder()
                .setProject(ctx.project()).setZone(zone).setInstance(name)
                .setInstancesSetLabelsRequestResource(InstancesSetLabelsRequest.newBuilder().setLabelFingerprint(i.getLabelFingerprint())
                        .putAllLabels(GcpLabels.labels(next)))
                .setRequestId(GcpOperations.requestId()).build()));
    }

    @Override
    public List<TaggedResource> find(String key, String value) {
        List<TaggedResource> out = new ArrayList<>();
        for (Instance i : vms.instances(GcpLabels.filter(key, value))) {
            Map<String, String> tags = GcpVms.tags(i, GcpVms.metadata(i));
            if (carries(tags, key, value)) {
                out.add(new TaggedResource(ResourceKind.VM, i.getName(), Long.toUnsignedString(i.getId()), tags));
            }
        }
        store.items().forEach((itemKey, json) -> {
            Map<String, String> tags = null;
            ResourceKind kind = null;
            String name = null;
            Matcher m = STORED.matcher(itemKey);
            if (m.matches()) {
                kind = switch (m.group(1)) {
                    case "vpc" -> ResourceKind.VPC;
                    case "subnet" -> ResourceKind.SUBNET;
                    case "security-group" -> ResourceKind.SECURITY_GROUP;
                    case "disk" -> ResourceKind.DISK;
                    case "nlb" -> ResourceKind.NLB;
                    case "cluster" -> ResourceKind.CLUSTER;
                    default -> ResourceKind.MY_IMAGE;
                };
                name = kind == ResourceKind.SUBNET ? m.group(2).replaceFirst("^[a-z]+-[a-z]+\\d+-", "") : m.group(2);
                tags = GcpLabels.parse(json);
            } else if (itemKey.startsWith(GcpProjectStore.KEY_PREFIX)) {
                kind = ResourceKind.KEY_PAIR;
                name = itemKey.substring(GcpProjectStore.KEY_PREFIX.length());
                try {
                    tags = GcpLabels.parse(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).path("tags").toString());
                } catch (Exception e) {
                    tags = Map.of();
                }
            }
            if (tags != null && carries(tags, key, value)) {
                out.add(new TaggedResource(kind, name, name, tags));
            }
        });
        out.sort(Comparator.comparing(TaggedResource::name));
        return out;
    }

    private static boolean carries(Map<String, String> tags, String key, String value) {
        return tags.containsKey(key) && (value == null || value.equals(tags.get(key)));
    }

    private String key(ResourceKind kind, String name) {
        return kind == ResourceKind.SUBNET ? ctx.region() + "-" + name : name;
    }

    private void requireStoreKind(ResourceKind kind, String name) {
        if (!STORE_KINDS.contains(kind)) {
            throw new InvalidRequestException(ErrorContext.of(ctx.config().name(), kind, name), "kind",
                    "the GCP driver does not tag a " + kind.label());
        }
    }

    private void requireExists(ResourceKind kind, String name) {
        boolean exists = switch (kind) {
            case VPC -> connection.vpcs().find(name).isPresent();
            case SECURITY_GROUP -> connection.securityGroups().find(name).isPresent();
            case DISK -> connection.disks().find(name).isPresent();
            case MY_IMAGE -> connection.myImages().find(name).isPresent();
            case NLB -> connection.nlbs().find(name).isPresent();
            case CLUSTER -> connection.clusters().find(name).isPresent();
            default -> connection.vpcs().list().stream().anyMatch(v -> v.subnet(name).isPresent());
        };
        if (!exists) {
            throw notFound(kind, name);
        }
    }

    private NotFoundException notFound(ResourceKind kind, String name) {
        return new NotFoundException(ErrorContext.of(ctx.config().name(), kind, name), "no " + kind.label() + " of this name");
    }
}
