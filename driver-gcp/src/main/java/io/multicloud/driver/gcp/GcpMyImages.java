package io.multicloud.driver.gcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.compute.v1.AttachedDisk;
import com.google.cloud.compute.v1.DeleteImageRequest;
import com.google.cloud.compute.v1.GetImageRequest;
import com.google.cloud.compute.v1.InsertImageRequest;
import com.google.cloud.compute.v1.Instance;
import com.google.cloud.compute.v1.ListImagesRequest;
import io.multicloud.api.MyImage;
import io.multicloud.api.MyImageRequest;
import io.multicloud.api.MyImageStatus;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.ResourceKind;
import io.multicloud.spi.MyImageService;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The project's own images, made from a VM's boot disk ({@code forceCreate}, so the VM may run).
 * The source VM's name is kept in the image's description ({@code {"multicloud":{"sourceVm":...}}});
 * tags in the project store, mirrored as labels. Status: PENDING → CREATING, READY → AVAILABLE,
 * FAILED, anything else (DELETING) → CREATING until the image is gone.
 */
final class GcpMyImages implements MyImageService {
    private static final ResourceKind KIND = ResourceKind.MY_IMAGE;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final GcpContext ctx;
    private final GcpProjectStore store;
    private final GcpVms vms;

    GcpMyImages(GcpContext ctx, GcpVms vms) {
        this.ctx = ctx;
        this.store = new GcpProjectStore(ctx);
        this.vms = vms;
    }

    @Override
    public List<MyImage> list() {
        List<com.google.cloud.compute.v1.Image> images = new ArrayList<>();
        ctx.errors().run(KIND, null, () -> ctx.clients().images.get().list(ListImagesRequest.newBuilder().setProject(ctx.project()).build())
                .iterateAll().forEach(images::add));
        Map<String, String> items = store.items();
        return images.stream().map(i -> toRecord(i, items)).sorted(Comparator.comparing(MyImage::name)).toList();
    }

    @Override
    public Optional<MyImage> find(String nameOrId) {
        if (!nameOrId.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
            return Optional.empty();
        }
        if (nameOrId.matches("\\d+")) {
            return list().stream().filter(i -> i.id().equals(nameOrId)).findFirst();
        }
        try {
            com.google.cloud.compute.v1.Image i = ctx.errors().call(KIND, nameOrId, () -> ctx.clients().images.get()
                    .get(GetImageRequest.newBuilder().setProject(ctx.project()).setImage(nameOrId).build()));
            return Optional.of(toRecord(i, store.items()));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private static MyImage toRecord(com.google.cloud.compute.v1.Image i, Map<String, String> items) {
        MyImageStatus status = switch (i.getStatus()) {
            case "READY" -> MyImageStatus.AVAILABLE;
            case "FAILED" -> MyImageStatus.FAILED;
            default -> MyImageStatus.CREATING;
        };
        String source;
        try {
            source = JSON.readTree(i.getDescription()).path("multicloud").path("sourceVm").asText(null);
        } catch (Exception e) {
            source = null;
        }
        String key = GcpProjectStore.tagsKey(KIND, i.getName());
        Instant created = i.getCreationTimestamp().isEmpty() ? null : OffsetDateTime.parse(i.getCreationTimestamp()).toInstant();
        return new MyImage(i.getName(), Long.toUnsignedString(i.getId()), source != null ? source : GcpContext.last(i.getSourceDisk()),
                status, created, items.containsKey(key) ? GcpLabels.parse(items.get(key)) : i.getLabelsMap());
    }

    @Override
    public MyImage create(MyImageRequest request) {
        String name = request.name();
        Instance vm = vms.require(request.sourceVm());
        String bootDisk = vm.getDisksList().stream().filter(AttachedDisk::getBoot).map(AttachedDisk::getSource).findFirst()
                .orElseThrow(() -> new NotFoundException(ctx.error(ResourceKind.VM, request.sourceVm()), "the VM has no boot disk"));
        var description = JSON.createObjectNode();
        description.putObject("multicloud").put("sourceVm", request.sourceVm());
        com.google.cloud.compute.v1.Image image = com.google.cloud.compute.v1.Image.newBuilder().setName(name).setSourceDisk(bootDisk)
                .setDescription(description.toString()).putAllLabels(GcpLabels.labels(request.tags())).build();
        if (!request.tags().isEmpty()) {
            store.update(KIND, name, items -> {
                items.put(GcpProjectStore.tagsKey(KIND, name), GcpLabels.json(request.tags()));
                return items;
            });
        }
        ctx.operations().start(KIND, name, () -> ctx.clients().images.get().insertAsync(InsertImageRequest.newBuilder()
                .setProject(ctx.project()).setImageResource(image).setForceCreate(true).setRequestId(GcpOperations.requestId()).build()));
        return find(name).orElseThrow(() -> new NotFoundException(ctx.error(KIND, name), "the image is gone right after its creation"));
    }

    @Override
    public void delete(String name) {
        find(name).orElseThrow(() -> new NotFoundException(ctx.error(KIND, name), "no image of this project has this name"));
        ctx.operations().start(KIND, name, () -> ctx.clients().images.get().deleteAsync(DeleteImageRequest.newBuilder()
                .setProject(ctx.project()).setImage(name).setRequestId(GcpOperations.requestId()).build()));
        String key = GcpProjectStore.tagsKey(KIND, name);
        if (store.items().containsKey(key)) {
            store.update(KIND, name, items -> {
                items.remove(key);
                return items;
            });
        }
    }
}
