package io.multicloud.driver.tencent.fake;

import static io.multicloud.driver.tencent.fake.TencentFake.NODES;
import static io.multicloud.driver.tencent.fake.TencentFake.error;
import static io.multicloud.driver.tencent.fake.TencentFake.passes;
import static io.multicloud.driver.tencent.fake.TencentFake.strings;
import static io.multicloud.driver.tencent.fake.TencentFake.tagFilters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CBS cloud disks (API 2017-03-12). CBS's metadata is not among the specs: the shapes follow
 * Tencent's CBS documentation (DiskSet of {DiskId, DiskName, DiskSize, DiskType, DiskState,
 * InstanceId, Attached, Placement, Tags}), and the answers go unchecked. States: UNATTACHED,
 * ATTACHING → ATTACHED, DETACHING → UNATTACHED, EXPANDING → back, a few clock steps later.
 */
final class CbsActions {
    private final FakeState s;

    CbsActions(FakeState state) {
        this.s = state;
    }

    void register(Map<String, TencentFake.Action> handlers) {
        handlers.put("cbs:CreateDisks", this::create);
        handlers.put("cbs:DescribeDisks", this::describe);
        handlers.put("cbs:AttachDisks", this::attach);
        handlers.put("cbs:DetachDisks", this::detach);
        handlers.put("cbs:ResizeDisk", this::resize);
        handlers.put("cbs:TerminateDisks", this::terminate);
    }

    private ObjectNode disk(String id) {
        return s.disks.require(id, () -> error("InvalidDiskId.NotFound", "no disk " + id));
    }

    private ObjectNode create(String region, JsonNode body) {
        String token = body.path("ClientToken").asText("");
        if (!token.isEmpty() && s.clientTokens.containsKey(token)) {
            ObjectNode answer = NODES.objectNode();
            answer.set("DiskIdSet", TencentFakeJson.strings(s.clientTokens.get(token)));
            return answer;
        }
        String zone = body.path("Placement").path("Zone").asText();
        if (!s.zones(region).contains(zone)) {
            throw error("InvalidParameterValue.Zone", "zone " + zone + " is not in " + region);
        }
        int size = body.path("DiskSize").asInt();
        if (size < 10 || size > 32000) {
            throw error("InvalidParameterValue.DiskSizeNotMultipleOfStep", "a disk is 10-32000 GB: " + size);
        }
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < body.path("DiskCount").asInt(1); n++) {
            ObjectNode d = NODES.objectNode();
            String id = s.id("disk");
            d.put("DiskId", id);
            d.put("DiskName", body.path("DiskName").asText(id));
            d.put("DiskSize", size);
            d.put("DiskType", body.path("DiskType").asText("CLOUD_PREMIUM"));
            d.put("DiskChargeType", body.path("DiskChargeType").asText("POSTPAID_BY_HOUR"));
            d.put("DiskUsage", "DATA_DISK");
            d.put("DiskState", "UNATTACHED");
            d.put("Attached", false);
            d.put("InstanceId", "");
            d.putObject("Placement").put("Zone", zone).put("ProjectId", 0);
            d.put("CreateTime", FakeState.now().replace('T', ' ').replace("Z", ""));
            ArrayNode tags = d.putArray("Tags");
            body.path("Tags").forEach(t -> tags.add(t.deepCopy()));
            s.disks.put(id, d);
            ids.add(id);
        }
        if (!token.isEmpty()) {
            s.clientTokens.put(token, ids);
        }
        ObjectNode answer = NODES.objectNode();
        answer.set("DiskIdSet", TencentFakeJson.strings(ids));
        return answer;
    }

    private ObjectNode describe(String region, JsonNode body) {
        List<String> ids = body.has("DiskIds") ? strings(body.path("DiskIds")) : null;
        List<ObjectNode> found = s.disks.values(d -> (ids == null || ids.contains(d.path("DiskId").asText()))
                && passes(body, "disk-id", d.path("DiskId").asText())
                && passes(body, "disk-name", d.path("DiskName").asText())
                && passes(body, "zone", d.path("Placement").path("Zone").asText())
                && passes(body, "instance-id", d.path("InstanceId").asText())
                && tagFilters(body.path("Filters"), d.path("Tags")));
        return s.fake().page(body, found, "DiskSet");
    }

    private ObjectNode attach(String region, JsonNode body) {
        String instanceId = body.path("InstanceId").asText();
        ObjectNode instance = s.instances.require(instanceId, () -> error("InvalidInstanceId.NotFound", "no instance " + instanceId));
        for (String id : strings(body.path("DiskIds"))) {
            ObjectNode d = disk(id);
            if (!"UNATTACHED".equals(d.path("DiskState").asText())) {
                throw error("UnsupportedOperation.DiskStateError", "disk " + id + " is " + d.path("DiskState").asText());
            }
            if (!d.path("Placement").path("Zone").asText().equals(instance.path("Placement").path("Zone").asText())) {
                throw error("InvalidParameter.DiskZoneNotMatch", "disk " + id + " is not in the instance's zone");
            }
            d.put("DiskState", "ATTACHING").put("InstanceId", instanceId);
            s.later(() -> d.put("DiskState", "ATTACHED").put("Attached", true));
        }
        return NODES.objectNode();
    }

    private ObjectNode detach(String region, JsonNode body) {
        for (String id : strings(body.path("DiskIds"))) {
            ObjectNode d = disk(id);
            if (!"ATTACHED".equals(d.path("DiskState").asText())) {
                throw error("UnsupportedOperation.DiskStateError", "disk " + id + " is " + d.path("DiskState").asText());
            }
            d.put("DiskState", "DETACHING");
            s.later(() -> d.put("DiskState", "UNATTACHED").put("Attached", false).put("InstanceId", ""));
        }
        return NODES.objectNode();
    }

    private ObjectNode resize(String region, JsonNode body) {
        ObjectNode d = disk(body.path("DiskId").asText());
        int size = body.path("DiskSize").asInt();
        if (size <= d.path("DiskSize").asInt()) {
            throw error("InvalidParameterValue.DiskSizeSmallerThanCurrent", "a disk only grows");
        }
        String before = d.path("DiskState").asText();
        d.put("DiskState", "EXPANDING");
        s.later(() -> d.put("DiskState", before).put("DiskSize", size));
        return NODES.objectNode();
    }

    private ObjectNode terminate(String region, JsonNode body) {
        List<String> ids = strings(body.path("DiskIds"));
        for (String id : ids) {
            if (!"UNATTACHED".equals(disk(id).path("DiskState").asText())) {
                throw error("UnsupportedOperation.AttachedDiskNotSupported", "disk " + id + " is attached");
            }
        }
        ids.forEach(s.disks::remove);
        return NODES.objectNode();
    }
}
