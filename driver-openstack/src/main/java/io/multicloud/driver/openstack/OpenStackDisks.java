package io.multicloud.driver.openstack;

import io.multicloud.api.ConflictException;
import io.multicloud.api.Disk;
import io.multicloud.api.DiskRequest;
import io.multicloud.api.DiskStatus;
import io.multicloud.api.ErrorContext;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.ResourceKind;
import io.multicloud.spi.DiskService;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.openstack4j.model.common.ActionResponse;
import org.openstack4j.model.compute.Server;
import org.openstack4j.model.storage.block.Volume;
import org.openstack4j.openstack.storage.block.domain.CinderVolume;

/**
 * Data disks as Cinder volumes (block storage v3), named by the volume's own name, which this
 * driver keeps unique. The user's tags are volume metadata, beside the marker
 * {@code multicloud:managed=true}. Every volume of the project is listed; one without a valid
 * name (such as a boot volume Nova made) is named by its id. A multi-attach volume shows the
 * first server it is attached to.
 * <p>
 * Attach and detach go through Nova's {@code os-volume_attachments}, as the Cinder API
 * reference asks: Nova then drives Cinder. Resize is Cinder's {@code os-extend}, on a detached
 * volume (no microversion is sent, so Cinder refuses to extend an attached one: Conflict).
 * <p>
 * Status: creating/downloading → CREATING; available → AVAILABLE; in-use → ATTACHED;
 * deleting → DELETING; error and every error_* → FAILED. A status in motion shows the settled
 * state it leaves until Cinder reports the new one, so that waiting for the goal state waits for
 * the action to finish: reserved/attaching → AVAILABLE, detaching → ATTACHED, extending →
 * AVAILABLE or ATTACHED by whether the volume has an attachment (likewise the other busy
 * statuses: backing-up, uploading, retyping, ...).
 */
final class OpenStackDisks implements DiskService {
    private static final ResourceKind KIND = ResourceKind.DISK;
    /** The marker on every volume this library creates, as a metadata entry. */
    static final String MARKER_KEY = "multicloud:managed";
    static final String MARKER_VALUE = "true";

    private final OpenStackContext ctx;
    private final OpenStackLookups lookups;

    OpenStackDisks(OpenStackContext ctx) {
        this.ctx = ctx;
        this.lookups = new OpenStackLookups(ctx);
    }

    @Override
    public List<Disk> list() {
        List<CinderVolumes.Volume> volumes = volumes(null, Map.of());
        // One server listing names every attached VM, rather than one look-up per volume.
        Map<String, String> servers = volumes.stream().allMatch(v -> v.serverIds().isEmpty()) ? Map.of()
                : OpenStackLookups.namesById(lookups.servers(), Server::getId, Server::getName);
        Function<String, String> names = id -> servers.getOrDefault(id, id);
        return volumes.stream().map(v -> toRecord(v, names)).sorted(Comparator.comparing(Disk::name)).toList();
    }

    @Override
    public Optional<Disk> find(String name) {
        return volume(name).map(v -> toRecord(v, serverNames()));
    }

    @Override
    public Disk create(DiskRequest request) {
        String name = request.name();
        if (volume(name).isPresent()) {
            throw ctx.errors().taken(KIND, name);
        }
        Map<String, String> metadata = new LinkedHashMap<>(request.tags());
        metadata.put(MARKER_KEY, MARKER_VALUE);
        String zone = request.zone() != null ? request.zone() : ctx.defaultZone();
        var builder = CinderVolume.builder().name(name).size(request.sizeGB()).metadata(metadata);
        if (zone != null) {
            builder.zone(zone);
        }
        if (request.type() != null) {
            builder.volumeType(request.type());
        }
        Volume volume = builder.build();
        Volume created = ctx.errors().call(KIND, name, () -> ctx.client().blockStorage().volumes().create(volume));
        // Read back in the same shape as list and find (the create answer is the same body Cinder shows later).
        return volumeById(created.getId(), name).map(v -> toRecord(v, serverNames()))
                .orElseThrow(() -> ctx.errors().notFound(KIND, name));
    }

