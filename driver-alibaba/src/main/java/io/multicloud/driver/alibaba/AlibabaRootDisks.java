package io.multicloud.driver.alibaba;

import io.multicloud.api.ResourceKind;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The system (root) disks of instances, read with DescribeDisks ({@code DiskType=system}), for the
 * VMs' {@code rootDiskGB} and {@code rootDiskType}. DescribeInstances reports no disk, and
 * DescribeDisks filters by one instance id at most (or by up to 100 disk ids, which an instance's
 * record does not carry), so a list of many VMs reads the region's system disks in pages of 500
 * (ceil(N/500) calls, never one per VM). A tag-filtered list first asks for the system disks
 * carrying the same tag (RunInstances puts its tags on the instance and its disks alike) and
 * reads the region's only when an instance's disk is missing from that answer (tags added to the
 * instance alone later, or an instance made without them).
 */
final class AlibabaRootDisks {
    private static final ResourceKind KIND = ResourceKind.VM;
    /** The largest page DescribeDisks serves by NextToken. */
    static final int PAGE = 500;
    private final AlibabaContext ctx;

    /** An instance's system disk: its size in GiB and its category ({@code cloud_essd}, ...). */
    record Root(int sizeGB, String category) {
    }

    AlibabaRootDisks(AlibabaContext ctx) {
        this.ctx = ctx;
    }

    /** The system disks of these instances, by instance id (an instance without one is left out). */
    Map<String, Root> of(Collection<String> instanceIds, AlibabaTags.Filter tag) {
        Set<String> wanted = Set.copyOf(instanceIds);
        if (wanted.isEmpty()) {
            return Map.of();
        }
        if (wanted.size() == 1) {
            return describe(wanted.iterator().next(), null);
        }
        if (tag != null) {
            Map<String, Root> tagged = describe(null, tag);
            if (tagged.keySet().containsAll(wanted)) {
                return tagged;
            }
        }
        return describe(null, null);
    }

    private Map<String, Root> describe(String instanceId, AlibabaTags.Filter tag) {
        Map<String, Root> out = new HashMap<>();
        AlibabaContext.allByToken(token -> {
            var req = new com.aliyun.ecs20140526.models.DescribeDisksRequest().setRegionId(ctx.region()).setDiskType("system")
                    .setInstanceId(instanceId).setMaxResults(PAGE).setNextToken(token);
            if (tag != null) {
                req.setTag(List.of(new com.aliyun.ecs20140526.models.DescribeDisksRequest.DescribeDisksRequestTag()
                        .setKey(tag.key()).setValue(tag.value())));
            }
            var body = ctx.call(KIND, instanceId, () -> ctx.clients().ecs().describeDisks(req).getBody());
            var disks = body.getDisks() == null || body.getDisks().getDisk() == null ? List.<com.aliyun.ecs20140526.models
                    .DescribeDisksResponseBody.DescribeDisksResponseBodyDisksDisk>of() : body.getDisks().getDisk();
            return new AlibabaContext.Page<>(disks, body.getNextToken());
        }).forEach(d -> {
            if (d.getInstanceId() != null && !d.getInstanceId().isEmpty()) {
                out.put(d.getInstanceId(), new Root(d.getSize() == null ? 0 : d.getSize(), d.getCategory()));
            }
        });
        return out;
    }
}
