package io.multicloud.driver.openstack;

import com.fasterxml.jackson.annotation.JsonRootName;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openstack4j.model.ModelEntity;
import org.openstack4j.openstack.storage.block.internal.BaseBlockStorageServices;

/**
 * Reads Cinder volumes through openstack4j's transport (same endpoint, token and error handling
 * as {@code blockStorage().volumes()}), but keeps the status as Cinder's own string: the SDK's
 * {@code Volume.Status} enum has no {@code extending}, {@code error_extending} or
 * {@code reserved} (it misspells the latter), so all three would read as UNRECOGNIZED and an
 * extend that failed could not be told from one in progress.
 * Like every openstack4j service, it works on the client bound to the calling thread: call
 * {@link OpenStackContext#client()} first on the same thread.
 */
final class CinderVolumes extends BaseBlockStorageServices {

    /**
     * One volume as Cinder v3 describes it.
     *
     * @param id the volume id
     * @param name its name (may be null or empty: Cinder does not require one)
     * @param status Cinder's status string, such as {@code in-use}
     * @param sizeGB its size
     * @param zone its availability zone
     * @param type its volume type
     * @param metadata its metadata
     * @param serverIds the servers it is attached to (several only for multi-attach volumes)
     */
    record Volume(String id, String name, String status, int sizeGB, String zone, String type,
                  Map<String, String> metadata, List<String> serverIds) {
    }

    /**
     * The project's volumes, detailed, filtered by Cinder's query parameters (such as {@code name}),
     * every page: pages of {@code limit} volumes, followed through {@code marker} while Cinder's
     * answer carries a {@code next} link in {@code volumes_links} (Cinder caps a page at its
     * {@code osapi_max_limit}, 1000 by default, and says so with that link).
     */
    List<Volume> list(Map<String, String> filters, int limit) {
        List<Volume> out = new ArrayList<>();
        String marker = null;
        while (true) {
            Invocation<JsonNode> request = get(JsonNode.class, uri("/volumes/detail"));
            filters.forEach(request::param);
            request.param("limit", limit);
            if (marker != null) {
                request.param("marker", marker);
            }
            JsonNode body = request.execute();
            if (body == null) {
                return out;
            }
            List<Volume> page = new ArrayList<>();
            body.path("volumes").forEach(v -> page.add(parse(v)));
            out.addAll(page);
            boolean next = false;
            for (JsonNode link : body.path("volumes_links")) {
                next |= "next".equals(text(link, "rel"));
            }
            if (!next || page.isEmpty() || page.getLast().id() == null || page.getLast().id().equals(marker)) {
                return out;
            }
            marker = page.getLast().id();
        }
    }

    /** The volume with this id, or empty when Cinder answers 404. */
    Optional<Volume> get(String id) {
        JsonNode body = get(JsonNode.class, uri("/volumes/%s", id)).execute();
        return body == null || !body.has("volume") ? Optional.empty() : Optional.of(parse(body.get("volume")));
    }

    /** Replaces a volume's metadata (Cinder's volume update replaces it whole). */
    void replaceMetadata(String id, Map<String, String> metadata) {
        put(JsonNode.class, uri("/volumes/%s", id)).entity(new MetadataUpdate(metadata)).execute();
    }

    /** A volume update carrying only metadata: {@code {"volume": {"metadata": {...}}}}. */
    @JsonRootName("volume")
    record MetadataUpdate(Map<String, String> metadata) implements ModelEntity {
    }

    private static Volume parse(JsonNode v) {
        Map<String, String> metadata = new LinkedHashMap<>();
        v.path("metadata").fields().forEachRemaining(e -> metadata.put(e.getKey(), e.getValue().asText()));
        List<String> servers = new ArrayList<>();
        v.path("attachments").forEach(a -> {
            String server = text(a, "server_id");
            if (server != null) {
                servers.add(server);
            }
        });
        return new Volume(text(v, "id"), text(v, "name"), text(v, "status"), v.path("size").asInt(0),
                text(v, "availability_zone"), text(v, "volume_type"), metadata, servers);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