    @Override
    public void delete(String name) {
        CinderVolumes.Volume v = require(name);
        if (!v.serverIds().isEmpty() || attachedStatus(v.status())) {
            String vm = v.serverIds().isEmpty() ? "a VM" : "VM '" + serverNames().apply(v.serverIds().getFirst()) + "'";
            throw ctx.errors().conflict(KIND, name, "the disk is attached to " + vm + " (Cinder status " + v.status()
                    + "); detach it first");
        }
        ActionResponse response = ctx.errors().call(KIND, name, () -> ctx.client().blockStorage().volumes().delete(v.id()));
        checkAction(response, name);
    }

    @Override
    public Disk attach(String disk, String vm) {
        CinderVolumes.Volume v = require(disk);
        if (!v.serverIds().isEmpty()) {
            throw ctx.errors().conflict(KIND, disk, "the disk is attached already; detach it first");
        }
        Server server = lookups.requireServer(vm);
        // No device name: Nova picks the next free one (and most hypervisors ignore a given one).
        statusConflicts(disk, () -> ctx.errors().call(KIND, disk,
                () -> ctx.client().compute().servers().attachVolume(server.getId(), v.id(), null)));
        return toRecord(require(disk), serverNames());
    }

    @Override
    public Disk detach(String disk) {
        CinderVolumes.Volume v = require(disk);
        if (v.serverIds().isEmpty()) {
            throw ctx.errors().conflict(KIND, disk, "the disk is not attached");
        }
        String serverId = v.serverIds().getFirst();
        // Nova's os-volume_attachments/{id} takes the volume id (openstack4j calls it attachmentId).
        ActionResponse response = ctx.errors().call(KIND, disk,
                () -> ctx.client().compute().servers().detachVolume(serverId, v.id()));
        checkAction(response, disk);
        return toRecord(require(disk), serverNames());
    }

    @Override
    public Disk resize(String disk, int newSizeGB) {
        CinderVolumes.Volume v = require(disk);
        if (newSizeGB <= v.sizeGB()) {
            throw new InvalidRequestException(context(disk), "disk size (GB)",
                    "disks only grow: " + newSizeGB + " is not above the current " + v.sizeGB());
        }
        ActionResponse response = ctx.errors().call(KIND, disk,
                () -> ctx.client().blockStorage().volumes().extend(v.id(), newSizeGB));
        checkAction(response, disk);
        return toRecord(require(disk), serverNames());
    }

    /** The user's tags of a disk (Cinder metadata, the library's keys left out). */
    Map<String, String> tagsOf(String name) {
        return toRecord(require(name), id -> id).tags();
    }

    /** Adds or overwrites tags on a disk, keeping the others and the library's own. */
    void tag(String name, Map<String, String> tags) {
        CinderVolumes.Volume v = require(name);
        Map<String, String> metadata = new LinkedHashMap<>(v.metadata());
        metadata.putAll(tags);
        writeMetadata(v, name, metadata);
    }

    /** Removes the tags with these keys from a disk. */
    void untag(String name, Set<String> keys) {
        CinderVolumes.Volume v = require(name);
        Map<String, String> metadata = new LinkedHashMap<>(v.metadata());
        metadata.keySet().removeIf(key -> keys.contains(key) && !TagStrings.isOwn(key));
        writeMetadata(v, name, metadata);
    }

    private void writeMetadata(CinderVolumes.Volume v, String name, Map<String, String> metadata) {
        ctx.errors().run(KIND, name, () -> {
            ctx.client();
            new CinderVolumes().replaceMetadata(v.id(), metadata);
        });
    }

