package io.multicloud.driver.tencent.fake;

import static io.multicloud.driver.tencent.fake.TencentFake.NODES;
import static io.multicloud.driver.tencent.fake.TencentFake.error;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tag service's {@code ModifyResourceTags} (no metadata of the tag service is in the specs:
 * its shape is from Tencent's documentation: {@code Resource} six-segment name, {@code ReplaceTags}
 * and {@code DeleteTags} of {@code {TagKey, TagValue}}).
 */
final class TagActions {
    private final FakeState s;

    TagActions(FakeState state) {
        this.s = state;
    }

    void register(Map<String, TencentFake.Action> handlers) {
        handlers.put("tag:ModifyResourceTags", this::modify);
    }

    private ObjectNode modify(String region, JsonNode body) {
        String resource = body.path("Resource").asText();
        if (!resource.startsWith("qcs::") || resource.lastIndexOf('/') < 0) {
            throw error("InvalidParameter.ResourceFormat", "'" + resource + "' is not a six-segment resource name");
        }
        String id = resource.substring(resource.lastIndexOf('/') + 1);
        // Each product keeps tags its own way: CLB as {TagKey, TagValue}, TKE in a cluster's
        // TagSpecification, the others as {Key, Value}.
        ObjectNode lb = s.lbs.find(id).orElse(null);
        ObjectNode cluster = s.clusters.find(id).orElse(null);
        ArrayNode tags = lb != null ? ClbActions.keyValue(lb.path("Tags")) : cluster != null ? clusterTags(cluster) : s.tagsOf(id);
        if (tags == null) {
            throw error("ResourceNotFound", "no resource " + id);
        }
        Map<String, String> map = new LinkedHashMap<>(TencentFake.tags(tags));
        body.path("ReplaceTags").forEach(t -> map.put(t.path("TagKey").asText(), t.path("TagValue").asText()));
        body.path("DeleteTags").forEach(t -> map.remove(t.path("TagKey").asText()));
        if (lb != null) {
            ArrayNode kept = lb.putArray("Tags");
            map.forEach((k, v) -> kept.addObject().put("TagKey", k).put("TagValue", v));
        } else if (cluster != null) {
            ArrayNode specs = cluster.putArray("TagSpecification");
            ArrayNode kept = specs.addObject().put("ResourceType", "cluster").putArray("Tags");
            map.forEach((k, v) -> kept.addObject().put("Key", k).put("Value", v));
        } else {
            tags.removeAll();
            map.forEach((k, v) -> tags.addObject().put("Key", k).put("Value", v));
        }
        return NODES.objectNode();
    }

    /** A cluster's tags as {@code {Key, Value}}, from every TagSpecification. */
    static ArrayNode clusterTags(JsonNode cluster) {
        ArrayNode out = NODES.arrayNode();
        cluster.path("TagSpecification").forEach(spec -> spec.path("Tags").forEach(t -> out.add(t.deepCopy())));
        return out;
    }
}
