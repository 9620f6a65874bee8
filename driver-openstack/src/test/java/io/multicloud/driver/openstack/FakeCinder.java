package io.multicloud.driver.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.driver.openstack.FakeOpenStack.Request;
import io.multicloud.driver.openstack.FakeOpenStack.Response;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful Cinder v3 (volumes) with the part of Nova that attaching needs (servers by name and
 * id, {@code os-volume_attachments}), answering in the wire format of the Cinder v3 and Nova
 * v2.1 API references. Statuses move the way a cloud's do, one step each time a volume is shown:
 * a new volume is {@code creating} the first time and {@code available} after; an attach makes it
 * {@code attaching}, then {@code in-use} with its attachment; a detach {@code detaching}, then
 * {@code available}; an extend {@code extending}, then {@code available} at the new size; a
 * delete {@code deleting}, then gone. Volumes beyond {@link #volumeLimit} are refused with
 * Cinder's 413 overLimit.
 * <p>
 * Serve it with {@link #serveOn(FakeOpenStack)}: Cinder as {@code volumev3} under
 * {@code /volume/v3/<project>}, Nova as {@code compute} under {@code /compute/v2.1}.
 */
final class FakeCinder {
    static final String ZONE = "nova";
    static final String DEFAULT_TYPE = "__DEFAULT__";
    static final Set<String> TYPES = Set.of(DEFAULT_TYPE, "lvmdriver-1", "ssd");
    private static final Pattern VOLUME = Pattern.compile("/v3/([^/]+)/volumes(?:/([^/]+))?(?:/(action))?");
    private static final Pattern SERVER = Pattern.compile("/v2\\.1/servers(?:/([^/]+))?(?:/(os-volume_attachments)(?:/([^/]+))?)?");
    private static final DateTimeFormatter CINDER_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    /** A volume and the step its status takes the next time it is shown. */
    private static final class Volume {
        final String id = UUID.randomUUID().toString();
        final String created = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS).format(CINDER_TIME);
        String name;
        String status = "creating";
        int size;
        String zone;
        String type;
        Map<String, String> metadata = new LinkedHashMap<>();
        /** The server it is attached to and its attachment, or null. */
        String serverId;
        String attachmentId;
        String device;
        Runnable next;
    }

    private final Map<String, Volume> volumes = new LinkedHashMap<>();
    private final Map<String, String> servers = new LinkedHashMap<>();
    private int volumeLimit = 10;
    /** The largest page this Cinder gives (a real one's osapi_max_limit; small, so that tests page). */
    static final int MAX_LIMIT = 2;

    /** Registers Cinder and Nova with the fake's Keystone catalog. */
    FakeCinder serveOn(FakeOpenStack openStack) {
        openStack.serve("volumev3", "volume", "/volume/v3/" + FakeOpenStack.PROJECT_ID, this::cinder)
                .serve("compute", "compute", "/compute/v2.1", this::nova);
        return this;
    }

    /** Adds an ACTIVE server to Nova; returns its id. */
    synchronized String addServer(String name) {
        String id = UUID.randomUUID().toString();
        servers.put(id, name);
        return id;
    }

    /** The project's volume quota (Cinder's default is 10). */
    synchronized FakeCinder volumeLimit(int limit) {
        this.volumeLimit = limit;
        return this;
    }

    /** How many volumes exist, whatever their status. */
    synchronized int volumeCount() {
        return volumes.size();
    }

    /** Cinder v3: {@code /v3/{project}/volumes[/detail | /{id}[/action]]}. */
    synchronized Response cinder(Request request) {
        Matcher m = VOLUME.matcher(request.path());
        if (!m.matches()) {
            return notFound("The resource could not be found.");
        }
        if (!FakeOpenStack.PROJECT_ID.equals(m.group(1))) {
            return Response.error(403, "forbidden", "Policy doesn't allow this project's volumes to be used.");
        }
        String id = m.group(2);
        boolean action = m.group(3) != null;
        return switch (request.method()) {
            case "POST" -> id == null ? create(request.body()) : action ? action(id, request.body()) : badMethod();
            case "GET" -> id == null || "detail".equals(id) ? listed(listBody(request.query())) : show(id);
            case "PUT" -> id == null || action ? badMethod() : update(id, request.body());
            case "DELETE" -> id == null || action ? badMethod() : delete(id);
            default -> badMethod();
        };
    }

    private Response create(JsonNode body) {
        JsonNode v = body == null ? null : body.get("volume");
        if (v == null || !v.isObject()) {
            return badRequest("Missing required element 'volume' in request body.");
        }
        if (!v.path("size").canConvertToInt() || v.path("size").asInt() < 1) {
            return badRequest("Invalid input for field/attribute size. Value: " + v.path("size") + ". must be an integer >= 1");
        }
        String type = v.hasNonNull("volume_type") ? v.get("volume_type").asText() : DEFAULT_TYPE;
        if (!TYPES.contains(type)) {
            return notFound("Volume type with name " + type + " could not be found.");
        }
        String zone = v.hasNonNull("availability_zone") ? v.get("availability_zone").asText() : ZONE;
        if (!ZONE.equals(zone)) {
            return badRequest("Invalid input received: Availability zone '" + zone + "' is invalid.");
        }
        if (volumes.size() >= volumeLimit) {
            return Response.error(413, "overLimit",
                    "VolumeLimitExceeded: Maximum number of volumes allowed (" + volumeLimit + ") exceeded");
        }
        Volume volume = new Volume();
        volume.name = v.hasNonNull("name") ? v.get("name").asText() : null;
        volume.size = v.get("size").asInt();
        volume.zone = zone;
        volume.type = type;
        v.path("metadata").fields().forEachRemaining(e -> volume.metadata.put(e.getKey(), e.getValue().asText()));
        volume.next = () -> volume.status = "available";
        volumes.put(volume.id, volume);
        // The create answer shows the volume as it is, without counting as a look at it.
        return new Response(202, wrap("volume", render(volume)));
    }

    private Response show(String id) {
        Volume volume = volumes.get(id);
        return volume == null ? notFound("Volume " + id + " could not be found.") : Response.ok(wrap("volume", look(volume)));
    }

    /**
     * A page of volumes as Cinder gives it: at most {@code limit} (capped at {@link #MAX_LIMIT},
     * Cinder's {@code osapi_max_limit} here), after the {@code marker}, with a {@code next} link in
     * {@code volumes_links} when more follow.
     */
    private ObjectNode listBody(Map<String, String> query) {
        int limit = Math.min(query.containsKey("limit") ? Integer.parseInt(query.get("limit")) : MAX_LIMIT, MAX_LIMIT);
        List<Volume> matching = List.copyOf(volumes.values()).stream().filter(v -> matches(v, query)).toList();
        int from = 0;
        if (query.containsKey("marker")) {
            from = matching.stream().map(v -> v.id).toList().indexOf(query.get("marker")) + 1;
            if (from == 0) {
                return null;
            }
        }
        ObjectNode body = FakeOpenStack.JSON.createObjectNode();
        ArrayNode list = body.putArray("volumes");
        List<Volume> page = matching.subList(from, Math.min(matching.size(), from + limit));
        page.forEach(v -> list.add(look(v)));
        if (from + page.size() < matching.size()) {
            body.putArray("volumes_links").addObject().put("rel", "next")
                    .put("href", "http://127.0.0.1/volume/v3/" + FakeOpenStack.PROJECT_ID + "/volumes/detail?limit=" + limit
                            + "&marker=" + page.getLast().id);
        }
        return body;
    }

    private static Response listed(ObjectNode body) {
        return body == null ? Response.error(400, "badRequest", "Invalid input received: marker not found") : Response.ok(body);
    }

    /** Cinder's exact filters on name, status and availability zone. */
    private static boolean matches(Volume v, Map<String, String> query) {
        return (!query.containsKey("name") || query.get("name").equals(v.name))
                && (!query.containsKey("status") || query.get("status").equals(v.status))
                && (!query.containsKey("availability_zone") || query.get("availability_zone").equals(v.zone));
    }

    private Response update(String id, JsonNode body) {
        Volume volume = volumes.get(id);
        if (volume == null) {
            return notFound("Volume " + id + " could not be found.");
        }
        JsonNode v = body == null ? null : body.get("volume");
        if (v == null) {
            return badRequest("Missing required element 'volume' in request body.");
        }
        if (v.hasNonNull("name")) {
            volume.name = v.get("name").asText();
        }
        if (v.path("metadata").isObject()) {
            // Cinder's volume update replaces the metadata whole.
            volume.metadata.clear();
            v.get("metadata").fields().forEachRemaining(e -> volume.metadata.put(e.getKey(), e.getValue().asText()));
        }
        return Response.ok(wrap("volume", render(volume)));
    }

    private Response delete(String id) {
        Volume volume = volumes.get(id);
        if (volume == null) {
            return notFound("Volume " + id + " could not be found.");
        }
        if (!Set.of("available", "error", "error_restoring", "error_extending", "error_managing").contains(volume.status)) {
            return badRequest("Invalid volume: Volume status must be available or error or error_restoring or "
                    + "error_extending or error_managing and must not be migrating, attached, belong to a group, "
                    + "have snapshots, awaiting a transfer, or be disassociated from snapshots after volume transfer.");
        }
        volume.status = "deleting";
        volume.next = () -> volumes.remove(volume.id);
        return Response.status(202);
    }

    private Response action(String id, JsonNode body) {
        Volume volume = volumes.get(id);
        if (volume == null) {
            return notFound("Volume " + id + " could not be found.");
        }
        JsonNode extend = body == null ? null : body.get("os-extend");
        if (extend == null) {
            return badRequest("There is no such action: " + (body == null ? "" : body.fieldNames().next()));
        }
        int newSize = extend.path("new_size").asInt(-1);
        if (!"available".equals(volume.status)) {
            return badRequest("Invalid volume: Volume status must be 'available' to extend, currently " + volume.status + ".");
        }
        if (newSize <= volume.size) {
            return badRequest("Invalid input received: New size for extend must be greater than current size. "
                    + "(current: " + volume.size + ", extended: " + newSize + ").");
        }
        volume.status = "extending";
        volume.next = () -> {
            volume.size = newSize;
            volume.status = "available";
        };
        return Response.status(202);
    }

    /** Nova v2.1: {@code /v2.1/servers[/detail | /{id}[/os-volume_attachments[/{volume id}]]]}. */
    synchronized Response nova(Request request) {
        Matcher m = SERVER.matcher(request.path());
        if (!m.matches()) {
            return notFound("The resource could not be found.");
        }
        String id = m.group(1);
        boolean attachments = m.group(2) != null;
        String volumeId = m.group(3);
        if (id == null || "detail".equals(id)) {
            return "GET".equals(request.method()) ? Response.ok(servers(request.query())) : badMethod();
        }
        if (!servers.containsKey(id)) {
            return notFound("Instance " + id + " could not be found.");
        }
        if (!attachments) {
            return "GET".equals(request.method()) ? Response.ok(wrap("server", server(id))) : badMethod();
        }
        return switch (request.method()) {
            case "GET" -> volumeId == null ? Response.ok(attachmentsOf(id)) : showAttachment(id, volumeId);
            case "POST" -> volumeId == null ? attach(id, request.body()) : badMethod();
            case "DELETE" -> volumeId == null ? badMethod() : detach(id, volumeId);
            default -> badMethod();
        };
    }

    /** Nova's name filter is a regular expression searched in the name; pages by limit (at most MAX_LIMIT) and marker. */
    private ObjectNode servers(Map<String, String> query) {
        ObjectNode body = FakeOpenStack.JSON.createObjectNode();
        ArrayNode list = body.putArray("servers");
        Pattern filter = query.get("name") == null ? null : Pattern.compile(query.get("name"));
        List<String> ids = servers.entrySet().stream().filter(e -> filter == null || filter.matcher(e.getValue()).find())
                .map(Map.Entry::getKey).toList();
        int from = query.containsKey("marker") ? ids.indexOf(query.get("marker")) + 1 : 0;
        int limit = Math.min(query.containsKey("limit") ? Integer.parseInt(query.get("limit")) : MAX_LIMIT, MAX_LIMIT);
        ids.subList(from, Math.min(ids.size(), from + limit)).forEach(id -> list.add(server(id)));
        return body;
    }

    private ObjectNode server(String id) {
        ObjectNode s = FakeOpenStack.JSON.createObjectNode();
        s.put("id", id).put("name", servers.get(id)).put("status", "ACTIVE")
                .put("tenant_id", FakeOpenStack.PROJECT_ID).put("user_id", "u-demo")
                .put("created", "2026-01-01T00:00:00Z").put("updated", "2026-01-01T00:00:10Z")
                .put("hostId", "h-1").put("key_name", (String) null)
                .put("OS-EXT-STS:vm_state", "active").put("OS-EXT-STS:power_state", 1)
                .put("OS-EXT-AZ:availability_zone", ZONE);
        s.putObject("addresses");
        s.putObject("image").put("id", "img-1").putArray("links");
        s.putObject("flavor").put("id", "1").putArray("links");
        s.putObject("metadata");
        s.putArray("links").addObject().put("rel", "self").put("href", "/compute/v2.1/servers/" + id);
        ArrayNode attached = s.putArray("os-extended-volumes:volumes_attached");
        volumes.values().stream().filter(v -> id.equals(v.serverId)).forEach(v -> attached.addObject().put("id", v.id));
        return s;
    }

    private Response attach(String serverId, JsonNode body) {
        JsonNode a = body == null ? null : body.get("volumeAttachment");
        if (a == null || !a.hasNonNull("volumeId")) {
            return badRequest("Invalid input for field/attribute volumeAttachment.");
        }
        String volumeId = a.get("volumeId").asText();
        Volume volume = volumes.get(volumeId);
        if (volume == null) {
            return notFound("Volume " + volumeId + " could not be found.");
        }
        if (!"available".equals(volume.status)) {
            return badRequest("Invalid volume: volume " + volumeId + " status must be 'available'. Currently in '"
                    + volume.status + "'");
        }
        String device = a.hasNonNull("device") ? a.get("device").asText() : nextDevice(serverId);
        volume.status = "attaching";
        volume.next = () -> {
            volume.serverId = serverId;
            volume.attachmentId = UUID.randomUUID().toString();
            volume.device = device;
            volume.status = "in-use";
        };
        ObjectNode answer = FakeOpenStack.JSON.createObjectNode();
        answer.putObject("volumeAttachment").put("device", device).put("id", volumeId)
                .put("serverId", serverId).put("volumeId", volumeId);
        return Response.ok(answer);
    }

    private String nextDevice(String serverId) {
        long taken = volumes.values().stream().filter(v -> serverId.equals(v.serverId)).count();
        return "/dev/vd" + (char) ('b' + taken);
    }

    private ObjectNode attachmentsOf(String serverId) {
        ObjectNode body = FakeOpenStack.JSON.createObjectNode();
        ArrayNode list = body.putArray("volumeAttachments");
        volumes.values().stream().filter(v -> serverId.equals(v.serverId))
                .forEach(v -> list.add(novaAttachment(v)));
        return body;
    }

    private Response showAttachment(String serverId, String volumeId) {
        Volume volume = volumes.get(volumeId);
        if (volume == null || !serverId.equals(volume.serverId)) {
            return notFound("Volume " + volumeId + " is not attached to server " + serverId + ".");
        }
        return Response.ok(wrap("volumeAttachment", novaAttachment(volume)));
    }

    private static ObjectNode novaAttachment(Volume v) {
        return FakeOpenStack.JSON.createObjectNode().put("device", v.device).put("id", v.id)
                .put("serverId", v.serverId).put("volumeId", v.id);
    }

    private Response detach(String serverId, String volumeId) {
        Volume volume = volumes.get(volumeId);
        if (volume == null || !serverId.equals(volume.serverId)) {
            return notFound("Volume " + volumeId + " is not attached to server " + serverId + ".");
        }
        if (!"in-use".equals(volume.status)) {
            return Response.error(409, "conflictingRequest",
                    "Cannot 'detach_volume' volume " + volumeId + " while it is in status " + volume.status);
        }
        volume.status = "detaching";
        volume.next = () -> {
            volume.serverId = null;
            volume.attachmentId = null;
            volume.device = null;
            volume.status = "available";
        };
        return Response.status(202);
    }

    /** Shows a volume as it is now, then takes its pending step. */
    private ObjectNode look(Volume volume) {
        ObjectNode shown = render(volume);
        Runnable step = volume.next;
        volume.next = null;
        if (step != null) {
            step.run();
        }
        return shown;
    }

    private static ObjectNode render(Volume v) {
        ObjectNode node = FakeOpenStack.JSON.createObjectNode();
        node.put("id", v.id).put("name", v.name).put("description", (String) null).put("status", v.status)
                .put("size", v.size).put("availability_zone", v.zone).put("volume_type", v.type)
                .put("bootable", "false").put("encrypted", false).put("multiattach", false)
                .put("snapshot_id", (String) null).put("source_volid", (String) null)
                .put("replication_status", "disabled").put("consistencygroup_id", (String) null)
                .put("user_id", "u-demo").put("os-vol-tenant-attr:tenant_id", FakeOpenStack.PROJECT_ID)
                .put("created_at", v.created).put("updated_at", Instant.now().toString().replace("Z", ""));
        ObjectNode metadata = node.putObject("metadata");
        v.metadata.forEach(metadata::put);
        ArrayNode attachments = node.putArray("attachments");
        if (v.serverId != null) {
            attachments.addObject().put("server_id", v.serverId).put("attachment_id", v.attachmentId)
                    .put("attached_at", v.created).put("host_name", (String) null).put("volume_id", v.id)
                    .put("device", v.device).put("id", v.id);
        }
        node.putArray("links").addObject().put("rel", "self")
                .put("href", "/volume/v3/" + FakeOpenStack.PROJECT_ID + "/volumes/" + v.id);
        return node;
    }

    private static ObjectNode wrap(String key, JsonNode value) {
        ObjectNode node = FakeOpenStack.JSON.createObjectNode();
        node.set(key, value);
        return node;
    }

    private static Response notFound(String message) {
        return Response.error(404, "itemNotFound", message);
    }

    private static Response badRequest(String message) {
        return Response.error(400, "badRequest", message);
    }

    private static Response badMethod() {
        return Response.error(405, "badMethod", "The method is not allowed for the requested URL.");
    }

    /** The names of the volumes that exist, whatever their status. */
    synchronized List<String> volumeNames() {
        List<String> names = new ArrayList<>();
        volumes.values().forEach(v -> names.add(v.name));
        return names;
    }

    /** The metadata Cinder holds for the named volume (the marker included), or null. */
    synchronized Map<String, String> metadataOf(String name) {
        return volumes.values().stream().filter(v -> name.equals(v.name)).findFirst()
                .map(v -> Map.copyOf(v.metadata)).orElse(null);
    }

    /** Puts the named volume in a status, as a failure in Cinder's back end would. */
    synchronized void forceStatus(String name, String status) {
        Volume volume = volumes.values().stream().filter(v -> name.equals(v.name)).findFirst().orElseThrow();
        volume.status = status;
        volume.next = null;
    }
}