    /** The disk's status for Cinder's status string (see the class comment for the moving ones). */
    static DiskStatus status(String cinderStatus, boolean attached) {
        String s = cinderStatus == null ? "" : cinderStatus.toLowerCase(Locale.ROOT);
        if (s.startsWith("error")) {
            return DiskStatus.FAILED;
        }
        return switch (s) {
            case "creating", "downloading" -> DiskStatus.CREATING;
            case "available", "reserved", "attaching" -> DiskStatus.AVAILABLE;
            case "in-use", "detaching" -> DiskStatus.ATTACHED;
            case "deleting" -> DiskStatus.DELETING;
            case "" -> DiskStatus.FAILED;
            default -> attached ? DiskStatus.ATTACHED : DiskStatus.AVAILABLE;
        };
    }

    /** Whether the volume is bound to a server, or about to be: it cannot be deleted then. */
    private static boolean attachedStatus(String cinderStatus) {
        return List.of("in-use", "attaching", "detaching", "reserved").contains(cinderStatus);
    }

    private Disk toRecord(CinderVolumes.Volume v, Function<String, String> serverNames) {
        Map<String, String> tags = new LinkedHashMap<>(v.metadata());
        tags.keySet().removeIf(TagStrings::isOwn);
        String attachedTo = v.serverIds().isEmpty() ? null : serverNames.apply(v.serverIds().getFirst());
        return new Disk(OpenStackNames.of(v.name(), v.id()), v.id(), v.zone(), v.sizeGB(),
                v.type(), status(v.status(), !v.serverIds().isEmpty()), attachedTo, tags);
    }

    /** Server names by id, each looked up once per call; a server gone meanwhile shows as its id. */
    private Function<String, String> serverNames() {
        Map<String, String> known = new HashMap<>();
        return id -> known.computeIfAbsent(id, key -> {
            Server server = ctx.errors().call(ResourceKind.VM, null, () -> ctx.client().compute().servers().get(key));
            return server == null ? key : OpenStackNames.of(server.getName(), key);
        });
    }

    /** The volume of this name (Cinder's name filter is exact; checked again in case a cloud ignores it), else of this id. */
    private Optional<CinderVolumes.Volume> volume(String nameOrId) {
        if (OpenStackNames.valid(nameOrId)) {
            Optional<CinderVolumes.Volume> named = volumes(nameOrId, Map.of("name", nameOrId)).stream()
                    .filter(v -> nameOrId.equals(v.name())).findFirst();
            if (named.isPresent()) {
                return named;
            }
        }
        return OpenStackLookups.looksLikeId(nameOrId) ? volumeById(nameOrId, nameOrId) : Optional.empty();
    }

    private CinderVolumes.Volume require(String name) {
        return volume(name).orElseThrow(() -> ctx.errors().notFound(KIND, name));
    }

    private List<CinderVolumes.Volume> volumes(String name, Map<String, String> filters) {
        return ctx.errors().call(KIND, name, () -> {
            ctx.client();
            return new CinderVolumes().list(filters, ctx.pageSize());
        });
    }

    private Optional<CinderVolumes.Volume> volumeById(String id, String name) {
        return ctx.errors().call(KIND, name, () -> {
            ctx.client();
            return new CinderVolumes().get(id);
        });
    }

    /** Checks an action's answer; Cinder's and Nova's 400 "status must be ..." is a Conflict, not bad input. */
    private void checkAction(ActionResponse response, String name) {
        if (response != null && !response.isSuccess() && response.getCode() == 400 && isStatusConflict(response.getFault())) {
            throw new ConflictException(context(name).provider("400", response.getFault()),
                    "the disk is busy: " + response.getFault());
        }
        ctx.errors().check(response, KIND, name);
    }

    private <T> T statusConflicts(String name, Supplier<T> call) {
        try {
            return call.get();
        } catch (InvalidRequestException e) {
            String message = e.context().providerMessage();
            if (isStatusConflict(message)) {
                throw new ConflictException(e.context(), "the disk is busy: " + message, e);
            }
            throw e;
        }
    }

    private static boolean isStatusConflict(String message) {
        String lower = message == null ? "" : message.toLowerCase(Locale.ROOT);
        return lower.contains("status must be") || lower.contains("must be available") || lower.contains("invalid volume");
    }

    private ErrorContext context(String name) {
        return ErrorContext.of(ctx.config().name(), KIND, name);
    }
}
