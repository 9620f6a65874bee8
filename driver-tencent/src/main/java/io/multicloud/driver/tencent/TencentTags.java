package io.multicloud.driver.tencent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.TaggedResource;
import io.multicloud.driver.tencent.TencentClients.Product;
import io.multicloud.spi.TagService;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tags on VMs, VPCs, security groups, key pairs, disks, load balancers and clusters, written through the tag service's
 * {@code ModifyResourceTags} (one call: replaced and deleted keys together) on the resource's
 * six-segment name {@code qcs::<service>:<region>:uin/<uin>:<type>/<id>} (property {@code uin},
 * the account id, may be left out). Read from each resource's own Describe; {@link #find} asks
 * each kind's Describe with a {@code tag:<key>} (or {@code tag-key}) filter, one listing per kind
 * (TKE filters by {@code tag-key} only: the value is compared here).
 * Keys and values outside Tencent's rules travel encoded ({@link TencentTagCodec}).
 */
final class TencentTags implements TagService {
    private final TencentContext ctx;
    private final TencentVms vms;
    private final TencentNetworks networks;
    private final TencentSecurityGroups groups;
    private final TencentKeyPairs keyPairs;
    private final TencentDisks disks;
    private final TencentLoadBalancers loadBalancers;
    private final TencentClusters clusters;

    TencentTags(TencentContext ctx, TencentVms vms, TencentNetworks networks, TencentSecurityGroups groups,
                TencentKeyPairs keyPairs, TencentDisks disks, TencentLoadBalancers loadBalancers, TencentClusters clusters) {
        this.disks = disks;
        this.loadBalancers = loadBalancers;
        this.clusters = clusters;
        this.ctx = ctx;
        this.vms = vms;
        this.networks = networks;
        this.groups = groups;
        this.keyPairs = keyPairs;
    }

    /** A resource's id and its raw Tencent tags. */
    private record Target(String id, JsonNode tags, String service, String type) {
    }

    private Target target(ResourceKind kind, String name) {
        return switch (kind) {
            case VM -> {
                JsonNode i = vms.requireRaw(name);
                yield new Target(i.path("InstanceId").asText(), i.path("Tags"), "cvm", "instance");
            }
            case VPC -> {
                JsonNode v = networks.requireRaw(name);
                yield new Target(v.path("VpcId").asText(), v.path("TagSet"), "vpc", "vpc");
            }
            case SECURITY_GROUP -> {
                JsonNode g = groups.requireRaw(name);
                yield new Target(g.path("SecurityGroupId").asText(), g.path("TagSet"), "cvm", "sg");
            }
            case KEY_PAIR -> {
                JsonNode k = keyPairs.requireRaw(name);
                yield new Target(k.path("KeyId").asText(), k.path("Tags"), "cvm", "keypair");
            }
            case DISK -> {
                JsonNode d = disks.requireRaw(name);
                yield new Target(d.path("DiskId").asText(), d.path("Tags"), "cvm", "volume");
            }
            case NLB -> {
                JsonNode lb = loadBalancers.requireRaw(name);
                yield new Target(lb.path("LoadBalancerId").asText(), TencentTagCodec.toJson(TencentLoadBalancers.rawTags(lb)), "clb", "clb");
            }
            case CLUSTER -> {
                JsonNode c = clusters.requireRaw(name);
                yield new Target(c.path("ClusterId").asText(), TencentTagCodec.toJson(TencentClusters.rawTags(c)), "tke", "cluster");
            }
            default -> throw new InvalidRequestException(ctx.error(kind, name), "kind",
                    "the tencent driver tags VMs, VPCs, security groups, key pairs, disks, load balancers and clusters, not "
                            + kind.label() + "s");
        };
    }

    @Override
    public Map<String, String> list(ResourceKind kind, String name) {
        return TencentTagCodec.user(target(kind, name).tags());
    }

    @Override
    public void add(ResourceKind kind, String name, Map<String, String> tags) {
        Target t = target(kind, name);
        Map<String, String> raw = TencentTagCodec.raw(t.tags());
        Map<String, String> encoded = TencentTagCodec.encode(tags);
        List<String> stale = TencentTagCodec.keysToRemove(raw, tags.keySet()).stream().filter(k -> !encoded.containsKey(k)).toList();
        modify(kind, name, t, encoded, stale);
    }

    @Override
    public void remove(ResourceKind kind, String name, Set<String> keys) {
        Target t = target(kind, name);
        List<String> gone = TencentTagCodec.keysToRemove(TencentTagCodec.raw(t.tags()), keys);
        if (!gone.isEmpty()) {
            modify(kind, name, t, Map.of(), gone);
        }
    }

