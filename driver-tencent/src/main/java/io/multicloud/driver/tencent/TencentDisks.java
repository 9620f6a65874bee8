package io.multicloud.driver.tencent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.Disk;
import io.multicloud.api.DiskRequest;
import io.multicloud.api.DiskStatus;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.ResourceKind;
import io.multicloud.driver.tencent.TencentClients.Product;
import io.multicloud.spi.DiskService;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Data disks = CBS cloud disks, pay-as-you-go (CreateDisks with a {@code ClientToken},
 * DescribeDisks, AttachDisks, DetachDisks, ResizeDisk, TerminateDisks). The user's name is the
 * native {@code DiskName}; the type defaults to {@code CLOUD_PREMIUM}; the zone is the request's,
 * else the connection's, else the region's first. Status: UNATTACHED and ATTACHING → AVAILABLE,
 * ATTACHED and DETACHING → ATTACHED, EXPANDING → CREATING, TORECYCLE → DELETING.
 */
final class TencentDisks implements DiskService {
    private static final ResourceKind KIND = ResourceKind.DISK;

    private final TencentContext ctx;
    private final TencentRegions regions;
    private final TencentVms vms;

    TencentDisks(TencentContext ctx, TencentRegions regions, TencentVms vms) {
        this.ctx = ctx;
        this.regions = regions;
        this.vms = vms;
    }

    private List<JsonNode> describe(String filter, String value) {
        ObjectNode params = TencentApi.object();
        if (filter != null) {
            params.withArray("Filters").add(TencentApi.filter(filter, List.of(value)));
        }
        return ctx.api().list(Product.CBS, "DescribeDisks", params, "DiskSet", false, KIND, value);
    }

    @Override
    public List<Disk> list() {
        return toRecords(describe(null, null));
    }

    @Override
    public Optional<Disk> find(String nameOrId) {
        return findRaw(nameOrId).map(d -> toRecords(List.of(d)).getFirst());
    }

    private Optional<JsonNode> findRaw(String nameOrId) {
        if (TencentTagCodec.isId(nameOrId, "disk")) {
            Optional<JsonNode> byId = describe("disk-id", nameOrId).stream().findFirst();
            if (byId.isPresent()) {
                return byId;
            }
        }
        return describe("disk-name", nameOrId).stream().filter(d -> nameOrId.equals(d.path("DiskName").asText())).findFirst();
    }

    JsonNode requireRaw(String name) {
        return findRaw(name).orElseThrow(() -> new NotFoundException(ctx.error(KIND, name), "no disk of this name or id"));
    }

    @Override
    public Disk create(DiskRequest request) {
        String name = request.name();
        if (findRaw(name).isPresent()) {
            throw new AlreadyExistsException(ctx.error(KIND, name), "a disk of this name exists");
        }
        ObjectNode params = TencentApi.object();
        params.putObject("Placement").put("Zone", request.zone() != null ? request.zone() : regions.defaultZone());
        params.put("DiskChargeType", "POSTPAID_BY_HOUR");
        params.put("DiskType", request.type() != null ? request.type() : "CLOUD_PREMIUM");
        params.put("DiskName", name);
        params.put("DiskSize", request.sizeGB());
        params.put("DiskCount", 1);
        params.put("ClientToken", UUID.randomUUID().toString());
        if (!request.tags().isEmpty()) {
            params.set("Tags", TencentTagCodec.toJson(TencentTagCodec.encode(request.tags())));
        }
        String id = ctx.api().change(Product.CBS, "CreateDisks", params, KIND, name, true).path("DiskIdSet").path(0).asText();
        return find(id).orElseThrow(() -> new NotFoundException(ctx.error(KIND, name), "disk " + id + " is not listed after CreateDisks"));
    }

    @Override
    public void delete(String name) {
        ObjectNode params = TencentApi.object();
        params.set("DiskIds", TencentApi.strings(List.of(requireRaw(name).path("DiskId").asText())));
        ctx.api().change(Product.CBS, "TerminateDisks", params, KIND, name);
    }

    @Override
    public Disk attach(String disk, String vm) {
        JsonNode raw = requireRaw(disk);
        ObjectNode params = TencentApi.object();
        params.set("DiskIds", TencentApi.strings(List.of(raw.path("DiskId").asText())));
        params.put("InstanceId", vms.requireRaw(vm).path("InstanceId").asText());
        ctx.api().change(Product.CBS, "AttachDisks", params, KIND, disk);
        return find(raw.path("DiskId").asText()).orElseThrow();
    }

    @Override
    public Disk detach(String disk) {
        JsonNode raw = requireRaw(disk);
        ObjectNode params = TencentApi.object();
        params.set("DiskIds", TencentApi.strings(List.of(raw.path("DiskId").asText())));
        ctx.api().change(Product.CBS, "DetachDisks", params, KIND, disk);
        return find(raw.path("DiskId").asText()).orElseThrow();
    }

    @Override
    public Disk resize(String disk, int newSizeGB) {
        JsonNode raw = requireRaw(disk);
        ObjectNode params = TencentApi.object();
        params.put("DiskId", raw.path("DiskId").asText());
        params.put("DiskSize", newSizeGB);
        ctx.api().change(Product.CBS, "ResizeDisk", params, KIND, disk);
        return find(raw.path("DiskId").asText()).orElseThrow();
    }

    static DiskStatus status(String state) {
        return switch (state) {
            case "UNATTACHED", "ATTACHING" -> DiskStatus.AVAILABLE;
            case "ATTACHED", "DETACHING" -> DiskStatus.ATTACHED;
            case "TORECYCLE" -> DiskStatus.DELETING;
            default -> DiskStatus.CREATING;
        };
    }

    private List<Disk> toRecords(List<JsonNode> disks) {
        Set<String> instances = new HashSet<>();
        disks.forEach(d -> {
            if (!d.path("InstanceId").asText("").isEmpty()) {
                instances.add(d.path("InstanceId").asText());
            }
        });
        Map<String, String> names = vms.names(instances);
        return disks.stream().map(d -> {
            String id = d.path("DiskId").asText();
            String instance = d.path("InstanceId").asText("");
            DiskStatus status = status(d.path("DiskState").asText());
            String attachedTo = instance.isEmpty() || status != DiskStatus.ATTACHED ? null : names.getOrDefault(instance, instance);
            return new Disk(TencentTagCodec.nameOr(d.path("DiskName").asText(), id), id, d.path("Placement").path("Zone").asText(null),
                    d.path("DiskSize").asInt(), d.path("DiskType").asText(null), status, attachedTo, TencentTagCodec.user(d.path("Tags")));
        }).toList();
    }
}