    private void modify(ResourceKind kind, String name, Target t, Map<String, String> replace, List<String> delete) {
        ObjectNode params = TencentApi.object();
        String uin = ctx.config().property("uin").orElse("");
        params.put("Resource", "qcs::" + t.service() + ":" + ctx.config().region() + ":uin/" + uin + ":" + t.type() + "/" + t.id());
        if (!replace.isEmpty()) {
            ArrayNode r = params.putArray("ReplaceTags");
            replace.forEach((k, v) -> r.addObject().put("TagKey", k).put("TagValue", v));
        }
        if (!delete.isEmpty()) {
            ArrayNode d = params.putArray("DeleteTags");
            delete.forEach(k -> d.addObject().put("TagKey", k));
        }
        ctx.api().change(Product.TAG, "ModifyResourceTags", params, kind, name);
    }

    @Override
    public List<TaggedResource> find(String key, String value) {
        ObjectNode params = TencentApi.object();
        Set<String> keys = new LinkedHashSet<>();
        if (TencentTagCodec.fits(key, "")) {
            keys.add(key);
        }
        keys.add(TencentTagCodec.firstChunkKey(key));
        ObjectNode byKey = TencentApi.object();
        byKey.withArray("Filters").add(TencentApi.filter("tag-key", keys));
        if (value != null && TencentTagCodec.fits(key, value)) {
            params.withArray("Filters").add(TencentApi.filter("tag:" + key, List.of(value)));
        } else {
            params = byKey.deepCopy();
        }
        List<TaggedResource> out = new ArrayList<>();
        for (JsonNode i : ctx.api().list(Product.CVM, "DescribeInstances", params, "InstanceSet", false, ResourceKind.VM, null)) {
            add(out, ResourceKind.VM, i.path("InstanceName").asText(), i.path("InstanceId").asText(), i.path("Tags"), key, value);
        }
        for (JsonNode v : ctx.api().list(Product.VPC, "DescribeVpcs", params, "VpcSet", true, ResourceKind.VPC, null)) {
            add(out, ResourceKind.VPC, v.path("VpcName").asText(), v.path("VpcId").asText(), v.path("TagSet"), key, value);
        }
        for (JsonNode g : ctx.api().list(Product.VPC, "DescribeSecurityGroups", params, "SecurityGroupSet", true,
                ResourceKind.SECURITY_GROUP, null)) {
            add(out, ResourceKind.SECURITY_GROUP, g.path("SecurityGroupName").asText(), g.path("SecurityGroupId").asText(),
                    g.path("TagSet"), key, value);
        }
        for (JsonNode d : ctx.api().list(Product.CBS, "DescribeDisks", params, "DiskSet", false, ResourceKind.DISK, null)) {
            add(out, ResourceKind.DISK, d.path("DiskName").asText(), d.path("DiskId").asText(), d.path("Tags"), key, value);
        }
        for (JsonNode lb : ctx.api().list(Product.CLB, "DescribeLoadBalancers", params, "LoadBalancerSet", false, ResourceKind.NLB, null)) {
            add(out, ResourceKind.NLB, lb.path("LoadBalancerName").asText(), lb.path("LoadBalancerId").asText(),
                    TencentTagCodec.toJson(TencentLoadBalancers.rawTags(lb)), key, value);
        }
        for (JsonNode c : ctx.api().list(Product.TKE, "DescribeClusters", byKey, "Clusters", false, ResourceKind.CLUSTER, null)) {
            add(out, ResourceKind.CLUSTER, c.path("ClusterName").asText(), c.path("ClusterId").asText(),
                    TencentTagCodec.toJson(TencentClusters.rawTags(c)), key, value);
        }
        for (JsonNode k : ctx.api().list(Product.CVM, "DescribeKeyPairs", params, "KeyPairSet", false, ResourceKind.KEY_PAIR, null)) {
            Map<String, String> tags = TencentTagCodec.user(k.path("Tags"));
            if (tags.containsKey(key) && (value == null || value.equals(tags.get(key)))) {
                out.add(new TaggedResource(ResourceKind.KEY_PAIR, TencentKeyPairs.name(k), k.path("KeyId").asText(), tags));
            }
        }
        return out;
    }

    private static void add(List<TaggedResource> out, ResourceKind kind, String nativeName, String id, JsonNode rawTags,
                            String key, String value) {
        Map<String, String> tags = TencentTagCodec.user(rawTags);
        if (tags.containsKey(key) && (value == null || value.equals(tags.get(key)))) {
            out.add(new TaggedResource(kind, TencentTagCodec.nameOr(nativeName, id), id, tags));
        }
    }
}
